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

    /// <summary>
    /// Registers (or updates) every entry under its stable id. <paramref name="cronOverrides"/> replaces the cron of
    /// the ids it names (configuration <c>Jobs:Schedule:ingest-inbox</c>, say, for an inbox polled every minute).
    /// </summary>
    public static void Register(IRecurringJobManager manager, IReadOnlyDictionary<string, string?>? cronOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var unknown = cronOverrides?.Keys.Except(Entries.Select(e => e.Id)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Jobs:Schedule names no such job: {string.Join(", ", unknown)}; the jobs are {string.Join(", ", Entries.Select(e => e.Id))}.");
        }

        var options = new RecurringJobOptions { TimeZone = StoreTimeZone };
        string Cron(string id) => cronOverrides?.GetValueOrDefault(id) is { Length: > 0 } given ? given : Entries.Single(e => e.Id == id).Cron;
        manager.AddOrUpdate<ScheduledJobs>(IngestInbox, jobs => jobs.IngestInbox(CancellationToken.None), Cron(IngestInbox), options);
        manager.AddOrUpdate<ScheduledJobs>(RecomputeProvisional, jobs => jobs.RecomputeProvisional(), Cron(RecomputeProvisional), options);
    }

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
