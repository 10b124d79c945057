using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

/// <summary>
/// <c>cskpi</c>: the verbs of interfaces.md. Exit codes: 0 success, 1 the work failed (message on stderr),
/// 2 bad usage. Writers are passed in so tests run the real command line in-process. Not named <c>Cli</c>:
/// a class named like its namespace <c>CsKpi.Cli</c> cannot be reached by its short name from other CsKpi namespaces.
/// </summary>
public static partial class CommandLine
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    // Paths and names may be Chinese; keep them readable rather than \u-escaped.
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string WarehouseOption = "--warehouse";
    private const string JsonOption = "--json";

    /// <summary>Every verb of interfaces.md.</summary>
    public static IReadOnlyList<Verb> Verbs { get; } =
    [
        new("info", "[--warehouse PATH] [--json]", "warehouse file, schema version and DuckDB version (creates or upgrades the file)"),
        new("ingest", "[--inbox DIR] [--warehouse PATH] [--json]",
            "load every new file of the inbox; prints per file its kind, outcome and counts, and the business days it touched",
            IngestDetails),
        new("recompute", "[--from DATE] [--to DATE] [--warehouse PATH] [--json]",
            "rebuild the star schema and the marts for those business days (default: all), then run the checks", RecomputeDetails),
        new("rejects", "[--file NAME] [--limit N] [--warehouse PATH] [--json]",
            "list rejected rows (file, line, column, value, reason) and rejected files, newest file first", RejectsDetails),
        new("sql", "\"QUERY\" [--format table|csv|json] [--timeout S] [--warehouse PATH] [--json]",
            "run a read-only query on the analyst snapshot (works while the site runs)", SqlDetails),
        new("snapshot", "[--warehouse PATH] [--json]", "write the analyst snapshot now", SnapshotDetails),
        new("review", "--half 2026H1 [--warehouse PATH] [--json]", "run the half-yearly promotion review; prints the proposals",
            ReviewDetails),
        new("staffing", StaffingArguments,
            "campaign staffing estimate and hour-by-hour plan; missing inputs come from history", StaffingDetails),
    ];

    /// <summary>The signal that stopped the run, for its message; set by Program.</summary>
    public static string? StopSignal { get; set; }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <param name="stop">Cancelled by SIGTERM or Ctrl+C: the verb stops at a safe point and exits 1.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0)
        {
            return Usage(stderr, "no verb given");
        }

        var verb = args[0];
        var rest = args[1..];
        if (verb is "help" or "--help" or "-h")
        {
            if (rest.Length == 0)
            {
                WriteHelp(stdout);
                return Success;
            }

            return rest is [var name] && Verbs.FirstOrDefault(v => v.Name == name) is { } named
                ? WriteVerbHelp(named, stdout)
                : Usage(stderr, $"help takes at most one verb, not '{string.Join(' ', rest)}'");
        }

        if (Verbs.FirstOrDefault(v => v.Name == verb) is not { } known)
        {
            return Usage(stderr, $"unknown verb '{verb}'");
        }

        if (rest.Any(a => a is "--help" or "-h"))
        {
            return WriteVerbHelp(known, stdout);
        }

        return verb switch
        {
            "info" => Info(rest, stdout, stderr),
            "ingest" => Ingest(rest, stdout, stderr, stop),
            "rejects" => Rejects(rest, stdout, stderr),
            "recompute" => Recompute(rest, stdout, stderr, stop),
            "sql" => Sql(rest, stdout, stderr),
            "snapshot" => Snapshot(rest, stdout, stderr, stop),
            "staffing" => Staffing(rest, stdout, stderr),
            "review" => Review(rest, stdout, stderr),
            _ => throw new InvalidOperationException($"the verb {verb} has no handler"),
        };
    }

    public static void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("cskpi — CsKpi's jobs from a shell (客服绩效数据仓库命令行)");
        output.WriteLine();
        output.WriteLine("usage: cskpi <verb> [options]      cskpi <verb> --help  tells more about one verb");
        output.WriteLine();
        output.WriteLine("verbs:");
        foreach (var verb in Verbs)
        {
            output.WriteLine($"  {verb.Name} {verb.Arguments}".TrimEnd());
            output.WriteLine($"      {verb.Summary}");
        }

        output.WriteLine("  help [VERB]");
        output.WriteLine("      this text, or more about one verb");
        output.WriteLine();
        WriteCommonOptions(output);
        output.WriteLine();
        WriteExitCodes(output);
    }

    private static int WriteVerbHelp(Verb verb, TextWriter output)
    {
        output.WriteLine($"usage: cskpi {verb.Name} {verb.Arguments}".TrimEnd());
        output.WriteLine();
        output.WriteLine(verb.Summary);

        if (verb.Details is { } details)
        {
            output.WriteLine();
            output.WriteLine(details.TrimEnd());
        }

        output.WriteLine();
        WriteCommonOptions(output);
        output.WriteLine();
        WriteExitCodes(output);
        return Success;
    }

    private static void WriteCommonOptions(TextWriter output)
    {
        output.WriteLine("common options:");
        output.WriteLine($"  --warehouse PATH   the warehouse file (default {WarehouseOptions.DefaultPath}, or ${WarehouseOptions.PathVariable})");
        output.WriteLine("  --json             machine-readable output on stdout");
    }

    private static void WriteExitCodes(TextWriter output) =>
        output.WriteLine("exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage");

    private static int Info(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!VerbArguments.TryParse("info", args, [JsonOption], [WarehouseOption], out var options, out var problem))
        {
            return Usage(stderr, problem);
        }

        WarehouseFacts facts;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(options.Value(WarehouseOption)));
            facts = warehouse.ReadFacts();
        }
        catch (Exception error) when (IsWarehouseFailure(error))
        {
            stderr.WriteLine(error.Message);
            return Failed;
        }

        if (options.Has(JsonOption))
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

    /// <summary>Failures a verb reports as "the work failed" (exit 1) with the exception's own message.</summary>
    private static bool IsWarehouseFailure(Exception error) =>
        error is WarehouseLockedException or IOException or InvalidOperationException or ArgumentException
            or UnauthorizedAccessException or DbException;

    /// <summary>
    /// The failures running again cannot mend, told as they are and without "run again": a warehouse held by another
    /// process, or one this process may not write. False for anything else.
    /// </summary>
    private static bool TellsItsOwnRemedy(Exception error, string verb, TextWriter stderr)
    {
        switch (error)
        {
            case WarehouseLockedException:
                stderr.WriteLine(error.Message);
                return true;
            case WarehouseNotWritableException:
                stderr.WriteLine($"cskpi {verb}: {error.Message}");
                return true;
            default:
                return false;
        }
    }

    /// <summary>A stop by SIGTERM or Ctrl+C: what was committed stays, and what it owes the next run does.</summary>
    private static int Stopped(string verb, TextWriter stderr)
    {
        stderr.WriteLine($"cskpi {verb} stopped by {StopSignal ?? "request"} at a safe point: nothing half-written was kept. "
            + "Files already loaded stay loaded; the recompute and snapshot they owe are done by the next cskpi ingest, cskpi recompute or the site.");
        return Failed;
    }

    private static int Usage(TextWriter stderr, string problem)
    {
        stderr.WriteLine($"cskpi: {problem}");
        stderr.WriteLine();
        WriteHelp(stderr);
        return BadUsage;
    }
}

