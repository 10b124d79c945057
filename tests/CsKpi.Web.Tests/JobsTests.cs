using System.Globalization;
using CsKpi.Jobs.Scheduling;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests;

/// <summary>The jobs run on Hangfire inside the site, on their schedule, and a doubled run changes nothing.</summary>
public sealed class JobsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-tests", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> site;

    public JobsTests()
    {
        SeedRun.Run(new SeedOptions { OutputDirectory = Path.Combine(folder, "data", "inbox"), Agents = 4, Days = 4 });
        site = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Warehouse:Path", Path.Combine(folder, "data", "cskpi.duckdb"))
            .UseSetting("Jobs:PollSeconds", "1")
            // This test seeds its own inbox; the demo data of a first start would be a second, racing load.
            .UseSetting("Demo:Enabled", "false"));
    }

    public void Dispose()
    {
        site.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private JobStorage Storage => site.Services.GetRequiredService<JobStorage>();

    [Fact]
    public void The_recurring_jobs_are_registered_under_stable_ids_in_the_stores_time_zone()
    {
        using var connection = Storage.GetConnection();

        var jobs = connection.GetRecurringJobs().OrderBy(j => j.Id).Select(j => (j.Id, j.Cron, j.TimeZoneId)).ToList();

        Assert.Equal(
            [
                (JobSchedule.IngestInbox, "*/5 * * * *", "Asia/Shanghai"),
                (JobSchedule.RecomputeProvisional, "0 2 * * *", "Asia/Shanghai"),
                (JobSchedule.ReviewHalf, "30 0 1 1,7 *", "Asia/Shanghai"),
                (JobSchedule.SampleChats, "0 3 * * 1", "Asia/Shanghai"),
            ],
            jobs);
    }

    [Fact]
    public async Task The_ingest_runs_on_its_schedule_and_writes_the_snapshot()
    {
        // Every two seconds instead of every five minutes: the same registration, on a clock a test can wait for.
        using var fast = site.WithWebHostBuilder(host => host.UseSetting($"Jobs:Schedule:{JobSchedule.IngestInbox}", "*/2 * * * * *"));
        var warehouse = fast.Services.GetRequiredService<WarehouseDatabase>();

        await Until(() => File.Exists(AnalystSnapshot.PathBeside(warehouse.CanonicalPath)), TimeSpan.FromSeconds(90));

        // The first snapshot may already be behind: a later run can have loaded or recomputed more while it was
        // written. Stop the clock, then wait until every queued run has finished and nothing is owed (no load
        // unrecomputed, no recompute newer than the snapshot): from then on the snapshot must hold the marts as they are.
        fast.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(JobSchedule.IngestInbox);
        var monitor = fast.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Until(() => monitor.ProcessingCount() == 0 && monitor.Queues().Sum(q => q.Length) == 0 && monitor.ScheduledCount() == 0
            && !OwedWork.Read(warehouse).Any, TimeSpan.FromSeconds(90));

        const string content = "select count(*), coalesce(sum(sales_amount), 0)::double from {0}kpi_agent_daily";
        using var connection = warehouse.OpenConnection();
        var live = connection.QuerySingle<(long AgentDays, double Sales)>(string.Format(CultureInfo.InvariantCulture, content, "marts."));
        var lastFile = connection.ExecuteScalar<long>("select max(file_id) from etl.file_ledger where outcome = 'loaded'");
        Assert.True(live.AgentDays > 0);
        var sandbox = new SqlSandbox(AnalystSnapshot.PathBeside(warehouse.CanonicalPath));
        var held = sandbox.Run(string.Format(CultureInfo.InvariantCulture, content, ""),
            reader => { reader.Read(); return (AgentDays: reader.GetInt64(0), Sales: reader.GetDouble(1)); });
        // What the snapshot says it holds is the newest loaded file, and it holds the marts' rows and amounts.
        Assert.Equal(lastFile, sandbox.Run("select last_file_id from snapshot_info", reader => { reader.Read(); return reader.GetInt64(0); }));
        Assert.Equal(live, held);
    }

    [Fact]
    public async Task A_doubled_run_leaves_the_warehouse_as_one_run_does()
    {
        var manager = (IRecurringJobManagerV2)site.Services.GetRequiredService<IRecurringJobManager>();
        var warehouse = site.Services.GetRequiredService<WarehouseDatabase>();

        await RunToSuccess(manager.TriggerJob(JobSchedule.IngestInbox));
        var once = Fingerprint(warehouse);
        await Task.WhenAll(RunToSuccess(manager.TriggerJob(JobSchedule.IngestInbox)), RunToSuccess(manager.TriggerJob(JobSchedule.IngestInbox)));
        await RunToSuccess(manager.TriggerJob(JobSchedule.RecomputeProvisional));
        await RunToSuccess(manager.TriggerJob(JobSchedule.RecomputeProvisional));
        await RunToSuccess(manager.TriggerJob(JobSchedule.SampleChats));
        var sampled = Count(warehouse, "app.review_sample");
        await RunToSuccess(manager.TriggerJob(JobSchedule.SampleChats));
        await RunToSuccess(manager.TriggerJob(JobSchedule.ReviewHalf));
        var proposals = Count(warehouse, "app.review_proposal");
        await RunToSuccess(manager.TriggerJob(JobSchedule.ReviewHalf));

        Assert.True(once.Loaded > 0);
        Assert.Equal(once, Fingerprint(warehouse));
        Assert.Equal(sampled, Count(warehouse, "app.review_sample"));
        Assert.Equal(proposals, Count(warehouse, "app.review_proposal"));
    }

    private static long Count(WarehouseDatabase warehouse, string table)
    {
        using var connection = warehouse.OpenConnection();
        return connection.ExecuteScalar<long>($"select count(*) from {table}");
    }

    /// <summary>What a second run could wrongly change: files and rows loaded, and the marts' content.</summary>
    private static (long Loaded, long Messages, long AgentDays, double Sales, long Receptions) Fingerprint(WarehouseDatabase warehouse)
    {
        using var connection = warehouse.OpenConnection();
        return connection.QuerySingle<(long, long, long, double, long)>("""
            select
                (select count(*) from etl.file_ledger where outcome = 'loaded'),
                (select count(*) from raw.chat_message),
                (select count(*) from marts.kpi_agent_daily),
                (select coalesce(sum(sales_amount), 0)::double from marts.kpi_agent_daily),
                (select count(*) from core.fct_reception)
            """);
    }

    private async Task RunToSuccess(string jobId)
    {
        var monitor = Storage.GetMonitoringApi();
        string? state = null;
        await Until(() => (state = monitor.JobDetails(jobId)?.History.FirstOrDefault()?.StateName) is "Succeeded" or "Failed",
            TimeSpan.FromMinutes(3));
        Assert.True(state == "Succeeded", $"job {jobId} ended {state}: {monitor.JobDetails(jobId)?.History.FirstOrDefault()?.Reason}");
    }

    private static async Task Until(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting after {patience}");
            await Task.Delay(200);
        }
    }
}
