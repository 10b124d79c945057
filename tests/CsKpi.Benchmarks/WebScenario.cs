using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CsKpi.Seed;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// The site under load at the 10-million-message scale (scale 1: 1,000 agents × 30 days): the real site in its own
/// process (Release, Production, real Kestrel on loopback), 8 signed-in clients requesting the main pages and every
/// chart image on them for 30 s. Targets: p95 under 300 ms per page and under 150 ms per chart on 2 cores. The
/// baseline, measured in the same run, is the sign-in page: the framework's own cost with no query behind it.
/// Set CSKPI_BENCH_WAREHOUSE to a folder holding data/cskpi.duckdb already loaded to skip building one, and
/// CSKPI_BENCH_SITE to another build's CsKpi.Web.dll (e.g. main's, copied aside) to measure it on the same warehouse.
/// <para>Then the same 8 clients browse while an ingest runs in the same process, as it does in production (the site
/// is the job server that owns the warehouse): the next days of the same store (CSKPI_BENCH_INGEST_DAYS, default 6:
/// about 2 million chat messages at scale 1), seeded before the site starts, are dropped into the site's inbox and
/// the admin presses 数据 ETL's "Run now" (the signed-in form post the page has), which runs the ingest job and its
/// recompute in the request and queues the analyst snapshot on the site's job server. The clients browse until the
/// ingest has returned and the snapshot is written, at least 30 s. The site runs on a copy of the warehouse file,
/// so a given warehouse stays as it was and every run loads the same batch.</para>
/// The site's memory is its process's peak resident set (VmHWM) over the whole run, sampled as well every 250 ms,
/// against the bound docs/operations.md gives ("The site's memory").
/// </summary>
internal static partial class WebScenario
{
    private const int Clients = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IngestWaitLimit = TimeSpan.FromMinutes(20);
    private const string Password = "bench-password";
    private const double SiteMemoryBoundGiB = 3;

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var given = Environment.GetEnvironmentVariable("CSKPI_BENCH_WAREHOUSE");
        var root = given ?? Path.Combine(Path.GetTempPath(), $"cskpi-bench-web-{Environment.ProcessId}");
        var warehouse = Path.Combine(root, "data", "cskpi.duckdb");
        var days = Environment.GetEnvironmentVariable("CSKPI_BENCH_INGEST_DAYS") is { Length: > 0 } d ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 6;
        var run = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(root))!, $"cskpi-bench-web-run-{Environment.ProcessId}");
        try
        {
            if (!File.Exists(warehouse))
            {
                Build(root, scale);
            }

            // The site works on a copy: the ingest below changes the warehouse, and the next run must load the same batch.
            var copy = Path.Combine(run, "data", "cskpi.duckdb");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(warehouse, copy);
            if (File.Exists(warehouse + ".wal"))
            {
                File.Copy(warehouse + ".wal", copy + ".wal");
            }

            var inbox = Path.Combine(run, "inbox");
            Directory.CreateDirectory(inbox);
            var batch = days > 0 ? SeedBatch(Path.Combine(run, "batch"), scale, days) : null;

            var port = FreePort();
            using var site = StartSite(copy, inbox, port);
            using var sampler = new ResidentSampler(site.Id);
            try
            {
                var figures = Measure($"http://127.0.0.1:{port}", batch, inbox, copy, sampler).GetAwaiter().GetResult().ToList();
                figures.Add(new("site process: peak resident memory, whole run", PeakResidentGiB(site.Id), "GiB",
                    "VmHWM of the site's process over the run (start, quiet browsing, the ingest, its recompute and snapshot while browsing; DuckDB's native memory included)",
                    SiteMemoryBoundGiB, HigherIsBetter: false));
                sampler.Print();
                return figures;
            }
            finally
            {
                site.Kill(entireProcessTree: true);
                site.WaitForExit();
            }
        }
        finally
        {
            if (Directory.Exists(run))
            {
                Directory.Delete(run, recursive: true);
            }

            if (given is null && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>The same month as the recompute benchmark, loaded and recomputed by the real ingest.</summary>
    private static void Build(string root, int scale)
    {
        var inbox = Path.Combine(root, "data", "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Agents = 1000 * scale, Days = 30, Start = new DateOnly(2026, 3, 1), Format = SeedFormat.Csv });
        using var warehouse = CsKpi.Warehouse.WarehouseDatabase.Open(new CsKpi.Warehouse.WarehouseOptions(Path.Combine(root, "data", "cskpi.duckdb")));
        CsKpi.Jobs.IngestJob.Run(warehouse, new CsKpi.Etl.EtlOptions { Inbox = inbox });
    }

    /// <summary>
    /// The next days of the same store as a daily export brings them (chats, orders, ratings), from April 1: the
    /// history is March 1–30, and a new month's message ids start at that month's own base, so they are new messages
    /// (<see cref="NextDay"/> renumbers for a day inside a loaded month). The roster, courses and training a fresh run
    /// writes are left out, as <see cref="NextDay"/> leaves them out: they would restate the agents as at a run's start.
    /// </summary>
    private static IReadOnlyList<string> SeedBatch(string folder, int scale, int days)
    {
        var clock = Stopwatch.StartNew();
        SeedRun.Run(new SeedOptions { OutputDirectory = folder, Agents = 1000 * scale, Days = days, Start = new DateOnly(2026, 4, 1), Format = SeedFormat.Csv });
        var files = Directory.GetFiles(folder).Where(f => Path.GetFileName(f) is var n
            && (n.StartsWith("chats", StringComparison.Ordinal) || n.StartsWith("orders", StringComparison.Ordinal) || n.StartsWith("ratings", StringComparison.Ordinal))).ToList();
        Console.Error.WriteLine($"batch: {days} day(s) from 2026-04-01 seeded in {clock.Elapsed.TotalSeconds:N0} s: "
            + string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024.0 / 1024:N0} MB")));
        return files;
    }

    private static Process StartSite(string warehouse, string inbox, int port)
    {
        var dll = Environment.GetEnvironmentVariable("CSKPI_BENCH_SITE")
            ?? Path.Combine(RepositoryRoot(), "web", "CsKpi.Web", "bin", "Release", "net10.0", "CsKpi.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the benchmark project builds it (dotnet run -c Release).");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The inbox is the run's own (Etl:Inbox); the scheduled ingest is put off (Jobs:Schedule) so that the one
        // ingest measured is the admin's, started when the quiet figures are in.
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--Warehouse:Path", warehouse, "--SignIn:AttemptsPerMinute", "1000",
                     "--Etl:Inbox", inbox, "--Jobs:Schedule:ingest-inbox", "0 0 1 1 *" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CSKPI_ADMIN_PASSWORD"] = Password;
        // CSKPI_BENCH_SITE_ENV="DOTNET_gcServer=0;…": runtime settings to compare on the same warehouse.
        foreach (var setting in (Environment.GetEnvironmentVariable("CSKPI_BENCH_SITE_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = (setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
            start.Environment[name] = value;
            Console.Error.WriteLine($"site environment: {name}={value}");
        }

        var site = Process.Start(start)!;
        // The site's start finishes in the background what an earlier run left owed (OwedWorkOnStart: a warehouse
        // loaded by IngestJob alone owes its analyst snapshot); its log says when. Measured only after that.
        var settled = new ManualResetEventSlim();
        var startClock = Stopwatch.StartNew();
        site.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && (line.Contains("Nothing owed by an earlier run", StringComparison.Ordinal)
                    || line.Contains("Finished what an earlier run left owed", StringComparison.Ordinal)
                    || line.Contains("an earlier run left owed failed", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine($"site: start work done after {startClock.Elapsed.TotalSeconds:N0} s: {line.Trim()}");
                settled.Set();
            }
        };
        site.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine("site: " + line); } };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        Console.Error.WriteLine($"site: process {site.Id}");
        using var probe = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (site.HasExited)
            {
                throw new InvalidOperationException($"the site exited with {site.ExitCode} before answering");
            }

            try
            {
                if (probe.GetAsync($"http://127.0.0.1:{port}/account/signin").Result.IsSuccessStatusCode)
                {
                    if (!settled.Wait(TimeSpan.FromMinutes(15)))
                    {
                        throw new TimeoutException("the site's start did not finish its owed work within 15 minutes");
                    }

                    return site;
                }
            }
            catch (AggregateException)
            {
                Thread.Sleep(500);
            }
        }

        site.Kill(entireProcessTree: true);
        throw new TimeoutException("the site did not answer within 3 minutes");
    }

    private static async Task<IReadOnlyList<Figure>> Measure(string root, IReadOnlyList<string>? batch, string inbox, string warehouse, ResidentSampler sampler)
    {
        using var setup = await SignedIn(root);
        var agent = AgentLink().Match(await setup.GetStringAsync("/agents")).Groups[1].Value;
        var pages = new (string Name, string Path)[]
        {
            ("dashboard /", "/"),
            ("agents /agents", "/agents"),
            ("agent /agents/{id}", WebUtility.HtmlDecode(agent)),
            ("rankings /rankings", "/rankings"),
            ("scorecards /scorecards", "/scorecards"),
            ("reports /reports (month)", "/reports?grain=month"),
            ("training /training", "/training"),
            ("promotions /promotions", "/promotions"),
        };
        // Each page's chart images, as a browser would fetch them after the page.
        var charts = new Dictionary<string, string[]>();
        foreach (var (name, path) in pages)
        {
            charts[name] = ChartSource().Matches(await setup.GetStringAsync(path)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        }

        var sizes = new Dictionary<string, int>();
        foreach (var (name, path) in pages)
        {
            sizes[name] = (await setup.GetByteArrayAsync(path)).Length;
        }

        sampler.Phase = "quiet";
        var quietEnd = DateTime.UtcNow + Duration;
        var (quiet, quietSeconds) = await Browse(root, pages, charts, () => DateTime.UtcNow >= quietEnd);
        var figures = Figures(quiet, quietSeconds, sizes, "", null);
        figures.Add(new("site process: peak resident memory, quiet", sampler.PeakGiB(), "GiB",
            "VmHWM after start and 30 s of 8 clients with no ingest running", SiteMemoryBoundGiB, HigherIsBetter: false));
        if (batch is null)
        {
            return figures;
        }

        // From here the peak is the ingest phase's own (Linux resets VmHWM on "5" to clear_refs); the whole run's
        // peak is the larger of the two.
        var quietPeak = sampler.PeakGiB();
        var reset = sampler.ResetPeak();
        sampler.Phase = "ingest";
        var ingest = RunIngest(root, batch, inbox, warehouse);
        var minimumEnd = DateTime.UtcNow + Duration;
        var (during, duringSeconds) = await Browse(root, pages, charts, () => DateTime.UtcNow >= minimumEnd && ingest.IsCompleted);
        var (ingestSeconds, snapshotSeconds, summary) = await ingest;
        sampler.Phase = "after";
        var quietP95 = quiet.GroupBy(s => s.Group).ToDictionary(g => g.Key, g => Percentile(g.Select(s => s.Ms), 0.95));
        figures.Add(new("ingest in the site: the ingest job and its recompute (Run now)", ingestSeconds, "s", summary));
        figures.Add(new("ingest in the site: until the analyst snapshot is written", snapshotSeconds, "s", "from the drop into the inbox; the snapshot runs on the site's job server"));
        figures.AddRange(Figures(during, duringSeconds, sizes, "during ingest: ", quietP95));
        figures.Add(new("site process: peak resident memory, during the ingest", reset ? sampler.PeakGiB() : Math.Max(quietPeak, sampler.PeakGiB()), "GiB",
            (reset ? "VmHWM reset when the files were dropped: " : "VmHWM (could not be reset: the run's) ")
            + $"the ingest, its recompute and snapshot, 8 clients browsing; sampled every 250 ms: RSS at most {sampler.MaxSampledGiB("ingest"):N2} GiB",
            SiteMemoryBoundGiB, HigherIsBetter: false));
        return figures;
    }

    /// <summary>
    /// The admin drops the batch into the inbox and presses 数据 ETL's "Run now": the ingest job and its recompute run
    /// in that request, and the page answers when they are done; the snapshot they owe is queued on the site's job
    /// server, done when a new <c>analyst.duckdb</c> replaces the old one.
    /// </summary>
    private static async Task<(double Ingest, double Snapshot, string Summary)> RunIngest(string root, IReadOnlyList<string> batch, string inbox, string warehouse)
    {
        using var admin = await SignedIn(root, IngestWaitLimit);
        var token = WebUtility.HtmlDecode(Token().Match(await admin.GetStringAsync("/etl")).Groups[1].Value);
        var snapshot = Path.Combine(Path.GetDirectoryName(warehouse)!, "analyst.duckdb");
        var before = File.Exists(snapshot) ? File.GetLastWriteTimeUtc(snapshot) : DateTime.MinValue;
        var clock = Stopwatch.StartNew();
        foreach (var file in batch)
        {
            File.Move(file, Path.Combine(inbox, Path.GetFileName(file)));
        }

        using var response = await admin.PostAsync("/etl?handler=Run", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var page = await response.Content.ReadAsStringAsync();
        var ingest = clock.Elapsed.TotalSeconds;
        before = new[] { before, DateTime.UtcNow.AddSeconds(-ingest) }.Max();
        if (!response.IsSuccessStatusCode || page.Contains("upload-error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Run now answered {(int)response.StatusCode}: "
                + string.Join(" | ", Regex.Matches(page, "class=\"notice error[^>]*>([^<]*)").Select(m => m.Groups[1].Value).Take(5)));
        }

        var reported = Regex.Matches(page, "class=\"notice ok message\">([^<]*)").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        foreach (var file in batch.Select(Path.GetFileName))
        {
            if (!reported.Any(line => line.Contains(file!, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Run now did not report {file}: {string.Join(" | ", reported)}");
            }
        }

        while (!(File.Exists(snapshot) && File.GetLastWriteTimeUtc(snapshot) > before) && clock.Elapsed < IngestWaitLimit)
        {
            await Task.Delay(250);
        }

        Console.Error.WriteLine("ingest: " + string.Join(" | ", reported));
        return (ingest, clock.Elapsed.TotalSeconds, string.Join("; ", reported));
    }

    /// <summary>8 signed-in clients, each going round the pages (and each page's charts, and the sign-in page) until <paramref name="done"/>.</summary>
    private static async Task<(List<(string Group, double Ms)> Samples, double Seconds)> Browse(string root, (string Name, string Path)[] pages,
        Dictionary<string, string[]> charts, Func<bool> done)
    {
        var samples = new System.Collections.Concurrent.ConcurrentBag<(string Group, double Ms)>();
        var clients = Enumerable.Range(0, Clients).Select(async client =>
        {
            using var http = await SignedIn(root);
            var turn = client;
            while (!done())
            {
                var (name, path) = pages[turn++ % pages.Length];
                samples.Add((name, await Time(http, path)));
                foreach (var chart in charts[name])
                {
                    samples.Add(($"{name.Split(' ')[0]} charts", await Time(http, chart)));
                }

                samples.Add(("baseline: sign-in page", await Time(http, "/account/signin")));
            }
        }).ToList();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients);
        return (samples.ToList(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Each group's p95 (pages against 300 ms, charts 150 ms); during the ingest beside the quiet p95 of the same run.</summary>
    private static List<Figure> Figures(List<(string Group, double Ms)> samples, double seconds, Dictionary<string, int> sizes, string prefix,
        Dictionary<string, double>? quiet)
    {
        var figures = new List<Figure> { new($"{prefix}requests per second, {Clients} clients", samples.Count / seconds, "req/s", $"{samples.Count:N0} requests in {seconds:N0} s") };
        var baseline = Percentile(samples.Where(s => s.Group.StartsWith("baseline", StringComparison.Ordinal)).Select(s => s.Ms), 0.95);
        foreach (var group in samples.GroupBy(s => s.Group).OrderBy(g => g.Key.StartsWith("baseline", StringComparison.Ordinal)))
        {
            var times = group.Select(s => s.Ms).ToList();
            var isChart = group.Key.EndsWith("charts", StringComparison.Ordinal);
            var isBaseline = group.Key.StartsWith("baseline", StringComparison.Ordinal);
            figures.Add(new($"{prefix}{group.Key}: p95", Percentile(times, 0.95), "ms",
                $"p50 {Percentile(times, 0.5):N0} ms, {times.Count:N0} requests ({times.Count / seconds:N1}/s); baseline p95 {baseline:N0} ms"
                    + (quiet?.GetValueOrDefault(group.Key) is > 0 and var q ? $"; quiet p95 {q:N0} ms" : "")
                    + (quiet is null && sizes.TryGetValue(group.Key, out var bytes) ? $"; {bytes / 1024.0:N0} KB of HTML" : ""),
                isBaseline || quiet is not null ? null : isChart ? 150 : 300, HigherIsBetter: false));
        }

        return figures;
    }

    private static async Task<double> Time(HttpClient http, string path)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<HttpClient> SignedIn(string root, TimeSpan? timeout = null)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(root), Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        var form = await http.GetStringAsync("/account/signin");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);
        using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "admin", ["Password"] = Password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {response.StatusCode}");
        }

        return http;
    }

    /// <summary>
    /// The site's resident set every 250 ms (VmRSS, and of it RssAnon: the heaps, .NET's and DuckDB's, against RssFile:
    /// mapped files such as the runtime's libraries), each sample tagged with the phase of the run.
    /// </summary>
    private sealed class ResidentSampler : IDisposable
    {
        private readonly int pid;
        private readonly Timer timer;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly List<(double Seconds, string Phase, long Rss, long Anon, long File)> samples = [];

        public ResidentSampler(int pid)
        {
            this.pid = pid;
            timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        }

        public volatile string Phase = "start";

        public double PeakGiB() => PeakResidentGiB(pid);

        /// <summary>Linux resets VmHWM to the current RSS when "5" is written to the process's clear_refs.</summary>
        public bool ResetPeak()
        {
            try
            {
                File.WriteAllText($"/proc/{pid}/clear_refs", "5");
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        public double MaxSampledGiB(string phase)
        {
            lock (samples)
            {
                return samples.Where(s => s.Phase == phase).Select(s => s.Rss).DefaultIfEmpty().Max() / 1024.0 / 1024;
            }
        }

        private void Sample()
        {
            try
            {
                long Field(string[] lines, string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                    ? long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
                var status = File.ReadAllLines($"/proc/{pid}/status");
                lock (samples)
                {
                    samples.Add((clock.Elapsed.TotalSeconds, Phase, Field(status, "VmRSS:"), Field(status, "RssAnon:"), Field(status, "RssFile:")));
                }
            }
            catch (IOException)
            {
                // the site has exited
            }
        }

        /// <summary>The largest sample of every 5 s, to stderr: how the memory moved through the run.</summary>
        public void Print()
        {
            lock (samples)
            {
                foreach (var slice in samples.GroupBy(s => (int)(s.Seconds / 5)))
                {
                    var top = slice.MaxBy(s => s.Rss);
                    Console.Error.WriteLine($"rss: {slice.Key * 5,4} s {top.Phase,-6} RSS {top.Rss / 1024.0:N0} MiB (anon {top.Anon / 1024.0:N0}, file {top.File / 1024.0:N0})");
                }
            }
        }

        public void Dispose() => timer.Dispose();
    }

    /// <summary>The process's peak resident set (VmHWM) in GiB: DuckDB's native memory as well as the CLR's.</summary>
    private static double PeakResidentGiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024;
    }

    private static double Percentile(IEnumerable<double> values, double share)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CsKpi.Warehouse.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<img[^>]+src=\"([^\"]+)\"")]
    private static partial Regex ChartSource();

    [GeneratedRegex("href=\"(/agents/[^\"?]+)")]
    private static partial Regex AgentLink();
}
