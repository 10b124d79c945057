using CsKpi.Jobs;
using CsKpi.Warehouse;

namespace CsKpi.Web;

/// <summary>
/// The site's start finishes what a killed run left owed (<see cref="OwedWorkJob"/>): the recompute of loads the marts
/// have not seen, the analyst snapshot that was never written. In the background, so the site answers meanwhile
/// with the numbers it has; the log says what was owed and what was done.
/// </summary>
public sealed class OwedWorkOnStart(WarehouseDatabase warehouse, ILogger<OwedWorkOnStart> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => Finish(stoppingToken), stoppingToken);

    private void Finish(CancellationToken stop)
    {
        try
        {
            var owed = OwedWork.Read(warehouse);
            if (!owed.Any)
            {
                log.LogInformation("Nothing owed by an earlier run");
                return;
            }

            log.LogWarning("An earlier run left work owed: {Owed}; finishing it now", owed.Describe());
            var result = OwedWorkJob.Finish(warehouse, stop);
            log.LogInformation("Finished what an earlier run left owed: {Done}", result.Describe() ?? "nothing was left to do");
        }
        catch (OperationCanceledException)
        {
            log.LogInformation("Stopped before the owed work was finished; the next start finishes it");
        }
        catch (Exception error)
        {
            log.LogError(error, "Finishing the work an earlier run left owed failed; the next ingest or start tries again");
        }
    }
}
