using CsKpi.Etl;
using CsKpi.Warehouse;
using Hangfire;
using CsKpi.Jobs.Scheduling;
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
    /// history in this process, which suits one process owning one warehouse; a persistent storage plugs in as one
    /// more case here, the jobs untouched. <c>Etl:Inbox</c> (<see cref="InboxOptions"/>): the inbox the scheduled
    /// ingest reads (default: <c>inbox</c> beside the warehouse file).
    /// </summary>
    public static IServiceCollection AddCsKpiJobs(this IServiceCollection services)
    {
        services.AddOptions<JobHostingOptions>().BindConfiguration(JobHostingOptions.Section);
        // Registered before AddHangfire, which then keeps it: each host gets its own storage, rather than sharing
        // Hangfire's static JobStorage.Current with any other host in the process (as tests start several).
        services.AddSingleton<JobStorage>(provider => provider.Value<JobHostingOptions>().Storage switch
        {
            "InMemory" => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(7) }),
            var storage => throw new InvalidOperationException(
                $"Jobs:Storage is '{storage}'; the storages built in are: InMemory. A persistent one needs its Hangfire package and a case in JobHosting.AddCsKpiJobs."),
        });
        // Hangfire keeps its activator and its logging in statics, so a job could run in (and log through) another
        // host of the process, disposed or not. This host's own activator, and logging that outlives any host, keep
        // each site to itself.
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new JobLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((provider, options) =>
        {
            var jobs = provider.Value<JobHostingOptions>();
            options.WorkerCount = jobs.Workers;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(jobs.PollSeconds);
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
        JobSchedule.Register(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.Value<JobHostingOptions>().Schedule);
    }
}
