using System.Text.RegularExpressions;

namespace CsKpi.Warehouse;

/// <summary>
/// The warehouse file is held by another process. DuckDB allows one read-write process per file, so waiting
/// would not help; the message says who holds it and what serves the same purpose meanwhile.
/// </summary>
public sealed partial class WarehouseLockedException : Exception
{
    public WarehouseLockedException(string path, string? holderProgram, int? holderPid, string? holderCommandLine,
        Exception? innerException)
        : base(Describe(path, holderProgram, holderPid, holderCommandLine), innerException)
    {
        Path = path;
        HolderProgram = holderProgram;
        HolderPid = holderPid;
        HolderCommandLine = holderCommandLine;
    }

    /// <summary>The canonical path of the warehouse file that could not be opened.</summary>
    public string Path { get; }

    /// <summary>The executable DuckDB names as holding the lock, e.g. <c>/usr/share/dotnet/dotnet</c>.</summary>
    public string? HolderProgram { get; }

    public int? HolderPid { get; }

    /// <summary>
    /// The holder's full command line when the OS shows it (Linux /proc): for a .NET program the executable is
    /// just <c>dotnet</c>, and only the command line tells the site from a <c>cskpi</c> run.
    /// </summary>
    public string? HolderCommandLine { get; }

    /// <summary>The read-only copy analysts use while the site owns the live file.</summary>
    public string AnalystSnapshotPath => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path) ?? ".", "analyst.duckdb");

    /// <summary>
    /// Recognises DuckDB's lock conflict, whose text (DuckDB 1.5, Linux) is
    /// <c>IO Error: Could not set lock on file "PATH": Conflicting lock is held in PROGRAM (PID N). See also …</c>.
    /// Returns null for any other failure so the caller rethrows it unchanged.
    /// </summary>
    public static WarehouseLockedException? FromDuckDbError(string path, Exception error)
    {
        var text = error.Message;
        if (!text.Contains("Could not set lock on file", StringComparison.Ordinal)
            && !text.Contains("Conflicting lock is held", StringComparison.Ordinal))
        {
            return null;
        }

        var holder = HolderPattern().Match(text);
        if (!holder.Success)
        {
            return new WarehouseLockedException(path, null, null, null, error);
        }

        var pid = int.Parse(holder.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return new WarehouseLockedException(path, holder.Groups["program"].Value, pid, ReadCommandLine(pid), error);
    }

    [GeneratedRegex(@"Conflicting lock is held in (?<program>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex HolderPattern();

    private static string? ReadCommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            var commandLine = raw.Replace('\0', ' ').Trim();
            return commandLine.Length == 0 ? null : commandLine;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or the holder has exited since DuckDB looked: the PID alone still helps.
            return null;
        }
    }

    private static string Describe(string path, string? program, int? pid, string? commandLine)
    {
        var holder = (program, pid) switch
        {
            ({ } p, { } n) when commandLine is not null && commandLine != p => $"{p} (PID {n}: {commandLine})",
            ({ } p, { } n) => $"{p} (PID {n})",
            _ => "another process",
        };
        var snapshot = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? ".", "analyst.duckdb");
        return $"The warehouse {path} is in use by {holder}. DuckDB lets only one process open the file for writing, "
            + $"so this one cannot. To query the data meanwhile, use the site's SQL page (/sql) or open the analyst "
            + $"snapshot {snapshot} read-only with any DuckDB client; to load or recompute, stop that process or use "
            + "the site's ETL page.";
    }
}
