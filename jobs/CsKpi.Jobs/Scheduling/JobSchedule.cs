using Hangfire;

namespace CsKpi.Jobs.Scheduling;

/// <summary>One recurring job: its stable id (the dashboard's and the storage's key) and when it runs.</summary>
public sealed record RecurringJobEntry(string Id, string Cron, string Description);

/// <summary>
/// The recurring jobs (issue: ingest every 5 minutes, the provisional days nightly at 02:00), in the stores' time
/// zone. The snapshot is not on the clock: each ingest or recompute that changed something queues one.
/// </summary>
public static class JobSchedule
{
    public const string IngestInbox = "ingest-inbox";
    public const string RecomputeProvisional = "recompute-provisional";

    public static IReadOnlyList<RecurringJobEntry> Entries { get; } =
    [
        new(IngestInbox, "*/5 * * * *", "load new inbox files, recompute the days they touched, then write the analyst snapshot"),
        new(RecomputeProvisional, "0 2 * * *", "recompute the days whose conversions are still provisional (延迟统计)"),
    ];

    /// <summary>
    /// Asia/Shanghai: cron times are the stores' clock, not the server's (Hangfire's default is UTC). China has kept
    /// UTC+8 without daylight saving since 1991, so a machine without time-zone data gets the same clock from a fixed offset.
    /// </summary>
    public static TimeZoneInfo StoreTimeZone { get; } = FindStoreTimeZone();

    /// <summary>Registers (or updates) every entry under its stable id.</summary>
    public static void Register(IRecurringJobManager manager)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var options = new RecurringJobOptions { TimeZone = StoreTimeZone };
        manager.AddOrUpdate<ScheduledJobs>(IngestInbox, jobs => jobs.IngestInbox(CancellationToken.None), Cron(IngestInbox), options);
        manager.AddOrUpdate<ScheduledJobs>(RecomputeProvisional, jobs => jobs.RecomputeProvisional(), Cron(RecomputeProvisional), options);
    }

    private static string Cron(string id) => Entries.Single(e => e.Id == id).Cron;

    private static TimeZoneInfo FindStoreTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception error) when (error is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
