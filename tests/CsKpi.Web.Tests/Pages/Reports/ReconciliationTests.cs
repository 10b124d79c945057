using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Warehouse;
using CsKpi.Web.Account;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Pages.Reports;

/// <summary>
/// A store with chats and a 赤兔 workload report of the same day (and a whole-month report row), loaded by the ingest
/// job, and the site on it with an admin, an analyst, a supervisor of 一组 and an agent.
/// </summary>
public sealed class ReconciliationSite : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-web-tests", Guid.NewGuid().ToString("N"));
    private readonly WarehouseDatabase warehouse;

    public ReconciliationSite()
    {
        var inbox = Path.Combine(folder, "inbox");
        // A1 (一组) answers b1 in 10 s and b2 in 40 s, never b3: received 3, reply rate 2/3, first response 25 s.
        // A2 (二组) answers b5 in 20 s: received 1.
        Write(inbox, "agents_001.csv", """
            agent_id,name,store_id,team,role,hired_on,left_on,level,coefficient,monthly_cost,as_of
            A1,张三,S,一组,presale,2026-01-01,,L1,0.9,6000,2026-03-01
            A2,李四,S,二组,presale,2026-01-01,,L1,0.9,6000,2026-03-01
            """);
        Write(inbox, "chats_001.csv", """
            message_id,store_id,buyer_id,agent_id,sender,sent_at,content
            m1,S,b1,A1,buyer,2026-03-02 10:00:00,在吗
            m2,S,b1,A1,agent,2026-03-02 10:00:10,在
            m3,S,b2,A1,buyer,2026-03-02 10:00:00,在吗
            m4,S,b2,A1,agent,2026-03-02 10:00:40,在
            m5,S,b3,A1,buyer,2026-03-02 10:05:00,在吗
            m6,S,b5,A2,buyer,2026-03-02 10:00:00,在吗
            m7,S,b5,A2,agent,2026-03-02 10:00:20,在
            """);
        // A1: received 3 (agrees), 70 % (−3.3 points: outside), 27 s (−7.4 %: within); A2: received 2 against 1 (within ±1).
        // A1's 平均响应 25.004 s against 25: a difference too small to show.
        Write(inbox, "S/客服工作量 2026-03-02.csv", """
            客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比,旺旺回复率,首次响应(秒),平均响应(秒)
            A1,3,3,3,0,5,0.67,70%,27,25.004
            A2,1,2,2,0,2,1,100%,20,20
            """);
        Write(inbox, "S/客服工作量 2026-03-01 ~ 2026-03-31.csv", """
            客服,咨询人数,接待人数,直接接待人数,转入人数,总消息,答问比
            A1,3,4,4,0,5,0.67
            """);
        WarehousePath = Path.Combine(folder, "cskpi.duckdb");
        warehouse = WarehouseDatabase.Open(new WarehouseOptions(WarehousePath));
        var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox });
        if (result.Recompute is { Failures.Count: > 0 } failed)
        {
            throw new InvalidOperationException("checks failed: " + string.Join("; ", failed.Failures));
        }

        Site = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("Warehouse:Path", WarehousePath);
            host.UseSetting("SignIn:AttemptsPerMinute", "10000");
        });
        var users = Site.Services.GetRequiredService<UserStore>();
        foreach (var role in new[] { Roles.Admin, Roles.Analyst, Roles.Supervisor, Roles.Agent })
        {
            users.Save(new UserAccount
            {
                UserName = role,
                DisplayName = role + " user",
                Role = role,
                StoreId = role is Roles.Supervisor or Roles.Agent ? "S" : null,
                Team = role == Roles.Supervisor ? "一组" : null,
                AgentId = role == Roles.Agent ? "A1" : null,
            }, SiteFixture.Password, "test");
        }
    }

    public string WarehousePath { get; }
    public WebApplicationFactory<Program> Site { get; }

    public Task<HttpClient> Client(string role) => SiteFixture.SignedIn(Site, role);

    private static void Write(string inbox, string name, string text)
    {
        var path = Path.Combine(inbox, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
    }

    public void Dispose()
    {
        Site.Dispose();
        warehouse.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may hold the file a moment after the last connection closes; a temp folder left behind is harmless.
        }
    }
}

/// <summary>报表核对 /reports/reconciliation: the report against CsKpi per agent-day and metric, scoped like every page.</summary>
public sealed partial class ReconciliationTests(ReconciliationSite site) : IClassFixture<ReconciliationSite>
{
    private const string March = "grain=month&from=2026-03-01&store=S";

    private static string Row(string html, string agent, string metric) =>
        RowPattern().Matches(html).Select(m => m.Value)
            .Single(r => r.Contains($"data-agent=\"{agent}\" data-metric=\"{metric}\"", StringComparison.Ordinal) && !r.Contains("~", StringComparison.Ordinal));

    [Fact]
    public async Task Each_metric_of_an_agent_day_shows_both_values_the_difference_and_the_verdict_with_totals_per_metric()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync($"/reports/reconciliation?{March}");

