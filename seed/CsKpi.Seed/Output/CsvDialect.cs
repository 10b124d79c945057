using System.Text;

namespace CsKpi.Seed.Output;

/// <summary>
/// How one kind of CSV file looks when a real system exports it: shop back-ends write Chinese headers and
/// Chinese wording (and GBK, when asked), HR exports from Excel carry a byte-order mark, and so on. The
/// data is the same in every format; only its spelling changes, which is what the ETL's aliases are for.
/// </summary>
public sealed record CsvDialect(
    bool ChineseHeaders,
    string TimestampFormat,
    string DateFormat,
    Encoding Encoding,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? TextWording = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<long, string>>? IntegerWording = null)
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static Encoding Gbk
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(936);
        }
    }

    public static readonly CsvDialect Plain = new(false, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", Utf8);

    private static readonly Dictionary<string, string> OrderStatusWording = new()
    {
        ["created"] = "等待买家付款",
        ["paid"] = "买家已付款，等待卖家发货",
        ["shipped"] = "卖家已发货，等待买家确认",
        ["completed"] = "交易成功",
        ["closed"] = "交易关闭",
        ["refunded"] = "退款成功",
    };

    private static readonly Dictionary<long, string> RatingWording = new()
    {
        [5] = "很满意",
        [4] = "满意",
        [3] = "一般",
        [2] = "不满意",
        [1] = "很不满意",
    };

    /// <summary>The dialect the seed writes each kind's CSV in.</summary>
    public static CsvDialect For(string kind, bool gbkOrders) => kind switch
    {
        "agents" => Plain with { Encoding = Utf8WithBom },
        "orders" => new CsvDialect(true, "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", gbkOrders ? Gbk : Utf8,
            TextWording: new Dictionary<string, IReadOnlyDictionary<string, string>> { ["status"] = OrderStatusWording }),
        "ratings" => new CsvDialect(true, "yyyy/M/d H:mm:ss", "yyyy/M/d", Utf8,
            IntegerWording: new Dictionary<string, IReadOnlyDictionary<long, string>> { ["score"] = RatingWording }),
        "courses" => Plain with { ChineseHeaders = true },
        "training" => Plain with { DateFormat = "yyyy/M/d" },
        _ => Plain,
    };
}
