using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace CsKpi.Jobs.Scheduling;

/// <summary>
/// The timeouts of jobs shared by several servers on PostgreSQL (docs/scale-out.md, "Job servers and shards").
/// <para><see cref="Invisibility"/>: a job whose server stops sending heartbeats (killed, machine lost) goes back to its
/// queue this long after the last heartbeat. The timeout slides (Hangfire.PostgreSql's
/// <c>UseSlidingInvisibilityTimeout</c>): a live server's heartbeat keeps a long job its own however long it runs, so
/// this can be short without a second server starting a job that is still running.</para>
/// <para><see cref="LockTimeout"/>: Hangfire.PostgreSql's <c>DistributedLockTimeout</c>, the longest a job may run. Its
/// locks are rows that nothing renews: a lock older than this is taken over by the next job that asks. A shard job
/// that runs longer loses its lock; DuckDB's own file lock then refuses the second server (it fails and retries), so
/// nothing runs twice, but raise it above the longest ingest. It is also how long a killed server's lock stalls its
/// shard before another server takes it over.</para>
/// </summary>
public sealed record JobTimeouts(TimeSpan Invisibility, TimeSpan LockTimeout)
{
    public static JobTimeouts Default { get; } = new(TimeSpan.FromMinutes(5), TimeSpan.FromHours(2));

    /// <summary>From configuration's <c>Jobs:InvisibilitySeconds</c> and <c>Jobs:LockTimeoutSeconds</c>; the defaults where null.</summary>
    public static JobTimeouts From(double? invisibilitySeconds, double? lockTimeoutSeconds) => new(
        invisibilitySeconds is > 0 ? TimeSpan.FromSeconds(invisibilitySeconds.Value) : Default.Invisibility,
        lockTimeoutSeconds is > 0 ? TimeSpan.FromSeconds(lockTimeoutSeconds.Value) : Default.LockTimeout);

    /// <summary>How long a shard job waits for the shard's lock: past <see cref="LockTimeout"/>, so a waiting job
    /// outlasts the lock a killed server left behind instead of failing.</summary>
    public TimeSpan LockWait => LockTimeout + TimeSpan.FromMinutes(1);
}

/// <summary>
/// Hangfire's storage on PostgreSQL, shared by the site and any number of <c>cskpi serve</c> workers, and the job
/// serialisation every one of them must agree on.
/// </summary>
public static class SharedJobStorage
{
    /// <summary>The connection string of the jobs' PostgreSQL, when configuration names none (<c>ConnectionStrings:Jobs</c>).</summary>
    public const string PostgresVariable = "CSKPI_JOBS_POSTGRES";

    /// <summary>Hangfire's schema in that database (its tables: job, jobqueue, lock, server, …).</summary>
    public const string DefaultSchema = "hangfire";

    /// <summary>
    /// The storage on <paramref name="connectionString"/>; creates or upgrades Hangfire's schema on first use. Queues
    /// are polled every second, so a second server notices a job within a second of its enqueue.
    /// </summary>
    public static PostgreSqlStorage Postgres(string connectionString, JobTimeouts? timeouts = null, string schema = DefaultSchema)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Jobs:Storage is Postgres but no connection string was given: set ConnectionStrings:Jobs or {PostgresVariable} "
                + "(e.g. Host=db;Port=5432;Database=cskpi;Username=cskpi;Password=…).");
        }

        timeouts ??= JobTimeouts.Default;
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = schema,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = timeouts.Invisibility,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = timeouts.LockTimeout,
            QueuePollInterval = TimeSpan.FromSeconds(1),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// How jobs are written to the storage: every process that enqueues or runs them (the site, <c>cskpi serve</c>,
    /// a test) says the same, or one could not read what another wrote.
    /// </summary>
    public static IGlobalConfiguration UseCsKpiSerialization(this IGlobalConfiguration configuration) => configuration
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();
}
