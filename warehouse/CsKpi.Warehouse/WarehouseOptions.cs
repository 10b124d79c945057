using System.Globalization;
using System.Text.RegularExpressions;

namespace CsKpi.Warehouse;

/// <summary>
/// Where the warehouse file is and how much of the machine DuckDB may use.
/// A path of <c>:memory:</c> or <c>:memory:NAME</c> opens an in-memory database (tests, demos).
/// </summary>
public sealed partial record WarehouseOptions(string Path = WarehouseOptions.DefaultPath)
{
    public const string DefaultPath = "data/cskpi.duckdb";

    /// <summary>Environment variable that both the site and <c>cskpi</c> read (interfaces.md).</summary>
    public const string PathVariable = "CSKPI_WAREHOUSE";

    /// <summary>DuckDB's <c>memory_limit</c> for the programs (<c>cskpi</c>, the site and its jobs), in DuckDB's syntax.</summary>
    public const string MemoryLimitVariable = "CSKPI_MEMORY_LIMIT";

    /// <summary>Where DuckDB spills past the memory limit (default: <c>&lt;warehouse&gt;.tmp</c> beside the file).</summary>
    public const string TempDirectoryVariable = "CSKPI_TEMP_DIRECTORY";

    /// <summary>
    /// The programs' memory limit when <c>CSKPI_MEMORY_LIMIT</c> is not set: 2560 MiB, or 60 % of the machine if that
    /// is less. A 1,000-agent month (10 million chat messages) then loads in 3.4 GB of process memory, under the 4 GB
    /// the ingest may use (docs/benchmarks.md, "ingest"); DuckDB spills the rest to its temp directory.
    /// </summary>
    public const long ProgramMemoryCapBytes = 2560L * 1024 * 1024;

    public const string InMemoryPrefix = ":memory:";

    /// <summary>Environment variable naming the Parquet lake's root (<see cref="LakePath"/>); the site also reads <c>Lake:Path</c>.</summary>
    public const string LakeVariable = "CSKPI_LAKE";

    /// <summary>
    /// The root of the Parquet lake this warehouse writes its partitions to after each recompute
    /// (<see cref="ParquetLake"/>, docs/scale-out.md); null (the default) writes no lake.
    /// </summary>
    public string? LakePath { get; init; }

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>In DuckDB's syntax, e.g. <c>14.2GiB</c> or <c>512MiB</c>.</summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit();

    /// <summary>Where DuckDB spills when a query outgrows <see cref="MemoryLimit"/>; null means beside the file.</summary>
    public string? TempDirectory { get; init; }

    public bool IsInMemory => Path.StartsWith(InMemoryPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The options a program gets when it is not told otherwise: the path given explicitly (a command-line
    /// option or the site's configuration), else <c>CSKPI_WAREHOUSE</c>, else <c>data/cskpi.duckdb</c>; the lake
    /// root from <c>CSKPI_LAKE</c>, else none.
    /// Its memory: <c>CSKPI_MEMORY_LIMIT</c>, else <paramref name="defaultMemoryLimit"/>, else
    /// <see cref="DefaultProgramMemoryLimit"/>; its spill folder: <c>CSKPI_TEMP_DIRECTORY</c>, else beside the file.
    /// </summary>
    public static WarehouseOptions FromEnvironment(string? explicitPath = null, string? defaultMemoryLimit = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        var path = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultPath
            : fromEnvironment;
        var memory = Environment.GetEnvironmentVariable(MemoryLimitVariable);
        var temp = Environment.GetEnvironmentVariable(TempDirectoryVariable);
        var lake = Environment.GetEnvironmentVariable(LakeVariable);
        return new WarehouseOptions(path)
        {
            MemoryLimit = string.IsNullOrWhiteSpace(memory) ? defaultMemoryLimit ?? DefaultProgramMemoryLimit() : CheckMemoryLimit(memory.Trim(), MemoryLimitVariable),
            TempDirectory = string.IsNullOrWhiteSpace(temp) ? null : temp,
            LakePath = string.IsNullOrWhiteSpace(lake) ? null : lake,
        };
    }

    /// <summary>
    /// A memory limit in DuckDB's syntax (a number and KB, MB, GB, TB or KiB, MiB, GiB, TiB), checked before DuckDB
    /// sees it so that a typo names the setting it came from.
    /// </summary>
    public static string CheckMemoryLimit(string value, string setting) =>
        MemorySize().IsMatch(value) ? value
            : throw new ArgumentException(
                $"{setting} is '{value}', which is not a memory size; write a number and a unit, e.g. 2560MiB, 4GiB or 3GB");

    /// <summary><see cref="ProgramMemoryCapBytes"/>, or 60 % of the memory this process may use if that is less.</summary>
    public static string DefaultProgramMemoryLimit() =>
        FormatBytes(Math.Min(ProgramMemoryCapBytes, (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.6)));

    [GeneratedRegex(@"^\d+(\.\d+)?\s*(B|[KMGT]i?B)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemorySize();

    /// <summary>
    /// 60% of the memory this process may use (which respects container limits), leaving room for the
    /// site, the CLR heap and the OS page cache that DuckDB itself relies on.
    /// </summary>
    public static string DefaultMemoryLimit() =>
        FormatBytes((long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.6));

    /// <summary>
    /// Binary units, because DuckDB reports <c>current_setting('memory_limit')</c> in GiB/MiB: a limit written
    /// as "1.5GB" reads back as "1.3 GiB", which looks like a different number to whoever checks it.
    /// </summary>
    public static string FormatBytes(long bytes)
    {
        const double mebibyte = 1024d * 1024;
        const double gibibyte = mebibyte * 1024;
        return bytes >= gibibyte
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Round(bytes / gibibyte, 1, MidpointRounding.ToZero):0.0}GiB")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (long)(bytes / mebibyte))}MiB");
    }
}
