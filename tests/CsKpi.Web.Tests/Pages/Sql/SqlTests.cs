using System.Net;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Sql;

[Collection(SiteCollection.Name)]
public sealed class SqlTests(SiteFixture site)
{
    private static string Url(string query, string? more = null) => "/sql?q=" + Uri.EscapeDataString(query) + more;

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

        var html = await client.GetStringAsync(Url("select count(*) as agent_days from kpi_agent_daily"));

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
        using var csv = await client.GetAsync(Url("select 1", "&handler=Csv"));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
    }

    [Fact]
    public async Task A_statement_that_would_change_something_is_refused_on_the_page()
    {
        using var client = await site.Client("analyst");
        var before = LiveCount("marts.kpi_agent_daily");

        var html = await client.GetStringAsync(Url("drop table marts.kpi_agent_daily"));

        Assert.Contains("id=\"sql-error\"", html, StringComparison.Ordinal);
        Assert.Contains("DROP statements are refused", html, StringComparison.Ordinal);
        Assert.Equal(before, LiveCount("marts.kpi_agent_daily"));
        Assert.Contains($"<td class=\"n\">{before}</td>", await client.GetStringAsync(Url("select count(*) from kpi_agent_daily")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_a_hundred_rows_at_a_time()
    {
        using var client = await site.Client("analyst");

        var third = await client.GetStringAsync(Url("select range as i from range(250) order by i", "&p=3"));

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

        using var response = await client.GetAsync(Url("select range as i, '小A' as 客服 from range(25000)", "&handler=Csv"));
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
}
