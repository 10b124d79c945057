using CsKpi.Etl;
using CsKpi.Warehouse;
using Hangfire;
using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Sharding;
using Hangfire.InMemory;
using CsKpi.Web.Site;

namespace CsKpi.Web;

/// <summary>
/// Hangfire inside the process that owns the warehouse (the site), with its storage chosen by configuration. The jobs
/// and their schedule live in CsKpi.Jobs (<see cref="CsKpi.Jobs.Scheduling.JobSchedule"/>); this is their host.
/// </summary>
public static class JobHosting
{
    /// <summary>
    /// <see cref="JobHostingOptions"/> (<c>Jobs</c>): <c>Jobs:Storage</c> <c>InMemory</c> (the default) keeps queues and
    /// history in this process, which suits one process owning one warehouse; <c>Postgres</c> shares them with other
    /// job servers (<c>cskpi serve</c>), and <c>Jobs:Shards</c> splits the stores over warehouse files whose jobs run
    /// on their own queues (docs/scale-out.md). <c>Etl:Inbox</c> (<see cref="InboxOptions"/>): the inbox the scheduled
    /// ingest reads (default: <c>inbox</c> beside the warehouse file).
    /// </summary>
    public static IServiceCollection AddCsKpiJobs(this IServiceCollection services)
    {
        services.AddOptions<JobHostingOptions>().BindConfiguration(JobHostingOptions.Section);
        // Registered before AddHangfire, which then keeps it: each host gets its own storage, rather than sharing
        // Hangfire's static JobStorage.Current with any other host in the process (as tests start several).
        services.AddSingleton<JobStorage>(provider => Storage(provider));
        services.AddSingleton(provider => provider.Value<JobHostingOptions>() is var jobs
            ? JobTimeouts.From(jobs.InvisibilitySeconds, jobs.LockTimeoutSeconds) : JobTimeouts.Default);
        services.AddSingleton(provider => ShardMap.From(provider.Value<JobHostingOptions>().Shards, Directory.GetCurrentDirectory(),
            provider.Value<Site.LakeOptions>().Path));
        services.AddTransient<ShardJobs>();
        // Hangfire keeps its activator and its logging in statics, so a job could run in (and log through) another
        // host of the process, disposed or not. This host's own activator, and logging that outlives any host, keep
        // each site to itself.
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .UseCsKpiSerialization()
            .UseLogProvider(new JobLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((provider, options) =>
        {
            var jobs = provider.Value<JobHostingOptions>();
            options.WorkerCount = jobs.Workers;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.PollSeconds);
            // The default queue is the one warehouse's, as ever; a shard's queue only where this site serves the shard.
            options.Queues = ["default", .. ServedShards(jobs, provider.GetRequiredService<ShardMap>()).Select(s => s.Queue)];
        });
        services.AddHostedService<OwedWorkOnStart>();
        services.AddSingleton(provider => new EtlOptions
        {
            Inbox = Path.GetFullPath(provider.Value<InboxOptions>().InboxPath(provider.GetRequiredService<WarehouseDatabase>())),
        });
        return services;
    }

    /// <summary>
    /// Puts the recurring jobs on the clock, with any cron of <c>Jobs:Schedule:{id}</c> in place of the default, and
    /// serves Hangfire's dashboard at /hangfire to admins only (interfaces.md), through the site's own sign-in.
    /// </summary>
    public static void UseJobs(this WebApplication app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(Site.Policies.Admin, "/hangfire");
        JobSchedule.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.Value<JobHostingOptions>().Schedule,
            app.Services.GetRequiredService<ShardMap>());
    }

    /// <summary>
    /// <c>Jobs:Storage</c>: <c>InMemory</c> by default; <c>Postgres</c> when configured, or when only
    /// <see cref="SharedJobStorage.PostgresVariable"/> is set.
    /// </summary>
    private static JobStorage Storage(IServiceProvider provider)
    {
        var jobs = provider.Value<JobHostingOptions>();
        var connection = provider.GetRequiredService<IConfiguration>().GetConnectionString("Jobs") is { Length: > 0 } configured ? configured
            : Environment.GetEnvironmentVariable(SharedJobStorage.PostgresVariable);
        var storage = jobs.Storage ?? (string.IsNullOrEmpty(connection) ? "InMemory" : "Postgres");
        return storage.ToUpperInvariant() switch
        {
            "INMEMORY" => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(7) }),
            "POSTGRES" or "POSTGRESQL" => SharedJobStorage.Postgres(connection ?? "", provider.GetRequiredService<JobTimeouts>()),
            _ => throw new InvalidOperationException($"Jobs:Storage is '{storage}'; the storages built in are: InMemory (the default) and Postgres."),
        };
    }

    /// <summary>The shards whose queues this site listens on (<see cref="JobHostingOptions.ServeShards"/>).</summary>
    private static IEnumerable<Shard> ServedShards(JobHostingOptions jobs, ShardMap shards) => jobs.ServeShards.Trim().ToLowerInvariant() switch
    {
        "all" or "" => shards.All,
        "none" => [],
        var names => names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(shards.Get),
    };
}
