using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using CsKpi.Jobs.Analyst;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

public static partial class CommandLine
{
    /// <summary>A table is for a person reading a terminal; programs take CSV or JSON, which have no cap.</summary>
    private const int TableRowCap = 1000;

    private const string SqlDetails = """
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

    private static readonly string[] QueryFormats = ["table", "csv", "json"];

    private static Verb SqlVerb(TextWriter stdout, TextWriter stderr)
    {
        // Optional to the parser so that its absence gets a sentence that shows how to give one.
        var query = new Argument<string?>("QUERY") { Arity = ArgumentArity.ZeroOrOne, Description = "the query, in quotes" };
        var format = Valued("--format", "table|csv|json",
            "table (for a person, at most 1000 rows), csv or json (every row, streamed)",
            (string text, out string value, out string problem) =>
            {
                value = text;
                problem = $"'{text}' is not one of {string.Join(", ", QueryFormats)}";
                return QueryFormats.Contains(text);
            });
        format.DefaultValueFactory = _ => "table";
        var timeout = Valued("--timeout", "S", "stop the query after S seconds",
            (string text, out double value, out string problem) =>
            {
                problem = $"'{text}' is not a number of seconds between 0 and 3600";
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value > 0 && value <= 3600;
            });
        timeout.DefaultValueFactory = _ => SandboxOptions.Default.TimeLimit.TotalSeconds;
        var verb = new Verb("sql", "run a read-only query on the analyst snapshot (works while the site runs)", SqlDetails) { query, format, timeout };
        verb.Validators.Add(result =>
        {
            if (result.GetValue(query) is null)
            {
                result.AddError("sql needs the query as its first argument, e.g. cskpi sql \"select count(*) from kpi_agent_daily\"");
            }
        });
        var (warehouse, json) = CommonOptions(verb);
        json.Description = "the same as --format json";
        verb.SetAction(parse => Sql(parse.GetValue(query)!, parse.GetValue(json) ? "json" : parse.GetValue(format)!, parse.GetValue(timeout),
            parse.GetValue(warehouse), stdout, stderr));
        return verb;
    }

    private static int Sql(string query, string format, double timeoutSeconds, string? warehouseOption, TextWriter stdout, TextWriter stderr)
    {
        var options = WarehouseOptions.FromEnvironment(warehouseOption);
        var limits = SandboxOptions.Default with { TimeLimit = TimeSpan.FromSeconds(timeoutSeconds), LakeDirectory = options.LakePath };
        var warehouse = WarehouseDatabase.CanonicalizePath(options.Path);
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