        var reply = Row(html, "A1", "reply_rate");
        Assert.Contains("70.0%", reply, StringComparison.Ordinal);
        Assert.Contains("66.7%", reply, StringComparison.Ordinal);
        Assert.Contains("-3.3 个百分点", reply, StringComparison.Ordinal);
        Assert.Contains("超出容差", reply, StringComparison.Ordinal);
        Assert.Contains("class=\"outside\"", reply, StringComparison.Ordinal);
        var first = Row(html, "A1", "first_response_seconds");
        Assert.Contains("-7.4%", first, StringComparison.Ordinal);
        Assert.Contains("一致", first, StringComparison.Ordinal);
        Assert.Equal(["25.0 秒", "25.0 秒", "0.0 秒", "0%", "一致"], Cells(Row(html, "A1", "avg_response_seconds"))[4..]);
        // The month's row is compared over the month: 1 of 31 days has chats.
        Assert.Contains("（1/31 天有聊天记录）", html, StringComparison.Ordinal);
        // Received: A1's day, A2's day and A1's month, all within ±1.
        Assert.Equal(["接待人数", "3", "3", "3", "0", "100%", "±2% 或 ±1"], Cells(TotalsRow(html, "received_buyers")));
        Assert.Contains("±2 个百分点", TotalsRow(html, "reply_rate"), StringComparison.Ordinal);
        Assert.DoesNotContain("总消息", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_outside_the_tolerance_and_one_metric_narrow_the_rows_and_the_english_page_has_no_chinese_words()
    {
        using var client = await site.Client("analyst");
        using var switched = await SiteFixture.PostForm(client, "/", "/account/language", new() { ["culture"] = "en-US", ["back"] = "/" });

        var html = await client.GetStringAsync($"/reports/reconciliation?{March}&outside=true");
        var received = await client.GetStringAsync($"/reports/reconciliation?{March}&metric=received_buyers");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Equal(["A1 reply_rate"], RowPattern().Matches(html).Select(m => DataPattern().Match(m.Value)).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}"));
        Assert.Contains("-3.3 pts", html, StringComparison.Ordinal);
        Assert.Contains("Outside tolerance", html, StringComparison.Ordinal);
        Assert.Equal(3, RowPattern().Matches(received).Count);
        // Interface words are English; the data (agent and team names, as loaded) may be Chinese.
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", Regex.Replace(Visible(html), "张三|李四|一组|二组|中文", "")); // 中文: the switch to the other language
    }

    [Fact]
    public async Task A_supervisor_sees_their_team_only_and_an_agent_is_refused()
    {
        using var supervisor = await site.Client("supervisor");
        using var agent = await site.Client("agent");

        var html = await supervisor.GetStringAsync($"/reports/reconciliation?{March}");
        var download = await supervisor.GetStringAsync($"/reports/reconciliation?{March}&handler=Export&format=csv");
        using var refused = await agent.GetAsync($"/reports/reconciliation?{March}");

        Assert.Contains("data-agent=\"A1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-agent=\"A2\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A2", download, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_downloads_have_every_row_as_numbers_and_text_never_a_formula()
    {
        using var client = await site.Client("admin");

        var csv = await client.GetStringAsync($"/reports/reconciliation?{March}&handler=Export&format=csv");
        var xlsx = await client.GetByteArrayAsync($"/reports/reconciliation?{March}&handler=Export&format=xlsx");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("客服账号,客服,报表中的客服,小组,开始日期,结束日期,天数,有聊天记录的天数,指标代码,指标,报表值,CsKpi 值,差异（CsKpi − 报表）", lines[0], StringComparison.Ordinal);
        var reply = Assert.Single(lines, l => l.StartsWith("A1,张三,A1,一组,2026-03-02,2026-03-02,1,1,reply_rate,", StringComparison.Ordinal));
        Assert.Contains(",0.7,", reply, StringComparison.Ordinal);
        Assert.Contains(",超出容差,", reply, StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToList();
        Assert.DoesNotContain(cells, c => c.CellFormula is not null);
        Assert.Equal(lines.Length * 18, cells.Count);
        Assert.Contains(cells, c => c.DataType?.Value == CellValues.Number && c.CellValue?.Text == "0.7");
    }

    private static string TotalsRow(string html, string metric)
    {
        var start = html.IndexOf($"<tr data-metric=\"{metric}\">", StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static string[] Cells(string row) => Regex.Matches(row, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToArray();

    /// <summary>The text a reader sees: no tags, no scripts or styles, no attribute values.</summary>
    private static string Visible(string html) => Regex.Replace(Regex.Replace(html, "<(script|style)[^>]*>.*?</\\1>", "", RegexOptions.Singleline), "<[^>]*>", " ");

    [GeneratedRegex("<tr class=\"[^\"]*\" data-agent=\"[^\"]*\" data-metric=\"[^\"]*\">.*?</tr>|<tr data-agent=\"[^\"]*\" data-metric=\"[^\"]*\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("data-agent=\"([^\"]*)\" data-metric=\"([^\"]*)\"")]
    private static partial Regex DataPattern();
}