/// <summary>
/// A verb of the command line. <paramref name="Details"/>
/// is what <c>cskpi VERB --help</c> adds to the summary: the verb's own options and its output.
/// </summary>
public sealed record Verb(string Name, string Arguments, string Summary, string? Details = null);

/// <summary>
/// A verb's options: flags (<c>--json</c>) and options with a value (<c>--inbox DIR</c> or <c>--inbox=DIR</c>).
/// A value may not start with <c>--</c>, so <c>--warehouse --json</c> is a missing PATH, not a file named --json.
/// </summary>
internal sealed class VerbArguments
{
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["--warehouse"] = "PATH",
        ["--inbox"] = "DIR",
        ["--file"] = "NAME",
        ["--limit"] = "N",
    };

    private readonly HashSet<string> flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public bool Has(string flag) => flags.Contains(flag);

    public string? Value(string option) => values.GetValueOrDefault(option);

    public static bool TryParse(string verb, string[] args, string[] flagNames, string[] valueNames,
        out VerbArguments parsed, out string problem)
    {
        parsed = new VerbArguments();
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (flagNames.Contains(arg))
            {
                parsed.flags.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!valueNames.Contains(name))
            {
                problem = $"{verb} does not take '{arg}'";
                return false;
            }

            string? value = equals > 0 ? arg[(equals + 1)..]
                : i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : null;
            if (string.IsNullOrEmpty(value))
            {
                problem = $"{name} needs a {Placeholders.GetValueOrDefault(name, "VALUE")}";
                return false;
            }

            parsed.values[name] = value;
        }

        return true;
    }
}
