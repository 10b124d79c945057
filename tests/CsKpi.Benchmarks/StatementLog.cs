using System.Globalization;
using System.Text;
using Dapper;
using CsKpi.Warehouse;

namespace CsKpi.Benchmarks;

/// <summary>
/// Every statement the warehouse runs between <see cref="Start"/> and <see cref="Write"/>, with its time, from DuckDB's
/// query log (<c>enable_logging('QueryLog')</c>: a row per statement as it starts, for every connection of the
/// database). A statement's time is the gap to the next statement's start, so the connections must run one after the
/// other, as the recompute does. An ingest's lanes (LoadLanes) run side by side and interleave their statements: the
/// load phase's total stays right, its statements' times do not. On only when <c>CSKPI_BENCH_STATEMENTS</c> names a folder; the file is
/// <c>{name}.tsv</c> there (phase, start, seconds, the statement's first 300 characters on one line).
/// </summary>
internal sealed class StatementLog
{
    private readonly WarehouseDatabase warehouse;
    private readonly string path;
    private readonly List<(DateTime At, string Phase)> marks = [];

    private StatementLog(WarehouseDatabase warehouse, string path)
    {
        this.warehouse = warehouse;
        this.path = path;
    }

    public static StatementLog? Start(WarehouseDatabase warehouse, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CSKPI_BENCH_STATEMENTS");
        if (string.IsNullOrEmpty(folder))
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        using (var connection = warehouse.OpenConnection())
        {
            connection.Execute("call truncate_duckdb_logs()");
            connection.Execute("call enable_logging('QueryLog')");
        }

        var log = new StatementLog(warehouse, Path.Combine(folder, name + ".tsv"));
        log.Mark("load");
        return log;
    }

    /// <summary>Statements logged from now on belong to <paramref name="phase"/>.</summary>
    public void Mark(string phase) => marks.Add((DateTime.UtcNow, phase));

    public void Write()
    {
        var end = DateTime.UtcNow;
        using var connection = warehouse.OpenConnection();
        connection.Execute("call disable_logging()");
        var rows = connection.Query<(DateTime At, string Message)>(
            "select timestamp::timestamp, message from duckdb_logs where type = 'QueryLog' order by timestamp").ToList();
        // The log's times are UTC; the marks are too.
        var text = new StringBuilder("phase\tstart\tseconds\tstatement\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var next = i + 1 < rows.Count ? rows[i + 1].At : end;
            var phase = marks.LastOrDefault(m => m.At <= rows[i].At).Phase ?? marks[0].Phase;
            var statement = string.Join(' ', rows[i].Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)));
            text.Append(CultureInfo.InvariantCulture,
                $"{phase}\t{rows[i].At:HH:mm:ss.ffffff}\t{(next - rows[i].At).TotalSeconds:F4}\t{statement[..Math.Min(300, statement.Length)]}\n");
        }

        File.WriteAllText(path, text.ToString());
    }
}
