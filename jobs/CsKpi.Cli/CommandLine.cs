using System.Text.Encodings.Web;
using System.Text.Json;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

/// <summary>
/// <c>cskpi</c>: the verbs of interfaces.md. Exit codes: 0 success, 1 the work failed (message on stderr),
/// 2 bad usage. Writers are passed in so tests run the real command line in-process. Not named <c>Cli</c>:
/// a class named like its namespace <c>CsKpi.Cli</c> cannot be reached by its short name from other CsKpi namespaces.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    // Paths and names may be Chinese; keep them readable rather than \u-escaped.
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every verb of interfaces.md; <see cref="Verb.ArrivesWith"/> says which are still missing and why.</summary>
    public static IReadOnlyList<Verb> Verbs { get; } =
    [
        new("info", "[--warehouse PATH] [--json]", "warehouse file, schema version and DuckDB version (creates or upgrades the file)", null),
        new("ingest", "[--inbox DIR]", "load every new file of the inbox, then recompute the days it touched", "the ETL load work"),
        new("recompute", "[--from DATE] [--to DATE]", "rebuild the marts for those business days", "the marts work"),
        new("rejects", "[--file NAME]", "list rejected rows with file, line, column, reason", "the ETL load work"),
        new("sql", "\"QUERY\" [--format table|csv|json]", "run a read-only query on the analyst snapshot", "the analyst snapshot work"),
        new("snapshot", "", "write the analyst snapshot now", "the analyst snapshot work"),
        new("review", "--half 2026H1", "run the half-yearly promotion review; prints the proposals", "the promotions work"),
        new("staffing", "--target-sales N [--aov X] [--cs-share S] [--conversion C] [--max-receptions M]",
            "staffing estimate; missing inputs come from history", "the planning work"),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            return Usage(stderr, "no verb given");
        }

        var verb = args[0];
        var rest = args[1..];
        if (verb is "help" or "--help" or "-h")
        {
            WriteHelp(stdout);
            return Success;
        }

        if (verb == "info")
        {
            return Info(rest, stdout, stderr);
        }

        if (Verbs.FirstOrDefault(v => v.Name == verb) is { ArrivesWith: { } work })
        {
            stderr.WriteLine($"cskpi {verb} is not built yet; it arrives with {work}. Nothing was done.");
            return Failed;
        }

        return Usage(stderr, $"unknown verb '{verb}'");
    }

    public static void WriteHelp(TextWriter output)
    {
        output.WriteLine("cskpi — CsKpi's jobs from a shell (客服绩效数据仓库命令行)");
        output.WriteLine();
        output.WriteLine("usage: cskpi <verb> [options]");
        output.WriteLine();
        output.WriteLine("verbs:");
        foreach (var verb in Verbs)
        {
            output.WriteLine($"  {verb.Name} {verb.Arguments}".TrimEnd());
            output.WriteLine($"      {verb.Summary}");
            if (verb.ArrivesWith is { } work)
            {
                output.WriteLine($"      not built yet: arrives with {work}");
            }
        }

        output.WriteLine("  help");
        output.WriteLine("      this text");
        output.WriteLine();
        output.WriteLine("common options:");
        output.WriteLine($"  --warehouse PATH   the warehouse file (default {WarehouseOptions.DefaultPath}, or ${WarehouseOptions.PathVariable})");
        output.WriteLine("  --json             machine-readable output on stdout");
        output.WriteLine();
        output.WriteLine("exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage");
    }

    private static int Info(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? warehousePath = null;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--warehouse" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    warehousePath = args[++i];
                    break;
                case "--warehouse":
                    return Usage(stderr, "--warehouse needs a PATH");
                case var option when option.StartsWith("--warehouse=", StringComparison.Ordinal):
                    warehousePath = option["--warehouse=".Length..];
                    break;
                default:
                    return Usage(stderr, $"info does not take '{args[i]}'");
            }
        }

        WarehouseFacts facts;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehousePath));
            facts = warehouse.ReadFacts();
        }
        catch (Exception error) when (error is WarehouseLockedException or IOException or InvalidOperationException
            or ArgumentException or UnauthorizedAccessException)
        {
            stderr.WriteLine(error.Message);
            return Failed;
        }

        if (json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(
                new
                {
                    warehouse = facts.Path,
                    schemaVersion = facts.SchemaVersion,
                    duckdbVersion = facts.DuckDbVersion,
                    schemas = facts.Schemas,
                    tables = facts.Tables.Select(t => new { schema = t.Schema, name = t.Name, estimatedRows = t.EstimatedRows }),
                },
                JsonOutput));
        }
        else
        {
            stdout.WriteLine($"warehouse       {facts.Path}");
            stdout.WriteLine($"schema version  {facts.SchemaVersion}");
            stdout.WriteLine($"duckdb          {facts.DuckDbVersion}");
            stdout.WriteLine($"schemas         {string.Join(", ", facts.Schemas)}");
            stdout.WriteLine($"tables          {facts.Tables.Count}");
        }

        return Success;
    }

    private static int Usage(TextWriter stderr, string problem)
    {
        stderr.WriteLine($"cskpi: {problem}");
        stderr.WriteLine();
        WriteHelp(stderr);
        return BadUsage;
    }
}

/// <summary>A verb of the command line; <paramref name="ArrivesWith"/> is null once it is built.</summary>
public sealed record Verb(string Name, string Arguments, string Summary, string? ArrivesWith);
