using System.Text;
using System.Text.Json;
using CsKpi.Etl;
using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Sharding;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using Hangfire;
using Hangfire.InMemory;

namespace CsKpi.Jobs.Tests.Shards;

/// <summary>
/// A shard's store list (<c>Jobs:Shards:{name}:Stores</c>) enforced at load (issue 19): a shard's ingest refuses a file
/// of another shard's store, or of a store no shard lists, with where it belongs, while the shard's own stores' files
/// load; moved to the right shard's inbox, the file loads there.
/// </summary>
public sealed class ShardStoreListTests : IDisposable
{
    private const string Unlisted = "木子鞋履";

    private readonly string root = Path.Combine(Path.GetTempPath(), "cskpi-shard-stores-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_shards_ingest_refuses_another_stores_file_with_where_it_belongs_and_loads_its_own()
    {
        var (own, other) = (StoreNames.Get(0).Id, StoreNames.Get(1).Id);
        var seed = Path.Combine(root, "seed");
        SeedRun.Run(new SeedOptions { OutputDirectory = seed, Agents = 4, Days = 3, Stores = 2, Seed = 19 });
        var map = ShardMap.From(new Dictionary<string, ShardOptions>
        {
            ["a"] = new() { Warehouse = "a/cskpi.duckdb", Stores = [own] },
            ["b"] = new() { Warehouse = "b/cskpi.duckdb", Stores = [other] },
        }, root);
        var (a, b) = (map.Get("a"), map.Get("b"));

        // Shard a's inbox: its own store's files and the roster's rows of its store; then the second store's chats (shard
        // b's) and the second store's orders renamed to a store no shard lists, both dropped in the wrong inbox.
        Directory.CreateDirectory(a.Inbox);
        foreach (var file in Directory.GetFiles(seed).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.Contains("_s02", StringComparison.Ordinal)))
        {
            var lines = File.ReadAllLines(file, Encoding.UTF8);
            File.WriteAllLines(Path.Combine(a.Inbox, Path.GetFileName(file)),
                Path.GetFileName(file).StartsWith("agents", StringComparison.Ordinal) ? lines.Where((l, i) => i == 0 || l.Contains("," + own + ",", StringComparison.Ordinal)) : lines,
                new UTF8Encoding(false));
        }

        var otherChats = Path.GetFileName(Directory.GetFiles(seed, "chats_*_s02.csv").Single());
        File.Copy(Path.Combine(seed, otherChats), Path.Combine(a.Inbox, otherChats));
        var unlistedOrders = Path.GetFileName(Directory.GetFiles(seed, "orders_*_s02.csv").Single());
        File.WriteAllText(Path.Combine(a.Inbox, unlistedOrders),
            File.ReadAllText(Path.Combine(seed, unlistedOrders), Encoding.UTF8).Replace(other, Unlisted, StringComparison.Ordinal), new UTF8Encoding(false));

        var jobs = Jobs(map);
        jobs.IngestInbox("a", CancellationToken.None);

        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(a.Warehouse)))
        using (var connection = warehouse.OpenConnection())
        {
            var ledger = Ledger(connection);
            var refused = ledger.Where(l => l.Outcome == "rejected").ToList();
            Assert.Equal([otherChats, unlistedOrders], refused.Select(l => l.File).Order(StringComparer.Ordinal));
            Assert.All(ledger.Except(refused), l => Assert.Equal("loaded", l.Outcome));
            Assert.Equal(Directory.GetFiles(a.Inbox).Length - 2, ledger.Count(l => l.Outcome == "loaded"));

            // Where each belongs, in words a person acts on: the other shard and its inbox; or that no shard lists it.
            var toB = refused.Single(l => l.File == otherChats);
            Assert.Equal("file.store_other_shard", toB.Code);
            Assert.Equal(new Dictionary<string, string> { ["store"] = other, ["owner"] = "b", ["inbox"] = b.Inbox, ["shard"] = "a", ["stores"] = own }, Args(toB));
            Assert.Contains($"move the file to shard b's inbox {b.Inbox}", toB.Reason, StringComparison.Ordinal);
            var nowhere = refused.Single(l => l.File == unlistedOrders);
            Assert.Equal("file.store_no_shard", nowhere.Code);
            Assert.Equal(Unlisted, Args(nowhere)["store"]);
            Assert.Contains($"add {Unlisted} to the Stores of the shard that should hold it", nowhere.Reason, StringComparison.Ordinal);

            // Nothing of the refused files reached the shard: its raw layer, core and marts hold its own store only.
            Assert.Equal([own], connection.Query<string>("select distinct store_id from raw.chat_message order by 1"));
            Assert.Equal([own], connection.Query<string>("select store_id from core.dim_store order by 1"));
            Assert.Equal([own], connection.Query<string>("select distinct store_id from marts.kpi_agent_daily order by 1"));
            Assert.True(connection.ExecuteScalar<long>("select count(*) from marts.kpi_agent_daily") > 0, "the shard's own store was not recomputed");
        }

        // The next ingest reads a refused file again (its store may have been listed since) and keeps one refusal of it;
        // moved to shard b's inbox, the other store's chats load there.
        jobs.IngestInbox("a", CancellationToken.None);
        Directory.CreateDirectory(b.Inbox);
        File.Move(Path.Combine(a.Inbox, otherChats), Path.Combine(b.Inbox, otherChats));
        jobs.IngestInbox("b", CancellationToken.None);

        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(a.Warehouse)))
        using (var connection = warehouse.OpenConnection())
        {
            var refused = Ledger(connection).Where(l => l.Outcome == "rejected").Select(l => l.File).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([otherChats, unlistedOrders], refused);
        }

        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(b.Warehouse)))
        using (var connection = warehouse.OpenConnection())
        {
            var loaded = Assert.Single(Ledger(connection));
            Assert.Equal((otherChats, "loaded"), (loaded.File, loaded.Outcome));
            Assert.Equal([other], connection.Query<string>("select distinct store_id from raw.chat_message order by 1"));
        }
    }

    [Fact]
    public void A_shard_that_lists_no_store_loads_every_stores_file_as_before()
    {
        var seed = Path.Combine(root, "seed");
        SeedRun.Run(new SeedOptions { OutputDirectory = seed, Agents = 4, Days = 2, Stores = 2, Seed = 20 });
        var map = ShardMap.From(new Dictionary<string, ShardOptions> { ["a"] = new() { Warehouse = "a/cskpi.duckdb", Inbox = "seed" } }, root);

        Jobs(map).IngestInbox("a", CancellationToken.None);

        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(map.Get("a").Warehouse));
        using var connection = warehouse.OpenConnection();
        Assert.All(Ledger(connection), l => Assert.Equal("loaded", l.Outcome));
        Assert.Equal(new[] { StoreNames.Get(0).Id, StoreNames.Get(1).Id }.Order(StringComparer.Ordinal),
            connection.Query<string>("select distinct store_id from raw.chat_message").Order(StringComparer.Ordinal));
    }

    private static ShardJobs Jobs(ShardMap map)
    {
        GlobalConfiguration.Configuration.UseCsKpiSerialization();
        var storage = new InMemoryStorage(new InMemoryStorageOptions());
        return new ShardJobs(map, storage, new BackgroundJobClient(storage), JobTimeouts.Default);
    }

    private sealed record LedgerRow(string File, string Outcome, string? Code, string? ArgsJson, string? Reason);

    private static List<LedgerRow> Ledger(DuckDB.NET.Data.DuckDBConnection connection) =>
        connection.Query<LedgerRow>(
            "select file_name as File, outcome as Outcome, reason_code as Code, reason_args as ArgsJson, reason as Reason from etl.file_ledger order by file_name")
            .ToList();

    private static Dictionary<string, string> Args(LedgerRow row) => JsonSerializer.Deserialize<Dictionary<string, string>>(row.ArgsJson!)!;
}
