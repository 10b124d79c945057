using System.Net;
using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Seed;
using CsKpi.Warehouse;
using CsKpi.Web.Tests.Support;
using Dapper;

namespace CsKpi.Web.Tests.Pages.Firm;

/// <summary>
/// The firm-wide page reads the Parquet lake, not the site's warehouse: two warehouses (two shards, one store each)
/// write into one lake root, and the page of a site that opens only the first shows both stores.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class FirmTests(SiteFixture site)
{
    [Fact]
    public async Task The_firm_wide_page_shows_the_stores_of_two_warehouses_from_one_lake()
    {
        var lake = Path.Combine(site.Folder, "lake-" + Guid.NewGuid().ToString("N"));
        ParquetLake.Write(site.Warehouse, lake);
        using var other = OtherShard();
        ParquetLake.Write(other, lake);
        var stores = new[] { Stores(site.Warehouse), Stores(other) };
        Assert.Single(stores[0]);
        Assert.Single(stores[1]);
        Assert.NotEqual(stores[0][0], stores[1][0]);

        // The lake's numbers are the two warehouses' numbers.
        var firm = LakeReader.Month(lake, "2026-03")!;
        Assert.Equal(stores.SelectMany(s => s).Order(StringComparer.Ordinal), firm.Stores.Select(s => s.StoreId).Order(StringComparer.Ordinal));
        foreach (var warehouse in new[] { site.Warehouse, other })
        {
            using var connection = warehouse.OpenConnection();
            var (store, sales, agents) = connection.QuerySingle<(string, double, long)>(
                "select store_id, sum(sales_amount)::double, count(distinct agent_id) from marts.kpi_agent_daily where month(business_day) = 3 group by store_id");
            var row = firm.Stores.Single(s => s.StoreId == store);
            Assert.Equal(sales, row.SalesAmount, 6);
            Assert.Equal(agents, row.Agents);
        }

        using var firmSite = site.Create(new Dictionary<string, string?> { ["Lake:Path"] = lake, ["SignIn:AttemptsPerMinute"] = "10000" });
        foreach (var role in new[] { "admin", "analyst" })
        {
            using var client = await SiteFixture.SignedIn(firmSite, role);
            var html = WebUtility.HtmlDecode(await client.GetStringAsync("/firm?month=2026-03"));
            var table = html[html.IndexOf("id=\"stores\"", StringComparison.Ordinal)..html.IndexOf("id=\"agents\"", StringComparison.Ordinal)];
            Assert.All(stores.SelectMany(s => s), store => Assert.Contains(store, table, StringComparison.Ordinal));
            var agentsTable = html[html.IndexOf("id=\"agents\"", StringComparison.Ordinal)..];
            Assert.All(stores.SelectMany(s => s), store => Assert.Contains(store, agentsTable, StringComparison.Ordinal));
        }

        // Supervisors and agents see one store or team: not the firm.
        foreach (var role in new[] { "supervisor", "agent", "hr" })
        {
            using var client = await SiteFixture.SignedIn(firmSite, role);
            using var response = await client.GetAsync("/firm");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task Without_a_lake_the_firm_wide_page_says_how_to_configure_one()
    {
        using var client = await site.Client("admin");

        var html = await client.GetStringAsync("/firm");

        Assert.Contains("id=\"no-lake\"", html, StringComparison.Ordinal);
    }

    /// <summary>A second warehouse holding another store: the seed's second store of the same days, loaded alone.</summary>
    private WarehouseDatabase OtherShard()
    {
        var folder = Path.Combine(site.Folder, "shard2-" + Guid.NewGuid().ToString("N"));
        var inbox = Path.Combine(folder, "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Agents = 3, Days = SiteFixture.Days, Start = SiteFixture.Start, Stores = 2, Seed = 12 });
        var second = StoreNames.Get(1).Id;
        foreach (var file in Directory.GetFiles(inbox, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith("agents", StringComparison.Ordinal))
            {
                var lines = File.ReadAllLines(file);
                File.WriteAllLines(file, lines.Take(1).Concat(lines.Skip(1).Where(l => l.Contains("," + second + ",", StringComparison.Ordinal))));
            }
            else if (!name.Contains("_s02", StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }

        var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(folder, "cskpi.duckdb")));
        var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox });
        Assert.True(result.Recompute is { Failures.Count: 0 }, "the second shard's checks failed");
        return warehouse;
    }

    private static List<string> Stores(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        return connection.Query<string>("select distinct store_id from marts.kpi_agent_daily order by 1").ToList();
    }
}
