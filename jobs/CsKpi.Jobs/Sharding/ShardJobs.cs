using CsKpi.Etl;
using CsKpi.Jobs.Scheduling;
using CsKpi.Warehouse;
using Hangfire;
using Hangfire.Logging;
using Hangfire.Storage;

namespace CsKpi.Jobs.Sharding;

/// <summary>
/// The jobs of one shard, on the shard's own queue (<c>shard_{name}</c>, by <see cref="QueueAttribute"/> from the
/// first argument), run by whichever server that listens on it fetches them first: the site, or a <c>cskpi serve</c>
/// on another machine. Each job takes the shard's distributed lock, opens the shard's warehouse file, runs the same
/// job as <see cref="ScheduledJobs"/> does for the one warehouse, and closes the file: the server holding the lock
/// is the shard's one owner for that while, and a shard whose owner died is taken over by the next job once the
/// lock has aged past <see cref="JobTimeouts.LockTimeout"/>. Different shards never wait for one another.
/// </summary>
public sealed class ShardJobs(ShardMap shards, JobStorage storage, IBackgroundJobClient queue, JobTimeouts timeouts)
{
    private static readonly ILog Log = LogProvider.GetLogger(typeof(ShardJobs));

    [Queue(Shard.QueuePrefix + "{0}")]
    [AutomaticRetry(Attempts = 3)]
    public string IngestInbox(string shard, CancellationToken cancellation) => Owning(shard, jobs => jobs.IngestInbox(cancellation));

    [Queue(Shard.QueuePrefix + "{0}")]
    [AutomaticRetry(Attempts = 3)]
    public string RecomputeProvisional(string shard, CancellationToken cancellation) => Owning(shard, jobs => jobs.RecomputeProvisional(cancellation));

    [Queue(Shard.QueuePrefix + "{0}")]
    [AutomaticRetry(Attempts = 3)]
    public string ReviewHalf(string shard, CancellationToken cancellation) => Owning(shard, jobs => jobs.ReviewHalf(cancellation));

    [Queue(Shard.QueuePrefix + "{0}")]
    [AutomaticRetry(Attempts = 3)]
    public string SampleChats(string shard, CancellationToken cancellation) => Owning(shard, jobs => jobs.SampleChats(cancellation));

    [Queue(Shard.QueuePrefix + "{0}")]
    [AutomaticRetry(Attempts = 3)]
    public string WriteSnapshot(string shard, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return Owning(shard, jobs => jobs.WriteSnapshot());
    }

    /// <summary>Runs <paramref name="job"/> on the shard's warehouse while holding the shard's lock.</summary>
    private string Owning(string name, Func<ScheduledJobs, string> job)
    {
        var shard = shards.Get(name);
        using var connection = storage.GetConnection();
        // Ingest, recompute, review and snapshot of one shard all write its one file: one lock for all of them.
        var held = connection.AcquireDistributedLock(shard.LockResource, timeouts.LockWait);
        string result;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(shard.Warehouse)!);
            // As every program opens a warehouse (CSKPI_MEMORY_LIMIT, CSKPI_TEMP_DIRECTORY), with the shard's own file and
            // lake; the shard's MemoryLimit, when set, before the environment's, and 60 % of the process when neither is.
            var options = WarehouseOptions.FromEnvironment(shard.Warehouse, WarehouseOptions.DefaultMemoryLimit()) with { LakePath = shards.LakePath };
            using var warehouse = WarehouseDatabase.Open(shard.MemoryLimit is { } limit ? options with { MemoryLimit = limit } : options);
            // The shard's store list is enforced at load: a file of another shard's store is refused, with where it goes.
            result = job(new ScheduledJobs(warehouse, new EtlOptions { Inbox = shard.Inbox, Shard = shards.StoresFor(shard) }, queue, shard.Name));
        }
        finally
        {
            Release(held, shard);
        }

        return $"shard {shard.Name} ({Environment.MachineName}, pid {Environment.ProcessId}): {result}";
    }

    /// <summary>
    /// A lock older than <see cref="JobTimeouts.LockTimeout"/> may have been taken over by another job, which then
    /// found the file still held (DuckDB's own lock) and failed to retry later; this job's work is committed, so that
    /// is a warning to raise the timeout, not a failure of this job.
    /// </summary>
    private void Release(IDisposable held, Shard shard)
    {
        try
        {
            held.Dispose();
        }
        catch (Hangfire.PostgreSql.PostgreSqlDistributedLockException error)
        {
            Log.Warn($"shard {shard.Name}: its lock was taken over while this job ran, which ran longer than Jobs:LockTimeoutSeconds "
                + $"({timeouts.LockTimeout.TotalSeconds:0} s); raise it above the longest job. ({error.Message})");
        }
    }
}
