using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
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
        // The site joins the same jobs database as a job server of its own (the default queue: its own warehouse's
        // jobs) but serves no shard (Jobs:ServeShards none): the shards' owners are the two job servers, as
        // docs/scale-out.md deploys them, so the site never takes a shard's file while it serves pages.
        using var site = SiteProcess.Start(root, pg.ConnectionString, shards, log);
        await WaitFor(() => storage.GetMonitoringApi().Servers().Count == 3, TimeSpan.FromMinutes(2), "both job servers and the site to announce themselves",
            one, two, site);
        var siteServer = Assert.Single(storage.GetMonitoringApi().Servers(), s => !s.Name.StartsWith("one:", StringComparison.Ordinal)
            && !s.Name.StartsWith("two:", StringComparison.Ordinal));
        Assert.Equal(["default"], siteServer.Queues);

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
        await AssertFirmPageShowsEveryShard(site, shards);

        // The site ran no shard's job (it serves none), and its own queue stayed its own.
        Assert.DoesNotContain(site.Lines.Split('\n'), l => l.Contains("ingest-inbox: loading the inbox", StringComparison.Ordinal));
    }

    /// <summary>
    /// The site's firm-wide page, signed in as the admin, shows every shard's store with that store's month as its
    /// shard's warehouse has it (agents, buyers received, sales): read from the lake the servers wrote, by a site that
    /// opens neither shard's file.
    /// </summary>
    private static async Task AssertFirmPageShowsEveryShard(SiteProcess site, List<ShardBed> shards)
    {
        using var client = await site.SignedInAsAdmin();
        foreach (var shard in shards)
        {
            using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(shard.Warehouse));
            using var connection = warehouse.OpenConnection();
            var (month, agents, received, sales) = connection.QuerySingle<(string, long, long, double)>("""
                select strftime(max(business_day), '%Y-%m'), count(distinct agent_id), sum(received_buyers)::bigint, sum(sales_amount)::double
                from marts.kpi_agent_daily
                where strftime(business_day, '%Y-%m') = (select strftime(max(business_day), '%Y-%m') from marts.kpi_agent_daily)
                """);
            var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/firm?month=" + month));
            var start = html.IndexOf("id=\"stores\"", StringComparison.Ordinal);
            Assert.True(start >= 0, $"/firm has no store table:\n{html}");
            var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
            var row = StoreRow().Matches(table).SingleOrDefault(m => m.Groups["store"].Value == shard.Store);
            Assert.True(row is not null, $"/firm?month={month} has no row of shard {shard.Name}'s store {shard.Store}:\n{table}");
            Assert.Equal(agents, long.Parse(row.Groups["agents"].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(received, long.Parse(row.Groups["received"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(sales, double.Parse(row.Groups["sales"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture), 2);
        }
    }

    /// <summary>A row of the firm-wide page's store table: store, agents, buyers received, inquiries, final conversion, sales.</summary>
    [GeneratedRegex(@"<tr><td>(?<store>[^<]+)</td><td class=""n"">(?<agents>\d+)</td><td class=""n"">(?<received>[\d,]+)</td><td class=""n"">[^<]*</td><td class=""n"">[^<]*</td><td class=""n"">¥(?<sales>[\d,.]+)</td></tr>")]
    private static partial Regex StoreRow();

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

    private static async Task WaitFor(Func<bool> done, TimeSpan timeout, string what, params ChildProcess[] servers)
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

    /// <summary>A child process of the test, its stdout and stderr collected (and echoed to the test log).</summary>
    private abstract class ChildProcess : IDisposable
    {
        private readonly ConcurrentQueue<string> lines = new();

        protected ChildProcess(string name, ProcessStartInfo start, ITestOutputHelper log)
        {
            Name = name;
            start.Environment.Remove(SharedJobStorage.PostgresVariable);
            process = new Process { StartInfo = start };
            void Line(object sender, DataReceivedEventArgs e)
            {
                if (e.Data is { } line)
                {
                    lines.Enqueue(line);
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
        }

        protected Process process { get; }

        public string Name { get; }

        public string Lines => string.Join("\n", lines);

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

    /// <summary>A <c>cskpi serve</c> child process with one worker.</summary>
    private sealed class ServeProcess(string name, ProcessStartInfo start, ITestOutputHelper log) : ChildProcess(name, start, log)
    {
        public static ServeProcess Start(string name, string config, ITestOutputHelper log) =>
            new(name, CskpiProcess.StartInfo("serve", "--config", config, "--workers", "1", "--name", name), log);

        public void KillNow() => process.Kill(entireProcessTree: true);

        /// <summary>SIGTERM, as a service manager stops it; the exit code.</summary>
        public async Task<int> StopGracefully()
        {
            Assert.Equal(0, Kill(process.Id, Sigterm));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            return process.ExitCode;
        }
    }

    /// <summary>
    /// The site (web/CsKpi.Web, its build output beside the tests) as its own process: its own warehouse file, the jobs
    /// on the test's PostgreSQL, the two shards and the lake as the job servers have them, and no shard served. The
    /// recurring jobs are put on a cron that never comes (31 February), so only the test's jobs run; the test signs in
    /// as its first admin (CSKPI_ADMIN_PASSWORD).
    /// </summary>
    private sealed class SiteProcess(ProcessStartInfo start, ITestOutputHelper log) : ChildProcess("site", start, log)
    {
        private const string AdminPassword = "firm-admin-19";

        private const string Never = "0 0 31 2 *";

        public static SiteProcess Start(string root, string jobs, List<ShardBed> shards, ITestOutputHelper log)
        {
            // The site's own build output (the test project builds it first; CsKpi.Jobs.Tests.csproj, SiteDll).
            var dll = typeof(SiteProcess).Assembly.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "SiteDll").Value!;
            Assert.True(File.Exists(dll), $"the site is not built at {dll}; the test project references web/CsKpi.Web to build it first.");
            var start = new ProcessStartInfo(CskpiProcess.DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = root,
            };
            List<string> args =
            [
                "exec", dll, "--environment", "Production", "--urls", "http://127.0.0.1:0",
                "--Warehouse:Path", Path.Combine(root, "site", "cskpi.duckdb"),
                "--ConnectionStrings:Jobs", jobs, "--Jobs:Storage", "Postgres", "--Jobs:ServeShards", "none",
                "--Jobs:InvisibilitySeconds", InvisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Jobs:LockTimeoutSeconds", LockTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--Lake:Path", Path.Combine(root, "lake"),
            ];
            foreach (var shard in shards)
            {
                args.AddRange([$"--Jobs:Shards:{shard.Name}:Warehouse", shard.Warehouse, $"--Jobs:Shards:{shard.Name}:Stores:0", shard.Store]);
            }

            foreach (var entry in JobSchedule.Entries)
            {
                args.AddRange([$"--Jobs:Schedule:{entry.Id}", Never]);
            }

            args.ForEach(start.ArgumentList.Add);
            start.Environment["CSKPI_ADMIN_PASSWORD"] = AdminPassword;
            start.Environment.Remove(WarehouseOptions.LakeVariable);
            return new SiteProcess(start, log);
        }

        /// <summary>The address the site listens on, from its start-up log.</summary>
        public async Task<Uri> Address()
        {
            var clock = Stopwatch.StartNew();
            while (ListeningOn().Match(Lines) is not { Success: true } match)
            {
                if (process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"the site does not listen (exited: {process.HasExited}):\n{Lines}");
                }

                await Task.Delay(100);
            }

            return new Uri(ListeningOn().Match(Lines).Groups["url"].Value);
        }

        /// <summary>A client signed in as the first admin (who may see /firm); the form carries the page's anti-forgery token as a browser's does.</summary>
        public async Task<HttpClient> SignedInAsAdmin()
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = await Address() };
            var signedIn = await Post(client, "/account/signin", new() { ["UserName"] = "admin", ["Password"] = AdminPassword });
            Assert.True(signedIn.Status == System.Net.HttpStatusCode.Redirect, $"sign-in as admin answered {signedIn.Status}:\n{signedIn.Html}");
            return client;
        }

        /// <summary>Posts a form as a browser does: the token of its page (the url without its query), then the fields.</summary>
        private static async Task<(System.Net.HttpStatusCode Status, string Html)> Post(HttpClient client, string url, Dictionary<string, string> fields)
        {
            var form = await client.GetStringAsync(url.Split('?')[0]);
            fields["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(TokenField().Match(form).Groups[1].Value);
            using var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            return (response.StatusCode, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
