namespace CsKpi.Benchmarks;

/// <summary>The process's peak resident set (VmHWM), which counts DuckDB's native memory as well as the CLR's.</summary>
internal static class Memory
{
    /// <summary>Linux resets the peak when "5" is written to clear_refs, so each measured run has its own peak.</summary>
    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peaks are then cumulative, which only overstates the later runs.
        }
    }

    public static double Peak()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return Environment.WorkingSet;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? Environment.WorkingSet : double.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
