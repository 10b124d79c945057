using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Sharding;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests.Shards;

/// <summary>
/// Issue 19: job servers sharing one PostgreSQL, two store shards. Two <c>cskpi serve</c> processes ingest into both
/// shards at once; one is killed mid-ingest; its job goes to the other after the invisibility timeout, which takes the
/// shard over once the dead server's lock has aged out. Every file is loaded exactly once and both shards recomputed.
/// </summary>
public sealed partial class MultiServerTests(ITestOutputHelper log) : IDisposable
{
    /// <summary>Short, so the test waits seconds for the takeover rather than the production minutes.</summary>
    private const int InvisibilitySeconds = 8;

    private const int LockTimeoutSeconds = 25;

    private const int Sigterm = 15;

    private readonly string root = Path.Combine(Path.GetTempPath(), "cskpi-shards-" + Guid.NewGuid().ToString("N"));

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed child still held; the OS cleans its temp folder eventually.
        }
    }

    [PostgresFact]
    public void A_shards_jobs_go_to_its_own_queue_and_each_shard_gets_the_recurring_jobs()
    {
        using var pg = new PostgresBed();
        GlobalConfiguration.Configuration.UseCsKpiSerialization();
        var storage = SharedJobStorage.Postgres(pg.ConnectionString);
        var map = ShardMap.From(new Dictionary<string, ShardOptions>
        {
            ["a"] = new() { Warehouse = "a/cskpi.duckdb" },
            ["b"] = new() { Warehouse = "b/cskpi.duckdb" },
        }, root);

        new BackgroundJobClient(storage).Enqueue<ShardJobs>(jobs => jobs.IngestInbox("a", CancellationToken.None));
        var recurring = new RecurringJobManager(storage);
        JobSchedule.Register(recurring, null, map);
        recurring.Trigger(JobSchedule.ShardId(JobSchedule.RecomputeProvisional, "b"));

        using var connection = storage.GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).ToHashSet();
        foreach (var entry in JobSchedule.Entries)
        {
            // The one warehouse's jobs as before, and the same jobs for each shard.
            Assert.Contains(entry.Id, ids);
            Assert.Contains($"{entry.Id}@a", ids);
            Assert.Contains($"{entry.Id}@b", ids);
        }

        var queues = storage.GetMonitoringApi().Queues().ToDictionary(q => q.Name, q => q.Length);
        Assert.Equal(1, queues.GetValueOrDefault("shard_a"));
        Assert.Equal(1, queues.GetValueOrDefault("shard_b"));
        Assert.False(queues.ContainsKey("default"), string.Join(", ", queues.Keys));
    }

    [PostgresFact]
    public async Task Two_servers_ingest_two_shards_at_once_and_a_killed_servers_job_is_finished_by_the_other_exactly_once()
    {
        using var pg = new PostgresBed();
        var shards = SeedTwoShards();
        var config = WriteSettings(pg.ConnectionString, shards);
        GlobalConfiguration.Configuration.UseCsKpiSerialization();
        var storage = SharedJobStorage.Postgres(pg.ConnectionString, new JobTimeouts(TimeSpan.FromSeconds(InvisibilitySeconds), TimeSpan.FromSeconds(LockTimeoutSeconds)));

        using var one = ServeProcess.Start("one", config, log);
        using var two = ServeProcess.Start("two", config, log);
        await WaitFor(() => storage.GetMonitoringApi().Servers().Count == 2, TimeSpan.FromMinutes(2), "both servers to announce themselves", one, two);

        var client = new BackgroundJobClient(storage);
        var ingests = shards.ToDictionary(s => s.Name, s => client.Enqueue<ShardJobs>(jobs => jobs.IngestInbox(s.Name, CancellationToken.None)));

        // The first server to start an ingest is killed outright (SIGKILL: no safe point, no goodbye) while it loads the
        // shard's inbox: some files may have committed, the rest not, and the recompute is not done.
        var (victim, survivor, started) = await FirstToStart(one, two, TimeSpan.FromMinutes(3));
        var killedShard = started.Shard;
        var inbox = shards.Single(s => s.Name == killedShard).Inbox;
        await WaitFor(() => victim.Lines.Contains($"ingest-inbox: loading the inbox {inbox}", StringComparison.Ordinal), TimeSpan.FromMinutes(3),
            $"server {victim.Name} to start loading shard {killedShard}'s inbox", victim);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        victim.KillNow();
        var killedAt = DateTime.UtcNow;
        log.WriteLine($"{DateTime.UtcNow:HH:mm:ss} killed server {victim.Name} running job {started.JobId} (ingest of shard {killedShard})");
        Assert.DoesNotContain($"job {started.JobId} done", victim.Lines, StringComparison.Ordinal);
        Assert.Equal(ingests[killedShard], started.JobId);

        // Both ingests, and the snapshots they queue, finish on the survivor.
        await WaitFor(() => ingests.Values.All(id => State(storage, id) == "Succeeded") && SnapshotsWritten(storage).SetEquals(ingests.Keys) && Idle(storage),
            TimeSpan.FromMinutes(6), "both ingests and both snapshots to succeed and the shards' queues to empty", survivor);
        var history = storage.GetMonitoringApi().JobDetails(started.JobId).History;
        var processing = history.Where(h => h.StateName == "Processing").Select(h => (Server: h.Data["ServerId"], h.CreatedAt)).ToList();
        log.WriteLine(string.Join("\n", processing.Select(p => $"processing on {p.Server} at {p.CreatedAt:HH:mm:ss}")));
        Assert.Contains(processing, p => p.Server.StartsWith(victim.Name + ":", StringComparison.Ordinal));
        var takeover = Assert.Single(processing, p => p.Server.StartsWith(survivor.Name + ":", StringComparison.Ordinal));
        // Not taken from a live server: the job went back to its queue only when the dead one's heartbeat stopped.
        Assert.True(takeover.CreatedAt > killedAt.AddSeconds(-1), $"taken over at {takeover.CreatedAt:HH:mm:ss.fff}, before the kill at {killedAt:HH:mm:ss.fff}");
        log.WriteLine($"taken over {(takeover.CreatedAt - killedAt).TotalSeconds:0.0} s after the kill (invisibility timeout {InvisibilitySeconds} s)");

        Assert.Equal(0, await survivor.StopGracefully());
        Assert.Contains("cskpi serve: stopped", survivor.Lines, StringComparison.Ordinal);

        foreach (var shard in shards)
        {
            AssertLoadedExactlyOnceAndRecomputed(shard);
            AssertLakeHoldsEveryStore(shard);
        }

        // Both shards' stores side by side in the one lake, where the firm-wide page reads them.
        Assert.Equal(shards.Select(s => s.Store).Order(StringComparer.Ordinal), LakeStores(Path.Combine(root, "lake")));
    }

    /// <summary>
    /// Every file of the shard's inbox has exactly one ledger row, loaded (none twice, though a server died loading
    /// them); the shard holds its own stores only; the marts cover them; nothing is owed (the killed run's recompute
    /// and snapshot were finished by the survivor).
    /// </summary>
    private static void AssertLoadedExactlyOnceAndRecomputed(ShardBed shard)
    {
        // The seed's manifest (a dot file) is the seed tool's note, not an export; the loader passes it by.
        var files = Directory.EnumerateFiles(shard.Inbox, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Path.GetRelativePath(shard.Inbox, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(shard.Warehouse));
        using var connection = warehouse.OpenConnection();
        var ledger = connection.Query<(string File, string Outcome)>("select file_name, outcome from etl.file_ledger order by file_name").ToList();
        Assert.Equal(files, ledger.Select(l => l.File));
        Assert.All(ledger, l => Assert.Equal("loaded", l.Outcome));
        Assert.Equal(0, connection.ExecuteScalar<long>("select count(*) - count(distinct content_hash) from etl.file_ledger"));

        Assert.Equal([shard.Store], connection.Query<string>("select store_id from core.dim_store order by store_id"));
        Assert.Equal([shard.Store], connection.Query<string>("select distinct store_id from marts.kpi_store_daily"));
        Assert.True(connection.ExecuteScalar<long>("select count(*) from marts.kpi_agent_daily") > 0, $"shard {shard.Name} was not recomputed");
        var owed = OwedWork.Read(warehouse);
        Assert.False(owed.Any, $"shard {shard.Name} still owes: {owed.Describe()}");
    }

    /// <summary>
    /// The shared lake holds the shard's store: every month of its marts is a partition (hive folders
    /// store=&lt;id&gt;/month=&lt;yyyy-mm&gt;), and the lake's rows and sales of that store are the shard's own, though
    /// the server that began the work was killed mid-ingest and the other finished it.
    /// </summary>
    private void AssertLakeHoldsEveryStore(ShardBed shard)
    {
        var glob = ParquetLake.Glob(Path.Combine(root, "lake"), "kpi_agent_daily");
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(shard.Warehouse));
        using var connection = warehouse.OpenConnection();
        var months = connection.Query<string>(
            "select distinct strftime(business_day, '%Y-%m') from marts.kpi_agent_daily where store_id = $store order by 1",
            new { store = shard.Store }).ToList();
        Assert.NotEmpty(months);
        Assert.Equal(months, connection.Query<string>(
            $"select distinct month::varchar from read_parquet('{glob}', hive_partitioning = true) where store = $store order by 1",
            new { store = shard.Store }));

        var inWarehouse = connection.QuerySingle<(long Rows, double Sales)>(
            "select count(*), coalesce(sum(sales_amount), 0)::double from marts.kpi_agent_daily where store_id = $store", new { store = shard.Store });
        var inLake = connection.QuerySingle<(long Rows, double Sales)>(
            $"select count(*), coalesce(sum(sales_amount), 0)::double from read_parquet('{glob}', hive_partitioning = true) where store = $store",
            new { store = shard.Store });
        Assert.Equal(inWarehouse.Rows, inLake.Rows);
        Assert.Equal(inWarehouse.Sales, inLake.Sales, 2);
    }

    /// <summary>The stores the lake holds, as the firm-wide page reads them: every shard's.</summary>
    private static List<string> LakeStores(string lake)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection.Query<string>(
            $"select distinct store from read_parquet('{ParquetLake.Glob(lake, "kpi_agent_daily")}', hive_partitioning = true) order by store").ToList();
    }

    private sealed record ShardBed(string Name, string Store, string Warehouse, string Inbox);

    /// <summary>
    /// Two shards, one store each: the seed tool's month for its first store, and the same month renamed to another
    /// of its stores (暖居, so agents, rows and store all differ in name), so the shards hold different stores.
    /// </summary>
    private List<ShardBed> SeedTwoShards()
    {
        var a = new ShardBed("a", StoreNames.Get(0).Id, Path.Combine(root, "a", "cskpi.duckdb"), Path.Combine(root, "a", "inbox"));
        var b = new ShardBed("b", StoreNames.Get(1).Id, Path.Combine(root, "b", "cskpi.duckdb"), Path.Combine(root, "b", "inbox"));
        SeedRun.Run(new SeedOptions { OutputDirectory = a.Inbox, Agents = 8, Days = 20 });
        SeedRun.Run(new SeedOptions { OutputDirectory = b.Inbox, Agents = 8, Days = 20, Seed = 43 });
        var (fromPrefix, toPrefix) = (StoreNames.Get(0).Prefix, StoreNames.Get(1).Prefix);
        foreach (var file in Directory.EnumerateFiles(b.Inbox, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file, Encoding.UTF8);
            File.WriteAllText(file, text.Replace(a.Store, b.Store, StringComparison.Ordinal).Replace(fromPrefix, toPrefix, StringComparison.Ordinal),
                new UTF8Encoding(false));
        }

        return [a, b];
    }

    private string WriteSettings(string connectionString, List<ShardBed> shards)
    {
        var path = Path.Combine(root, "appsettings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            ConnectionStrings = new { Jobs = connectionString },
            Jobs = new
            {
                Storage = "Postgres",
                InvisibilitySeconds,
                LockTimeoutSeconds,
                Shards = shards.ToDictionary(s => s.Name, s => new { Warehouse = Path.GetRelativePath(root, s.Warehouse), Stores = new[] { s.Store } }),
            },
            Lake = new { Path = "lake" },
        }));
        return path;
    }

    private static string? State(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(id)?.Name;
    }

    /// <summary>The shards whose analyst snapshot job has succeeded.</summary>
    private static HashSet<string> SnapshotsWritten(JobStorage storage) =>
        storage.GetMonitoringApi().SucceededJobs(0, 100)
            .Where(j => j.Value.Job?.Method.Name == nameof(ShardJobs.WriteSnapshot))
            .Select(j => (string)j.Value.Job.Args[0])
            .ToHashSet(StringComparer.Ordinal);

    private static bool Idle(JobStorage storage)
    {
        var monitor = storage.GetMonitoringApi();
        return monitor.ProcessingCount() == 0 && monitor.ScheduledCount() == 0 && monitor.Queues().All(q => q.Length == 0);
    }

    /// <summary>The first "job N started: IngestInbox(shard)" line of either server.</summary>
    private static async Task<(ServeProcess Victim, ServeProcess Survivor, (string JobId, string Shard) Started)> FirstToStart(
        ServeProcess one, ServeProcess two, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            foreach (var (server, other) in new[] { (one, two), (two, one) })
            {
                if (StartedLine().Match(server.Lines) is { Success: true } match)
                {
                    return (server, other, (match.Groups["id"].Value, match.Groups["shard"].Value));
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no server started an ingest in {timeout}:\n--- one\n{one.Lines}\n--- two\n{two.Lines}");
    }

    private static async Task WaitFor(Func<bool> done, TimeSpan timeout, string what, params ServeProcess[] servers)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"waited {timeout} for {what}:\n"
                    + string.Join("\n", servers.Select(s => $"--- {s.Name}\n{s.Lines}")));
            }

            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"job (?<id>\d+) started: IngestInbox\((?<shard>[a-z0-9_]+)\)")]
    private static partial Regex StartedLine();

    /// <summary>A <c>cskpi serve</c> child process with one worker, its stderr collected (and echoed to the test log).</summary>
    private sealed class ServeProcess : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();

        private ServeProcess(string name, Process process)
        {
            Name = name;
            this.process = process;
        }

        public string Name { get; }

        public string Lines => string.Join("\n", lines);

        public static ServeProcess Start(string name, string config, ITestOutputHelper log)
        {
            var start = CskpiProcess.StartInfo("serve", "--config", config, "--workers", "1", "--name", name);
            start.Environment.Remove(SharedJobStorage.PostgresVariable);
            var process = new Process { StartInfo = start };
            var serve = new ServeProcess(name, process);
            void Line(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is { } line)
                {
                    serve.lines.Enqueue(line);
                    try
                    {
                        log.WriteLine($"[{name}] {line}");
                    }
                    catch (InvalidOperationException)
                    {
                        // The test has ended; the line is kept in Lines only.
                    }
                }
            }

            process.ErrorDataReceived += Line;
            process.OutputDataReceived += Line;
            process.Start();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            return serve;
        }

        public void KillNow() => process.Kill(entireProcessTree: true);

        /// <summary>SIGTERM, as a service manager stops it; the exit code.</summary>
        public async Task<int> StopGracefully()
        {
            Assert.Equal(0, Kill(process.Id, Sigterm));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return process.ExitCode;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            process.Dispose();
        }
    }
}
