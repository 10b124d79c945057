using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsKpi.Seed.Layouts;
using MiniExcelLibs;

namespace CsKpi.Seed.Tests.Support;

/// <summary>An order's state as one export shows it, in the contract's words (what a loader must make of the row).</summary>
public sealed record SeenOrder(string OrderId, decimal Amount, DateTime? PaidAt, string Status, decimal Refund);

/// <summary>
/// Reads the files of a seed run back, independently of the seed's writers: a small RFC 4180 reader, MiniExcel for
/// .xlsx, and each platform's status words mapped back to the contract's codes (the mapping docs/seed.md gives).
/// </summary>
public static class PlatformFiles
{
    public static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                if (c == '\r')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        return rows;
    }

    /// <summary>The sheet's cells as text (numbers invariant, dates as yyyy-MM-dd HH:mm:ss, empty as "").</summary>
    public static List<string[]> ReadXlsx(string path) =>
        MiniExcel.Query(path, useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v switch
            {
                null => "",
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }).ToArray())
            .ToList();

    /// <summary>The raw XML of the first sheet (to see what a cell holds before any reader trims it).</summary>
    public static string SheetXml(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>Rows as dictionaries keyed by header; the header is the first row.</summary>
    public static List<Dictionary<string, string>> Records(List<string[]> rows) =>
        rows.Skip(1).Select(r => rows[0].Select((h, i) => (h, v: i < r.Length ? r[i] : "")).ToDictionary(p => p.h, p => p.v)).ToList();

    public static string Gbk(string path) => SeedLoader.StrictGbk.GetString(File.ReadAllBytes(path));

    /// <summary>The order files of a run, oldest export first: platform exports by the minute in their name, the contract's month files before their updates.</summary>
    public static List<string> OrderFiles(string directory, Manifest manifest) =>
        manifest.Files.Where(f => f.Kind == "orders").Select(f => f.Name)
            .OrderBy(n => Layout(manifest) == "contract" ? (n.Contains("_updates", StringComparison.Ordinal) ? "1" : "0") + n : new string(n.Where(char.IsDigit).ToArray()),
                StringComparer.Ordinal)
            .ToList();

    private static string Layout(Manifest m) => m.Layout;

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static DateTime? Time(string text) =>
        text.Trim() is "" or "-" ? null : DateTime.ParseExact(text.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Every order state of one order file, in the contract's words.</summary>
    public static List<SeenOrder> Orders(Layout layout, string path) => layout switch
    {
        Layouts.Layout.Contract => Records(ReadCsv(File.ReadAllText(path))).Select(r => new SeenOrder(r["订单编号"], Money(r["买家实际支付金额"]),
            Time(r["订单付款时间"]), ContractStatus(r["订单状态"]), Money(r["退款金额"]))).ToList(),
        Layouts.Layout.Taobao => Records(ReadCsv(Gbk(path))).Select(r =>
        {
            var paid = Time(r["订单付款时间 "]);
            var refund = Money(r["退款金额"]);
            var status = refund > 0 ? "refunded" : r["订单状态"] switch
            {
                "等待买家付款" => "created",
                "买家已付款，等待卖家发货" => "paid",
                "卖家已发货，等待买家确认" => "shipped",
                "交易成功" => "completed",
                "交易关闭" or "交易被淘宝关闭" when paid is null => "closed",
                var other => "unknown: " + other,
            };
            return new SeenOrder(r["订单编号"].Trim('=', '"'), Money(r["买家实际支付金额"]), paid, status, refund);
        }).ToList(),
        Layouts.Layout.Jd => Records(ReadCsv(Gbk(path))).GroupBy(r => r["订单号"]).Select(g =>
        {
            var r = g.First();
            var paid = Time(r["付款确认时间"]);
            var amount = Money(r["应付金额"]);
            var status = r["订单状态"].Replace("(删除)", "", StringComparison.Ordinal) switch
            {
                "等待出库" or "锁定" or "暂停" => "paid",
                "等待确认收货" => "shipped",
                "完成" => "completed",
                "已取消" => paid is null ? "closed" : "refunded",
                var other => "unknown: " + other,
            };
            return new SeenOrder(g.Key, amount, paid, status, status == "refunded" ? amount : 0);
        }).ToList(),
        Layouts.Layout.Pdd => Records(ReadXlsx(path)).Select(r =>
        {
            var amount = Money(r["用户实付金额(元)"]);
            var status = r["订单状态"] switch
            {
                "待发货" => "paid",
                "已发货，待签收" => "shipped",
                "已签收" => "completed",
                "未发货，退款成功" or "已发货，退款成功" => "refunded",
                "已取消" => "closed",
                var other => "unknown: " + other,
            };
            return new SeenOrder(r["订单号"], amount, Time(r["支付时间"]), status, r["售后状态"] == "退款成功" ? amount : 0);
        }).ToList(),
        Layouts.Layout.Douyin => Records(ReadCsv(File.ReadAllText(path))).GroupBy(r => r["主订单编号"].TrimStart('\t')).Select(g =>
        {
            var r = g.First();
            var amount = g.Sum(x => Money(x["订单应付金额"]));
            var paid = Time(r["支付完成时间"]);
            var refunded = r["售后状态"] == "退款成功";
            var status = refunded ? "refunded" : r["订单状态"] switch
            {
                "待支付" => "created",
                "待发货" => "paid",
                "已发货" => "shipped",
                "已完成" => "completed",
                "已关闭" when paid is null => "closed",
                var other => "unknown: " + other,
            };
            return new SeenOrder(g.Key, amount, paid, status, refunded ? amount : 0);
        }).ToList(),
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    private static string ContractStatus(string word) => Spec.OrderStatuses[word];

    /// <summary>SHA-256 of every file under a folder (sub-folders too), by relative path.</summary>
    public static SortedDictionary<string, string> Hashes(string directory) =>
        new(Directory.GetFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
                f => Path.GetRelativePath(directory, f).Replace('\\', '/'),
                f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);
}
