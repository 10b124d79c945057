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
/// The site's memory is its process's peak resident set over the whole run, against the bound docs/operations.md
/// gives (its DuckDB memory_limit, 2 GiB, plus 1 GiB for the runtime, the bounded cache and what DuckDB does not count).
/// </summary>
internal static partial class WebScenario
{
    private const int Clients = 8;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private const string Password = "bench-password";
    private const double SiteMemoryBoundGiB = 3;

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var given = Environment.GetEnvironmentVariable("CSKPI_BENCH_WAREHOUSE");
        var root = given ?? Path.Combine(Path.GetTempPath(), $"cskpi-bench-web-{Environment.ProcessId}");
        var warehouse = Path.Combine(root, "data", "cskpi.duckdb");
        try
        {
            if (!File.Exists(warehouse))
            {
                Build(root, scale);
            }

            var port = FreePort();
            using var site = StartSite(warehouse, port);
            try
            {
                var figures = Measure($"http://127.0.0.1:{port}").GetAwaiter().GetResult().ToList();
                figures.Add(new("site process: peak resident memory", PeakResidentGiB(site.Id), "GiB",
                    "VmHWM of the site's process over the run (start, every request, DuckDB's native memory included)", SiteMemoryBoundGiB, HigherIsBetter: false));
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

    private static Process StartSite(string warehouse, int port)
    {
        var dll = Environment.GetEnvironmentVariable("CSKPI_BENCH_SITE")
            ?? Path.Combine(RepositoryRoot(), "web", "CsKpi.Web", "bin", "Release", "net10.0", "CsKpi.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the benchmark project builds it (dotnet run -c Release).");
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--Warehouse:Path", warehouse, "--SignIn:AttemptsPerMinute", "1000" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CSKPI_ADMIN_PASSWORD"] = Password;
        var site = Process.Start(start)!;
        site.OutputDataReceived += (_, _) => { };
        site.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { Console.Error.WriteLine("site: " + line); } };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
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

    private static async Task<IReadOnlyList<Figure>> Measure(string root)
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

        var samples = new System.Collections.Concurrent.ConcurrentBag<(string Group, double Ms)>();
        var stop = DateTime.UtcNow + Duration;
        var clients = Enumerable.Range(0, Clients).Select(async client =>
        {
            using var http = await SignedIn(root);
            var turn = client;
            while (DateTime.UtcNow < stop)
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
        var seconds = clock.Elapsed.TotalSeconds;

        var figures = new List<Figure> { new($"requests per second, {Clients} clients", samples.Count / seconds, "req/s", $"{samples.Count:N0} requests in {seconds:N0} s") };
        var baseline = Percentile(samples.Where(s => s.Group.StartsWith("baseline", StringComparison.Ordinal)).Select(s => s.Ms), 0.95);
        foreach (var group in samples.GroupBy(s => s.Group).OrderBy(g => g.Key.StartsWith("baseline", StringComparison.Ordinal)))
        {
            var times = group.Select(s => s.Ms).ToList();
            var isChart = group.Key.EndsWith("charts", StringComparison.Ordinal);
            var isBaseline = group.Key.StartsWith("baseline", StringComparison.Ordinal);
            figures.Add(new($"{group.Key}: p95", Percentile(times, 0.95), "ms",
                $"p50 {Percentile(times, 0.5):N0} ms, {times.Count:N0} requests ({times.Count / seconds:N1}/s); baseline p95 {baseline:N0} ms"
                    + (sizes.TryGetValue(group.Key, out var bytes) ? $"; {bytes / 1024.0:N0} KB of HTML" : ""),
                isBaseline ? null : isChart ? 150 : 300, HigherIsBetter: false));
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

    private static async Task<HttpClient> SignedIn(string root)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(root), Timeout = TimeSpan.FromMinutes(2) };
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
