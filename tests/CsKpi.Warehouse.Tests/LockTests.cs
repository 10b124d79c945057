using System.Diagnostics;

namespace CsKpi.Warehouse.Tests;

public sealed class LockTests : IDisposable
{
    // DuckDB 1.5.6's text, as DuckDB.NET 1.5.6.1 wraps it, captured from a real conflict on Linux.
    private const string RealMessage =
        "DuckDBOpen failed: IO Error: Could not set lock on file \"/srv/cs/data/cskpi.duckdb\": "
        + "Conflicting lock is held in /usr/share/dotnet/dotnet (PID 4352). See also https://duckdb.org/docs/stable/connect/concurrency";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void DuckDbs_lock_message_yields_the_program_and_pid()
    {
        var locked = WarehouseLockedException.FromDuckDbError("/srv/cs/data/cskpi.duckdb", new InvalidOperationException(RealMessage));

        Assert.NotNull(locked);
        Assert.Equal("/usr/share/dotnet/dotnet", locked.HolderProgram);
        Assert.Equal(4352, locked.HolderPid);
        Assert.Equal("/srv/cs/data/analyst.duckdb", locked.AnalystSnapshotPath);
        Assert.Contains("in use by /usr/share/dotnet/dotnet (PID 4352", locked.Message, StringComparison.Ordinal);
        Assert.Contains("SQL page", locked.Message, StringComparison.Ordinal);
        Assert.Contains("/srv/cs/data/analyst.duckdb", locked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_open_failures_are_not_taken_for_a_lock()
    {
        Assert.Null(WarehouseLockedException.FromDuckDbError("/x.duckdb",
            new InvalidOperationException("DuckDBOpen failed: IO Error: Cannot open file \"/x.duckdb\": Permission denied")));
    }

    [Fact]
    public void A_lock_message_without_a_pid_still_says_the_file_is_held()
    {
        var locked = WarehouseLockedException.FromDuckDbError("/x.duckdb",
            new InvalidOperationException("IO Error: Could not set lock on file \"/x.duckdb\": Resource temporarily unavailable"));

        Assert.NotNull(locked);
        Assert.Null(locked.HolderPid);
        Assert.Contains("in use by another process", locked.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_held_by_another_process_is_refused_at_once_naming_that_process()
    {
        var path = WarehouseDatabase.CanonicalizePath(temp.File("data", "cskpi.duckdb"));
        using var holder = StartHolder(path);
        try
        {
            var clock = Stopwatch.StartNew();
            var error = Assert.Throws<WarehouseLockedException>(() => WarehouseDatabase.Open(new WarehouseOptions(path)));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refusing took {clock.Elapsed}");
            Assert.Equal(holder.Id, error.HolderPid);
            Assert.Equal(path, error.Path);
            Assert.Contains(holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
            Assert.Contains("analyst.duckdb", error.Message, StringComparison.Ordinal);
            if (OperatingSystem.IsLinux())
            {
                Assert.Contains("CsKpi.Warehouse.Tests", error.HolderCommandLine, StringComparison.Ordinal);
            }
        }
        finally
        {
            holder.StandardInput.Close();
            if (!holder.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                holder.Kill();
            }
        }

        // Once the holder is gone the file opens normally.
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(path));
        Assert.Equal(path, warehouse.CanonicalPath);
    }

    private static Process StartHolder(string path)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(LockHolder).Assembly.Location);
        start.ArgumentList.Add("hold");
        start.ArgumentList.Add(path);

        var holder = Process.Start(start)!;
        var ready = holder.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != LockHolder.ReadyLine)
        {
            holder.Kill();
            throw new InvalidOperationException($"The lock holder did not start: {holder.StandardError.ReadToEnd()}");
        }

        return holder;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
