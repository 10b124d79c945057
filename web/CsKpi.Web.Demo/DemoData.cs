using CsKpi.Etl;
using CsKpi.Jobs;
using CsKpi.Seed;
using CsKpi.Seed.Layouts;
using CsKpi.Warehouse;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Demo;

/// <summary><c>Demo</c>: whether a first start in Development fills an empty warehouse, and with what.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool Enabled { get; set; } = true;
    public int Agents { get; set; } = 35;
    public int Days { get; set; } = 90;

    /// <summary>contract, taobao, jd, pdd or douyin (the seed tool's <c>--layout</c>).</summary>
    public string Layout { get; set; } = "taobao";

    /// <summary>
    /// Stores beside the first that have only the CS tools' reports (赤兔 售前, 客服工作量, 客服数据, 遵时率), their roster
    /// and orders, and no chats (the seed tool's <c>--report-only-stores</c>): most real stores can export nothing else.
    /// </summary>
    public int ReportOnlyStores { get; set; } = 1;
}

/// <summary>How far the demo load has come, for the site to show.</summary>
public enum DemoStage { Loading, Completing, Ready, Failed }

/// <summary>
/// What the site does as the demo load goes: show its stage, and give the demo sign-ins their team and agent once the
/// roster is in (the site's accounts are the site's business; this project knows only the data).
/// </summary>
public interface IDemoSite
{
    void Reached(DemoStage stage, string? error = null);

    void CreateDemoUsers();
}

public static class DemoRegistration
{
    /// <summary>The demo load as a hosted service; the site registers its <see cref="IDemoSite"/> beside it.</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        return services.AddHostedService<DemoDataLoader>();
    }
}

/// <summary>
/// First start in Development (interfaces.md): an empty warehouse is filled with the seed generator's files — 35
/// agents, 90 days ending yesterday — written to the inbox and loaded by the real ingest, in the background, so the
/// site answers at once and the dashboard fills within a minute. Then the demo users get their team and agent.
/// </summary>
public sealed partial class DemoDataLoader(WarehouseDatabase warehouse, EtlOptions etl, IDemoSite site, IOptions<DemoOptions> options, ILogger<DemoDataLoader> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => Load(stoppingToken), stoppingToken);

    /// <summary>Written into the staging folder once the seed is complete: a restart resumes from those files.</summary>
    private const string SeededMarker = ".seeded";

    private void Load(CancellationToken stop)
    {
        try
        {
            var staging = Path.Combine(Path.GetDirectoryName(warehouse.CanonicalPath)!, "demo-seed");
            // A first start killed part-way leaves its staging folder (and some files loaded): resume, don't skip.
            if (IsEmpty() || Directory.Exists(staging))
            {
                site.Reached(DemoStage.Loading);
                var inbox = etl.Inbox;
                var days = options.Value.Days;
                var yesterday = DateOnly.FromDateTime(DateTime.Now).AddDays(-1);
                if (!File.Exists(Path.Combine(staging, SeededMarker)))
                {
                    log.LogInformation("Empty warehouse: generating {Days} days of demo data and loading it from {Inbox}", days, inbox);
                    if (Directory.Exists(staging))
                    {
                        Directory.Delete(staging, recursive: true);
                    }

                    SeedRun.Run(new SeedOptions
                    {
                        OutputDirectory = staging,
                        Agents = options.Value.Agents,
                        Days = days,
                        Stores = 1 + options.Value.ReportOnlyStores,
                        ReportOnlyStores = options.Value.ReportOnlyStores,
                        Start = yesterday.AddDays(1 - days),
                        // A store's real files by default: Taobao's GBK order report and HR's workbooks, through the same ETL as a
                        // store's own (contract, jd, pdd or douyin by Demo:Layout). Taobao's orders carry the buyer, so they credit.
                        Layout = LayoutExtensions.Parse(options.Value.Layout),
                    });
                    File.WriteAllText(Path.Combine(staging, SeededMarker), "");
                }
                else
                {
                    log.LogWarning("The demo data load of an earlier start did not finish; resuming it from {Staging} and {Inbox}", staging, inbox);
                }

                // This month first (with the previous one early in a month), so the dashboard's default, the month to
                // date, shows within a minute; then the older months, which the incremental recompute folds in (loads
                // may come in any order).
                var recent = yesterday.AddMonths(yesterday.Day > 7 ? 0 : -1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                foreach (var older in new[] { false, true })
                {
                    stop.ThrowIfCancellationRequested();
                    MoveBatch(staging, inbox, older, recent);

                    // Also finishes what a killed earlier start owed (the recompute of files it had loaded).
                    var result = IngestJob.Run(warehouse, new EtlOptions { Inbox = inbox }, stop,
                        stage => log.LogInformation("Demo data: {Stage}", stage));
                    log.LogInformation("Demo data loaded: {Files} files", result.Files.Count);
                    if (!older)
                    {
                        site.Reached(DemoStage.Completing);
                        site.CreateDemoUsers();
                    }
                }

                Directory.Delete(staging, recursive: true);
                log.LogInformation("Demo data: writing the analyst snapshot");
                SnapshotJob.WriteIfOwed(warehouse, null, stop);
            }

            site.Reached(DemoStage.Ready);
            site.CreateDemoUsers();
            log.LogInformation("Demo data ready");
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception error)
        {
            site.Reached(DemoStage.Failed, error.Message);
            log.LogError(error, "Loading the demo data failed");
        }
    }

    /// <summary>
    /// Moves the seeded files of one pass to the inbox, keeping their sub-folders (a platform layout puts the exports
    /// without a store column in a folder named after the store); the manifest (a dot file) stays behind.
    /// </summary>
    internal static void MoveBatch(string staging, string inbox, bool older, string recent)
    {
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)
                     .Where(f => !Path.GetFileName(f).StartsWith('.') && IsOlder(Path.GetFileName(f), recent) == older))
        {
            var target = Path.Combine(inbox, Path.GetRelativePath(staging, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(file, target, overwrite: true);
        }
    }

    /// <summary>
    /// Chats, orders and ratings of a month before <paramref name="recent"/> (their names carry yyyy-MM), and the CS
    /// tools' reports whose period starts before it (售前绩效_2026-03-05.xlsx, 客服数据_20260301_20260331.csv: a Chinese
    /// name with a date after an underscore). Rosters (agents_…) go first, whatever their date. A platform's order
    /// export is named by its export time, not its month (twelve digits, or no underscore): it goes with the first pass
    /// (orders are small).
    /// </summary>
    private static bool IsOlder(string fileName, string recent) =>
        fileName.Split('_') is [var kind, var month, ..] && kind is "chats" or "orders" or "ratings"
            ? month.Length >= 7 && string.CompareOrdinal(month[..7], recent) < 0
            : !char.IsAsciiLetter(fileName[0]) && ReportPeriodStart().Match(fileName) is { Success: true } report
              && string.CompareOrdinal($"{report.Groups["year"].Value}-{report.Groups["month"].Value}", recent) < 0;

    [System.Text.RegularExpressions.GeneratedRegex(@"_(?<year>\d{4})-?(?<month>\d{2})-?\d{2}(?!\d)")]
    private static partial System.Text.RegularExpressions.Regex ReportPeriodStart();

    private bool IsEmpty()
    {
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<long>("select count(*) from etl.file_ledger") == 0;
    }
}
