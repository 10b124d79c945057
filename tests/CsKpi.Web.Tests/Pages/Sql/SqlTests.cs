using System.Net;
using CsKpi.Web.Tests.Support;
using CsKpi.Warehouse;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests.Pages.Sql;

[Collection(SiteCollection.Name)]
public sealed class SqlTests(SiteFixture site)
{
    private static string Url(string query, string? more = null) => "/sql?q=" + Uri.EscapeDataString(query) + more;

    /// <summary>Runs a query the way the page's Run button does: a POST with the page's anti-forgery token.</summary>
    private static async Task<string> Run(HttpClient client, string query, int page = 1)
    {
        using var response = await SiteFixture.PostForm(client, "/sql", "/sql", new() { ["q"] = query, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private long LiveCount(string table)
    {
        using var connection = site.Warehouse.OpenConnection();
        return connection.ExecuteScalar<long>($"select count(*) from {table}");
    }

    [Theory]
    [InlineData("analyst")]
    [InlineData("admin")]
    public async Task An_analyst_or_admin_queries_the_snapshot_by_bare_names(string role)
    {
        using var client = await site.Client(role);

        var html = await Run(client, "select count(*) as agent_days from kpi_agent_daily");

        Assert.Contains("id=\"sql-result\"", html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"n\">{LiveCount("marts.kpi_agent_daily")}</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hr")]
    [InlineData("supervisor")]
    [InlineData("agent")]
    public async Task Other_roles_are_refused_the_page_and_the_download(string role)
    {
        using var client = await site.Client(role);

        using var page = await client.GetAsync("/sql");
        // With a valid token (from a page they may see), so the refusal is the role's, not the token's.
        using var run = await SiteFixture.PostForm(client, "/", "/sql", new() { ["q"] = "select 1" });
        using var csv = await SiteFixture.PostForm(client, "/", "/sql?handler=Csv", new() { ["q"] = "select 1" });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    [Fact]
    public async Task A_statement_that_would_change_something_is_refused_on_the_page()
    {
        using var client = await site.Client("analyst");
        var before = LiveCount("marts.kpi_agent_daily");

        var html = await Run(client, "drop table marts.kpi_agent_daily");

        Assert.Contains("id=\"sql-error\"", html, StringComparison.Ordinal);
        Assert.Contains("DROP 语句会被拒绝", html, StringComparison.Ordinal);
        Assert.Equal(before, LiveCount("marts.kpi_agent_daily"));
        Assert.Contains($"<td class=\"n\">{before}</td>", await Run(client, "select count(*) from kpi_agent_daily"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_a_hundred_rows_at_a_time()
    {
        using var client = await site.Client("analyst");

        var third = await Run(client, "select range as i from range(250) order by i", page: 3);

        Assert.Contains("<td class=\"n\">200</td>", third, StringComparison.Ordinal);
        Assert.Contains("<td class=\"n\">249</td>", third, StringComparison.Ordinal);
        Assert.DoesNotContain("<td class=\"n\">199</td>", third, StringComparison.Ordinal);
        Assert.Contains("3 / 3", third, StringComparison.Ordinal);
        Assert.Contains("250", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_download_holds_every_row_not_just_the_pages()
    {
        using var client = await site.Client("analyst");

        using var response = await SiteFixture.PostForm(client, "/sql", "/sql?handler=Csv", new() { ["q"] = "select range as i, '小A' as 客服 from range(25000)" });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("i,客服", lines[0]);
        Assert.Equal(25_001, lines.Length);
        Assert.Equal("24999,小A", lines[^1]);
    }

    [Fact]
    public async Task The_data_dictionary_shows_every_table_with_its_comment()
    {
        using var client = await site.Client("analyst");

        var html = await client.GetStringAsync("/sql");

        Assert.Contains("<code>marts.kpi_agent_daily</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>core.fct_order_credit</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>first_response_seconds</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("app.user_account", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_query_is_listed_and_its_author_can_delete_it()
    {
        using var client = await site.Client("analyst");
        var name = "每日接待 " + Guid.NewGuid().ToString("N")[..6];

        using var saved = await SiteFixture.PostForm(client, "/sql", "/sql?handler=Save",
            new() { ["q"] = "select business_day, sum(received_buyers) from kpi_agent_daily group by all", ["SaveName"] = name });
        var html = await saved.Content.ReadAsStringAsync();
        Assert.Contains(name, html, StringComparison.Ordinal);

        using var forged = await client.PostAsync("/sql?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = "select 1", ["SaveName"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        using var connection = site.Warehouse.OpenConnection();
        var id = connection.ExecuteScalar<long>("select query_id from app.saved_query where name = $name", new { name });
        using var deleted = await SiteFixture.PostForm(client, "/sql", $"/sql?handler=Delete&id={id}", []);
        Assert.Equal(0L, connection.ExecuteScalar<long>("select count(*) from app.saved_query where name = $name", new { name }));
    }

    [Fact]
    public async Task A_link_fills_the_box_and_runs_nothing()
    {
        using var client = await site.Client("analyst");

        var html = await client.GetStringAsync(Url("select 42 as answer"));

        Assert.Contains(">select 42 as answer</textarea>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sql-result\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"sql-error\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_without_the_pages_token_is_refused()
    {
        using var client = await site.Client("analyst");

        using var run = await client.PostAsync("/sql", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = "select 1" }));
        using var csv = await client.PostAsync("/sql?handler=Csv", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = "select 1" }));
        using var oldLink = await client.GetAsync(Url("select 1", "&handler=Csv"));

        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.NotEqual("text/csv", oldLink.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task When_every_place_is_taken_a_query_is_turned_away_in_the_pages_language()
    {
        using var client = await site.Client("analyst");
        var gate = site.Site.Services.GetRequiredService<SandboxGate>();
        var token = await SiteFixture.Token(client, "/sql");
        var held = Enumerable.Range(0, gate.Places).Select(_ => gate.TryEnter()).ToList();
        try
        {
            Assert.All(held, Assert.NotNull);
            var chinese = await Run(client, "select 1");
            using var switched = await SiteFixture.PostForm(client, "/sql", "/account/language", new() { ["culture"] = "en-US", ["back"] = "/sql" });
            var english = await Run(client, "select 1");

            Assert.Contains($"已有 {gate.Places} 个查询正在运行", chinese, StringComparison.Ordinal);
            Assert.Contains($"{gate.Places} queries are already running", english, StringComparison.Ordinal);
            Assert.DoesNotContain("id=\"sql-result\"", english, StringComparison.Ordinal);
        }
        finally
        {
            held.ForEach(place => place?.Dispose());
            using var back = await SiteFixture.PostForm(client, "/sql", "/account/language", new() { ["culture"] = "zh-CN", ["back"] = "/sql" });
        }

        Assert.Contains("id=\"sql-result\"", await Run(client, "select 1"), StringComparison.Ordinal);
        Assert.NotEmpty(token);
    }

    /// <summary>
    /// The query took the site from 0.6 GB to 6.3 GB. It is now stopped in the sandbox's own process, and
    /// the site's (this test process's) memory does not grow past <see cref="SiteMemoryBound"/> while it runs.
    /// </summary>
    [Fact]
    public async Task A_query_that_builds_a_huge_string_is_stopped_and_the_site_memory_stays_bounded()
    {
        using var client = await site.Client("analyst");
        var token = await SiteFixture.Token(client, "/sql");

        string html = "";
        var growth = await MemoryWatch.PeakGrowth(async () =>
        {
            using var response = await client.PostAsync("/sql", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["q"] = "select length(repeat('x', 3000000000))",
                ["__RequestVerificationToken"] = token,
            }));
            html = await response.Content.ReadAsStringAsync();
        });

        Assert.Contains("查询所需内存超过沙箱上限", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.True(growth < SiteMemoryBound, $"the site grew by {growth / 1024 / 1024} MB while the query ran");
    }

    /// <summary>What the site may grow by while an analyst's query runs: a page of rows, never the query's own memory.</summary>
    private const long SiteMemoryBound = 512L * 1024 * 1024;
}
