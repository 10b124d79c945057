using CsKpi.Jobs.Sharding;
using Hangfire;

namespace CsKpi.Jobs.Scheduling;

/// <summary>One recurring job: its stable id (the dashboard's and the storage's key) and when it runs.</summary>
public sealed record RecurringJobEntry(string Id, string Cron, string Description);

/// <summary>
/// The recurring jobs (ingest every 5 minutes, the provisional days nightly at 02:00, the half-yearly review on Jan 1
/// and Jul 1 at 00:30, the weekly chat sample), in the stores' time zone. The snapshot is not on the clock: each ingest or recompute that changed something queues one.
/// </summary>
public static class JobSchedule
{
    public const string IngestInbox = "ingest-inbox";
    public const string RecomputeProvisional = "recompute-provisional";
    public const string ReviewHalf = "review-half";
    public const string SampleChats = "sample-chats";

    public static IReadOnlyList<RecurringJobEntry> Entries { get; } =
    [
        new(IngestInbox, "*/5 * * * *", "load new inbox files, recompute the days they touched, then write the analyst snapshot"),
        new(RecomputeProvisional, "0 2 * * *", "recompute the days whose conversions are still provisional (延迟统计)"),
        new(ReviewHalf, "30 0 1 1,7 *", "the half-yearly promotion review of the half just ended (Jan 1 and Jul 1)"),
        new(SampleChats, "0 3 * * 1", "pick last week's receptions per agent for quality review (Mondays)"),
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
    /// <para>With <paramref name="shards"/>, each shard gets the same jobs as well, with ids <c>{id}@{shard}</c>, on
    /// the shard's own queue (<see cref="ShardJobs"/>), at the same cron.</para>
    public static void Register(IRecurringJobManager manager, IReadOnlyDictionary<string, string?>? cronOverrides = null, ShardMap? shards = null)
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
        manager.AddOrUpdate<ScheduledJobs>(RecomputeProvisional, jobs => jobs.RecomputeProvisional(CancellationToken.None), Cron(RecomputeProvisional), options);
        manager.AddOrUpdate<ScheduledJobs>(ReviewHalf, jobs => jobs.ReviewHalf(CancellationToken.None), Cron(ReviewHalf), options);
        manager.AddOrUpdate<ScheduledJobs>(SampleChats, jobs => jobs.SampleChats(CancellationToken.None), Cron(SampleChats), options);
        foreach (var shard in shards?.All ?? [])
        {
            var name = shard.Name;
            manager.AddOrUpdate<ShardJobs>(ShardId(IngestInbox, name), jobs => jobs.IngestInbox(name, CancellationToken.None), Cron(IngestInbox), options);
            manager.AddOrUpdate<ShardJobs>(ShardId(RecomputeProvisional, name), jobs => jobs.RecomputeProvisional(name, CancellationToken.None),
                Cron(RecomputeProvisional), options);
            manager.AddOrUpdate<ShardJobs>(ShardId(ReviewHalf, name), jobs => jobs.ReviewHalf(name, CancellationToken.None), Cron(ReviewHalf), options);
            manager.AddOrUpdate<ShardJobs>(ShardId(SampleChats, name), jobs => jobs.SampleChats(name, CancellationToken.None), Cron(SampleChats), options);
        }
    }

    /// <summary>A shard's recurring job id: <c>ingest-inbox@a</c>.</summary>
    public static string ShardId(string id, string shard) => $"{id}@{shard}";

    /// <summary>Today on the stores' clock, which is what "the half just ended" and "last week" are counted in.</summary>
    public static DateOnly StoreToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, StoreTimeZone));

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
