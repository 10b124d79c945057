using CsKpi.Etl;
using Dapper;

namespace CsKpi.Warehouse.Tests;

/// <summary>
/// The state every project shares about a warehouse lives on the warehouse: its locks (one recompute, one ingest at a
/// time per warehouse, not per process) and Dapper's mapping (in place for any caller, not only once the site or the
/// career code has set it).
/// </summary>
public sealed class SharedStateTests
{
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    [Fact]
    public void Any_warehouse_query_maps_snake_case_columns_and_dates()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();

        var row = connection.QuerySingle<AgentDay>(
            "select 'a1' as agent_id, cast($day as date) + 1 as business_day", new { day = new DateOnly(2026, 3, 1) });

        Assert.Equal("a1", row.AgentId);
        Assert.Equal(new DateOnly(2026, 3, 2), row.BusinessDay);
    }

    [Fact]
    public void A_recompute_waits_for_its_own_warehouse_only()
    {
        using var busy = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var other = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));

        WhileHeld(busy.Locks.Recompute, () =>
        {
            Assert.True(Task.Run(() => MartRecompute.Incremental(other)).Wait(Generous), "another warehouse's recompute waited");
            var waiting = Task.Run(() => MartRecompute.Incremental(busy));
            Assert.False(waiting.Wait(Held), "a recompute ran while its warehouse's recompute lock was held");
            return waiting;
        });
    }

    [Fact]
    public void A_recompute_beside_a_load_in_flight_records_as_done_only_the_files_below_it()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var loading = warehouse.OpenConnection();
        using var other = warehouse.OpenConnection();
        Ledger(other, "ratings_1.csv");
        Assert.Equal(1, Through(MartRecompute.Incremental(warehouse), warehouse));

        // A load begins (LoadsInFlight, as InboxLoader does) and takes ledger id 2 in its transaction; a lane beside
        // it takes 3 and commits first.
        using (warehouse.LoadsInFlight.Begin(loading))
        {
            using (var transaction = loading.BeginTransaction())
            {
                Assert.Equal(2, Ledger(loading, "chats_1.csv"));
                Assert.Equal(3, Ledger(other, "orders_1.csv"));

                // File 2 is still loading: the recompute must leave it owed, not record 3 as done.
                Assert.Equal(1, Through(MartRecompute.Incremental(warehouse), warehouse));
                transaction.Commit();
            }
        }

        Assert.Equal(3, Through(MartRecompute.Incremental(warehouse), warehouse));
    }

    private static long Ledger(System.Data.IDbConnection connection, string file) => connection.ExecuteScalar<long>(
        "insert into etl.file_ledger (file_name, kind, content_hash, size_bytes, started_at, outcome) values ($file, 'chats', $file, 1, now()::timestamp, 'loaded') returning file_id",
        new { file });

    private static long Through(RecomputeReport report, WarehouseDatabase warehouse)
    {
        Assert.NotNull(report);
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<long>("select through_file_id from etl.recompute_run order by run_id desc limit 1");
    }

    [Fact]
    public void An_ingest_waits_for_its_own_warehouse_only()
    {
        var inbox = Directory.CreateTempSubdirectory("cskpi-shared-state-").FullName;
        try
        {
            using var busy = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
            using var other = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
            var options = new EtlOptions { Inbox = inbox, TempDirectory = Path.Combine(inbox, ".etl") };

            WhileHeld(busy.Locks.Ingest, () =>
            {
                Assert.True(Task.Run(() => new InboxLoader(other, options).IngestInbox()).Wait(Generous), "another warehouse's ingest waited");
                var waiting = Task.Run(() => new InboxLoader(busy, options).IngestInbox());
                Assert.False(waiting.Wait(Held), "an ingest ran while its warehouse's ingest lock was held");
                return waiting;
            });
        }
        finally
        {
            Directory.Delete(inbox, recursive: true);
        }
    }

    /// <summary>
    /// Holds <paramref name="gate"/> on a thread of its own while <paramref name="whileHeld"/> runs, then lets it go:
    /// the task <paramref name="whileHeld"/> returns (the one that waited) must then finish.
    /// </summary>
    private static void WhileHeld(Lock gate, Func<Task> whileHeld)
    {
        using var taken = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new Thread(() =>
        {
            using (gate.EnterScope())
            {
                taken.Set();
                release.Wait();
            }
        });
        holder.Start();
        taken.Wait();
        Task waiting;
        try
        {
            waiting = whileHeld();
        }
        finally
        {
            release.Set();
            holder.Join();
        }

        Assert.True(waiting.Wait(Generous), "the waiting work did not finish once the lock was free");
    }

    private sealed class AgentDay
    {
        public string AgentId { get; set; } = "";
        public DateOnly BusinessDay { get; set; }
    }
}
