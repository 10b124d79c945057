using System.Diagnostics;

namespace CsKpi.Web.Tests.Support;

/// <summary>How far this process's resident memory rose above where it stood while an action ran (sampled every 20 ms).</summary>
public static class MemoryWatch
{
    public static async Task<long> PeakGrowth(Func<Task> action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var baseline = self.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        try
        {
            await action();
        }
        finally
        {
            await stop.CancelAsync();
            await sampler;
        }

        self.Refresh();
        return Math.Max(peak, self.WorkingSet64) - baseline;
    }
}
