using System.Globalization;

namespace CsKpi.Warehouse;

/// <summary>
/// Where the warehouse file is and how much of the machine DuckDB may use.
/// A path of <c>:memory:</c> or <c>:memory:NAME</c> opens an in-memory database (tests, demos).
/// </summary>
public sealed record WarehouseOptions(string Path = WarehouseOptions.DefaultPath)
{
    public const string DefaultPath = "data/cskpi.duckdb";

    /// <summary>Environment variable that both the site and <c>cskpi</c> read (interfaces.md).</summary>
    public const string PathVariable = "CSKPI_WAREHOUSE";

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
    /// </summary>
    public static WarehouseOptions FromEnvironment(string? explicitPath = null)
    {
        var lake = Environment.GetEnvironmentVariable(LakeVariable);
        var lakePath = string.IsNullOrWhiteSpace(lake) ? null : lake;
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return new WarehouseOptions(explicitPath) { LakePath = lakePath };
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        return new WarehouseOptions(string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultPath : fromEnvironment) { LakePath = lakePath };
    }

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
