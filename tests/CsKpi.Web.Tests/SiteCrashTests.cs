using System.Diagnostics;
using System.Globalization;
using CsKpi.Etl;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CsKpi.Web.Tests;

/// <summary>
/// The site killed and started again (issue 13): its first start on a new warehouse (the demo load) killed at each
/// stage and restarted ends as a start that was never killed; a start finishes what a killed run left owed; a
/// warehouse in a folder the site cannot write stops the start with a message, not a stack trace.
/// </summary>
public sealed class SiteCrashTests(ITestOutputHelper log) : IDisposable
{
    /// <summary>
    /// How long a start may take to reach a line before the test calls it hung: a safety net, not a speed bound (the
    /// root `dotnet test` runs two test projects at once, and a first start took over 3 minutes, the limit this was,
    /// on a loaded machine).
    /// </summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    private readonly string root = Path.Combine(Path.GetTempPath(), "cskpi-site-crash-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        ReadOnlyFolder.Restore(root);
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A killed site may hold a file a moment longer.
        }
    }

    [Fact]
    public async Task A_first_start_killed_at_any_stage_and_restarted_ends_as_an_unbroken_one()
    {
        var clock = Stopwatch.StartNew();
        var clean = Path.Combine(root, "clean");
        await using (var site = SiteProcess.Start(clean))
        {
            await site.WaitFor("Demo data ready", Patience);
            await site.Stop();
        }

        var expected = await Fingerprint(clean);
        log.WriteLine($"clean first start: {clock.Elapsed.TotalSeconds:F1} s");

        // Killed after each stage's log line (plus a random moment), and once at a random moment from the start.
        var random = new Random(13);
        (string? Line, int MaxDelayMs)[] kills =
        [
            ("Demo data: loading the inbox", 1500), ("Demo data: recomputing the marts", 1000),
            ("Demo data: writing the analyst snapshot", 300), (null, 6000),
        ];
        foreach (var (line, maxDelay) in kills)
        {
            var folder = Path.Combine(root, "trial" + Array.IndexOf(kills, (line, maxDelay)));
            var delay = random.Next(line is null ? 1000 : 0, maxDelay);
            await using (var site = SiteProcess.Start(folder))
            {
                if (line is not null)
                {
                    await site.WaitFor(line, Patience);
                }

                await Task.Delay(delay);
                site.Kill();
            }

            log.WriteLine($"killed {delay} ms after '{line ?? "start"}'");
            if (File.Exists(SiteProcess.WarehousePath(folder)))
            {
                var read = await IndependentReader.Run(SiteProcess.WarehousePath(folder));
                Assert.True(read.Exit == 0, $"the killed warehouse does not open: {read}");
            }

            await using (var site = SiteProcess.Start(folder))
            {
                await site.WaitFor("Demo data ready", Patience);
                await site.WaitForAny(["Nothing owed by an earlier run", "Finished what an earlier run left owed"], Patience);
                await site.Stop();
            }

            var actual = await Fingerprint(folder);
            Assert.Equal(expected.Warehouse, actual.Warehouse);
            Assert.Equal(expected.Snapshot, actual.Snapshot);
        }

        log.WriteLine($"all in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task The_site_s_start_finishes_the_recompute_and_snapshot_a_killed_ingest_left_owed()
    {
        using var empty = new EmptySite(fromTemplate: true);
        var inbox = Path.Combine(root, "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Agents = 4, Days = 5 });
        // The files commit and the process dies before the recompute: what the loader alone leaves.
        using (var warehouse = WarehouseDatabase.Open(new WarehouseOptions(empty.WarehousePath)))
        {
            new InboxLoader(warehouse, new EtlOptions { Inbox = inbox }).IngestInbox();
        }

        using var site = empty.Create("Testing");
        var opened = site.Services.GetRequiredService<WarehouseDatabase>();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long marts;
        var snapshot = Path.Combine(Path.GetDirectoryName(empty.WarehousePath)!, AnalystSnapshot.FileName);
        do
        {
            await Task.Delay(200);
            using var connection = opened.OpenConnection();
            marts = connection.ExecuteScalar<long>("select count(*) from marts.kpi_agent_daily");
        }
        while ((marts == 0 || !File.Exists(snapshot)) && DateTime.UtcNow < deadline);

        Assert.True(marts > 0, "the start did not recompute the owed loads");
        Assert.True(File.Exists(snapshot), "the start did not write the owed snapshot");
    }

    [Fact]
    public async Task A_warehouse_folder_the_site_cannot_write_stops_the_start_with_a_message()
    {
        var folder = ReadOnlyFolder.Make(root);
        await using var site = SiteProcess.Start(root, Path.Combine(folder, "cskpi.duckdb"), "Production");
        var exit = await site.Exited(TimeSpan.FromMinutes(1));

        Assert.Equal(1, exit);
        Assert.Contains($"{folder} is not writable", site.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", site.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", site.Error, StringComparison.Ordinal);
    }

    private static Task<IndependentReader.Fingerprints> Fingerprint(string folder) =>
        IndependentReader.Read(SiteProcess.WarehousePath(folder), Path.Combine(folder, "data", AnalystSnapshot.FileName));
}

/// <summary>The site as its own process (the build output next to the tests), with a small demo.</summary>
internal sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();
    private readonly System.Text.StringBuilder error = new();
    private readonly Lock gate = new();

    private SiteProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (gate) { return output.ToString(); } } }

    public string Error { get { lock (gate) { return error.ToString(); } } }

    public static string WarehousePath(string folder) => Path.Combine(folder, "data", "cskpi.duckdb");

    public static SiteProcess Start(string folder, string? warehouse = null, string environment = "Development")
    {
        var start = new ProcessStartInfo(IndependentReader.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "CsKpi.Web.dll"),
            "--environment", environment, "--urls", "http://127.0.0.1:0",
            "--Warehouse:Path", warehouse ?? WarehousePath(folder), "--Demo:Agents", "4", "--Demo:Days", "6"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CSKPI_ADMIN_PASSWORD"] = "crash-test";
        return new SiteProcess(Process.Start(start)!);
    }

    public Task WaitFor(string line, TimeSpan limit) => WaitForAny([line], limit);

    public async Task WaitForAny(string[] lines, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!lines.Any(l => Output.Contains(l, StringComparison.Ordinal)))
        {
            if (process.HasExited)
            {
                Assert.Fail($"the site exited ({process.ExitCode}) before '{lines[0]}':\n{Output}\n{Error}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no '{lines[0]}' within {limit}:\n{Output}\n{Error}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGTERM, as a service manager stops it, and its exit.</summary>
    public async Task Stop()
    {
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public async Task<int> Exited(TimeSpan limit)
    {
        await process.WaitForExitAsync().WaitAsync(limit);
        process.WaitForExit(); // drains the redirected output
        return process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(System.Text.StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (gate)
            {
                to.AppendLine(line);
            }
        }
    }
}
