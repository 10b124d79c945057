using System.Diagnostics;
using CsKpi.Seed.Output;
using DuckDB.NET.Data;

namespace CsKpi.Seed.Tests.Support;

/// <summary>
/// One seed run, generated in-process once per test class (xunit class fixture) and read back into an in-memory
/// DuckDB with <see cref="SeedLoader"/>. Tests of one class run one after another, so they share the connection.
/// </summary>
public abstract class SeedRunFixture : IDisposable
{
    private readonly TempDirectory _temp;

    protected SeedRunFixture(string label, Func<string, SeedOptions> options)
    {
        _temp = new TempDirectory(label);
        Options = options(_temp.Sub("out"));
        var clock = Stopwatch.StartNew();
        Db = Support.Db.OpenInMemory();
        try
        {
            Returned = SeedRun.Run(Options);
            Generated = clock.Elapsed;
            Run = SeedLoader.Load(Db, "run", Options.OutputDirectory, _temp.Sub("utf8"));
            Loaded = clock.Elapsed - Generated;
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw: leave no run behind in the temp folder.
            Db.Dispose();
            _temp.Dispose();
            throw;
        }
    }

    public SeedOptions Options { get; }
    public SeedManifest Returned { get; }
    public DuckDBConnection Db { get; }
    public LoadedRun Run { get; }
    public TimeSpan Generated { get; }
    public TimeSpan Loaded { get; }

    public void Dispose()
    {
        Db.Dispose();
        _temp.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// The run the contract tests read: two stores, ten agents each (so there is a 售前售后 "both" agent), 15 days
    /// from 2026-06-20 (two monthly partitions per store, the 7·1 half-year review inside), 12 bad rows.
    /// </summary>
    public static SeedOptions ContractOptions(string directory, FileFormat format, bool gbk = false) => new()
    {
        OutputDirectory = directory,
        Agents = 10,
        Days = 15,
        Start = new DateOnly(2026, 6, 20),
        Stores = 2,
        Seed = 7,
        Format = format,
        GbkOrders = gbk,
        BadRows = 12,
        Parallelism = 2,
    };
}

public sealed class CsvRun() : SeedRunFixture("csv", d => ContractOptions(d, FileFormat.Csv));

public sealed class GbkRun() : SeedRunFixture("gbk", d => ContractOptions(d, FileFormat.Csv, gbk: true));

public sealed class JsonlRun() : SeedRunFixture("jsonl", d => ContractOptions(d, FileFormat.Jsonl));

public sealed class ParquetRun() : SeedRunFixture("parquet", d => ContractOptions(d, FileFormat.Parquet));
