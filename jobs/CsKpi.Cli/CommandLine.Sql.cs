using System.Data.Common;
using System.Globalization;
using CsKpi.Jobs.Analyst;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    private const string FormatOption = "--format";
    private const string TimeoutOption = "--timeout";

    /// <summary>A table is for a person reading a terminal; programs take CSV or JSON, which have no cap.</summary>
    private const int TableRowCap = 1000;

    private const string SqlDetails = """
        options:
          --format F         table (default; for a person, at most 1000 rows), csv or json (every row, streamed)
          --json             the same as --format json
          --timeout S        stop the query after S seconds (default 30)

        Runs one query on the analyst snapshot (analyst.duckdb beside the warehouse), never on the live warehouse, so it
        works while the site runs. The marts and the star schema are there by their bare names
        (select * from kpi_agent_daily) and by schema (marts.kpi_agent_daily, core.fct_reception), with the period
        macros (from marts.kpi_agent_period('month', date '2026-03-01', date '2026-03-31')).
        The sandbox: a process of its own whose memory the system bounds (1.5 GiB), a read-only engine with no access
        to files, the network or extensions, locked settings, a time limit, rows of at most 256 KB; one SELECT-like
        statement (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE). CSV starts text that Excel would run as a
        formula (= + - @) with an apostrophe; JSON writes every value verbatim.
        Exit 1 when the query is refused, fails or runs out of time (the reason on stderr).
        """;

    private static int Sql(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is not [var query, .. var rest] || query.StartsWith("--", StringComparison.Ordinal))
        {
            return Usage(stderr, "sql needs the query as its first argument, e.g. cskpi sql \"select count(*) from kpi_agent_daily\"");
        }

        if (!VerbArguments.TryParse("sql", rest, [JsonOption], [FormatOption, TimeoutOption, WarehouseOption], out var options, out var problem))
        {
            return Usage(stderr, problem);
        }

        var format = options.Has(JsonOption) ? "json" : options.Value(FormatOption) ?? "table";
        if (format is not ("table" or "csv" or "json"))
        {
            return Usage(stderr, $"--format '{format}' is not one of table, csv, json");
        }

        var limits = SandboxOptions.Default;
        if (options.Value(TimeoutOption) is { } timeout)
        {
            if (!double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 3600)
            {
                return Usage(stderr, $"--timeout '{timeout}' is not a number of seconds between 0 and 3600");
            }

            limits = limits with { TimeLimit = TimeSpan.FromSeconds(seconds) };
        }

        var warehouse = WarehouseDatabase.CanonicalizePath(WarehouseOptions.FromEnvironment(options.Value(WarehouseOption)).Path);
        var sandbox = new SqlSandbox(AnalystSnapshot.PathBeside(warehouse), limits);
        try
        {
            sandbox.Run(query, reader => format switch
            {
                "csv" => QueryResults.WriteCsv(reader, stdout),
                "json" => QueryResults.WriteJson(reader, stdout),
                _ => WriteQueryTable(reader, stdout),
            });
        }
        catch (SqlSandboxException refused)
        {
            stderr.WriteLine($"cskpi sql: {refused.Message}");
            return Failed;
        }

        return Success;
    }

    private static long WriteQueryTable(DbDataReader reader, TextWriter stdout)
    {
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => (reader.GetName(i), Right: QueryResults.IsNumeric(reader.GetFieldType(i))))
            .ToArray();
        var table = new TextTable(columns);
        var more = false;
        while (reader.Read())
        {
            if (table.Count == TableRowCap)
            {
                more = true;
                break;
            }

            table.Add(Enumerable.Range(0, reader.FieldCount).Select(i => TextTable.Clip(QueryResults.Text(reader, i) ?? "NULL", 60)).ToArray());
        }

        table.Write(stdout);
        stdout.WriteLine(more
            ? $"({TableRowCap} rows shown, more not; --format csv or json prints every row)"
            : $"({Plural(table.Count, "row")})");
        return table.Count;
    }
}
