using CsKpi.Jobs.Scheduling;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests;

/// <summary>
/// Issue 19 in the site: with <c>Jobs:Storage=Postgres</c> and a shard, the site's schedule holds the shard's jobs,
/// and its job server runs the shard's ingest from the shard's queue into the shard's own warehouse file.
/// </summary>
public sealed class ShardedJobsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder eventually.
        }
    }

    [PostgresFact]
    public async Task On_PostgreSQL_the_site_runs_a_shards_ingest_from_the_shards_queue_into_the_shards_own_file()
    {
        using var pg = new PostgresBed();
        var store = StoreNames.Get(0).Id;
        var east = Path.Combine(folder, "east", "cskpi.duckdb");
        SeedRun.Run(new SeedOptions { OutputDirectory = Path.Combine(folder, "east", "inbox"), Agents = 4, Days = 4 });
        string jobId;
        using (var site = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host
            .UseSetting("Warehouse:Path", Path.Combine(folder, "data", "cskpi.duckdb"))
            .UseSetting("Jobs:PollSeconds", "1")
            .UseSetting("Demo:Enabled", "false")
            .UseSetting("Jobs:Storage", "Postgres")
            .UseSetting("ConnectionStrings:Jobs", pg.ConnectionString)
            .UseSetting("Jobs:Shards:east:Warehouse", east)
            .UseSetting("Jobs:Shards:east:Stores:0", store)))
        {
            var storage = site.Services.GetRequiredService<JobStorage>();
            Assert.IsType<PostgreSqlStorage>(storage);
            using (var connection = storage.GetConnection())
            {
                Assert.Contains("ingest-inbox@east", connection.GetRecurringJobs().Select(j => j.Id));
            }

            var manager = (IRecurringJobManagerV2)site.Services.GetRequiredService<IRecurringJobManager>();
            jobId = manager.TriggerJob(JobSchedule.ShardId(JobSchedule.IngestInbox, "east"));
            var monitor = storage.GetMonitoringApi();
            await Until(() => monitor.JobDetails(jobId)?.History.FirstOrDefault()?.StateName is "Succeeded" or "Failed", TimeSpan.FromMinutes(4));
            var history = monitor.JobDetails(jobId).History;
            Assert.True(history[0].StateName == "Succeeded", $"the shard's ingest ended {history[0].StateName}: {history[0].Reason}");
            Assert.Equal("shard_east", history.Single(h => h.StateName == "Enqueued").Data["Queue"]);

            // The snapshot it queued runs on the shard's queue too; the file is the shard's again once it is done.
            await Until(() => monitor.ProcessingCount() == 0 && monitor.Queues().All(q => q.Length == 0) && monitor.SucceededListCount() >= 2,
                TimeSpan.FromMinutes(2));

            // The site's own warehouse loaded nothing: the shard's files went to the shard.
            using var own = site.Services.GetRequiredService<WarehouseDatabase>().OpenConnection();
            Assert.Equal(0, own.ExecuteScalar<long>("select count(*) from etl.file_ledger"));
        }

        using var shard = WarehouseDatabase.Open(new WarehouseOptions(east));
        using var read = shard.OpenConnection();
        Assert.Equal(6, read.ExecuteScalar<long>("select count(*) from etl.file_ledger where outcome = 'loaded'"));
        Assert.Equal([store], read.Query<string>("select store_id from core.dim_store"));
        Assert.True(read.ExecuteScalar<long>("select count(*) from marts.kpi_agent_daily") > 0);
        Assert.True(File.Exists(AnalystSnapshot.PathBeside(east)), "the shard's analyst snapshot was not written");
    }

    private static async Task Until(Func<bool> condition, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"still waiting after {patience}");
            await Task.Delay(250);
        }
    }
}
