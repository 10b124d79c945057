using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsKpi.Warehouse;

namespace CsKpi.Cli;

/// <summary>
/// <c>cskpi</c>: the verbs of interfaces.md, parsed by System.CommandLine (verbs, options, help, usage errors).
/// Exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage (what is wrong, then the verb's help, on
/// stderr). Writers are passed in so tests run the real command line in-process. Not named <c>Cli</c>: a class named
/// like its namespace <c>CsKpi.Cli</c> cannot be reached by its short name from other CsKpi namespaces.
/// </summary>
public static partial class CommandLine
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    // Paths and names may be Chinese; keep them readable rather than \u-escaped.
    private static readonly JsonSerializerOptions JsonOutput = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string ExitCodes = "exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage";

    /// <summary>The signal that stopped the run, for its message; set by Program.</summary>
    public static string? StopSignal { get; set; }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    /// <param name="stop">Cancelled by SIGTERM or Ctrl+C: the verb stops at a safe point and exits 1.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = Root(stdout, stderr, stop);
        // "@name" is an ordinary value (a file or a query may start with @), not a file of more arguments.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is ParseErrorAction)
        {
            return Usage(stderr, parse.CommandResult.Command, [.. parse.Errors.Select(e => e.Message)]);
        }

        // Program handles SIGTERM and Ctrl+C itself (stop), and a verb reports its own failures.
        return parse.Invoke(new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
    }

    /// <summary>
    /// The verbs under a command named cskpi (a RootCommand would take its name from the running executable, which
    /// is testhost or dotnet under tests and <c>dotnet run</c>), with the library's --help, -h and --version.
    /// </summary>
    private static Command Root(TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        var root = new Command("cskpi", "CsKpi's jobs from a shell (客服绩效数据仓库命令行)")
        {
            new HelpOption(),
            new VersionOption(),
            InfoVerb(stdout, stderr),
            IngestVerb(stdout, stderr, stop),
            RecomputeVerb(stdout, stderr, stop),
            RejectsVerb(stdout, stderr),
            SqlVerb(stdout, stderr),
            SnapshotVerb(stdout, stderr, stop),
            ReviewVerb(stdout, stderr),
            StaffingVerb(stdout, stderr),
            ReconcileVerb(stdout, stderr),
            ServeVerb(stderr, stop),
        };
        root.Add(HelpVerb(root, stdout));
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new VerbHelpAction((HelpAction)help.Action!);
        }

        root.SetAction(_ => Usage(stderr, root, "no verb given"));
        return root;
    }

    /// <summary><c>cskpi help [VERB]</c>: the same text as <c>cskpi [VERB] --help</c>.</summary>
    private static Command HelpVerb(Command root, TextWriter stdout)
    {
        var verbs = root.Subcommands.Select(c => c.Name).ToArray();
        var verb = new Argument<string?>("VERB") { Arity = ArgumentArity.ZeroOrOne, HelpName = "VERB", Description = "the verb to tell more about" };
        verb.AcceptOnlyFromAmong(verbs);
        var help = new Command("help", "this text, or more about one verb") { verb };
        help.SetAction(parse =>
        {
            WriteHelp(parse.GetValue(verb) is { } name ? root.Subcommands.Single(c => c.Name == name) : root, stdout);
            return Success;
        });
        return help;
    }

    /// <summary>
    /// What <c>cskpi [VERB] --help</c> prints, to <paramref name="output"/>: the library's help (usage, arguments,
    /// options with their defaults), what the verb prints and when it fails, the exit codes.
    /// </summary>
    private static void WriteHelp(Command command, TextWriter output)
    {
        var root = command.Parents.OfType<Command>().SingleOrDefault() ?? command;
        string[] ask = command == root ? ["--help"] : [command.Name, "--help"];
        root.Parse(ask).Invoke(new InvocationConfiguration { Output = output, Error = output });
    }

    /// <summary>
    /// <c>--help</c>, <c>-h</c> on any verb, whatever else is wrong: the library's help, then the verb's
    /// <see cref="Verb.Details"/> and the exit codes.
    /// </summary>
    private sealed class VerbHelpAction(HelpAction library) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            // Wide enough that option descriptions keep to few lines, and the same in a terminal and in a file.
            library.MaxWidth = 120;
            library.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.CommandResult.Command is Verb { Details: { } details })
            {
                output.WriteLine(details.TrimEnd());
                output.WriteLine();
            }

            output.WriteLine(ExitCodes);
            return Success;
        }
    }

    private static Verb InfoVerb(TextWriter stdout, TextWriter stderr)
    {
        var verb = new Verb("info", "warehouse file, schema version and DuckDB version (creates or upgrades the file)");
        var (warehouseOption, jsonOption) = CommonOptions(verb);
        verb.SetAction(parse => Info(parse.GetValue(warehouseOption), parse.GetValue(jsonOption), stdout, stderr));
        return verb;
    }

    private static int Info(string? warehousePath, bool json, TextWriter stdout, TextWriter stderr)
    {
        WarehouseFacts facts;
        try
        {
            using var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(warehousePath));
            facts = warehouse.ReadFacts();
        }
        catch (Exception error) when (IsWarehouseFailure(error))
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

    /// <summary>
    /// For the verbs that only read: true, with the message, when the warehouse file does not exist. Opening would
    /// create an empty warehouse and report "nothing": true, but not what the person wanted.
    /// </summary>
    private static bool IsMissing(WarehouseOptions options, string verb, TextWriter stderr)
    {
        if (options.IsInMemory || File.Exists(options.Path))
        {
            return false;
        }

        stderr.WriteLine($"cskpi {verb}: there is no warehouse at {Path.GetFullPath(options.Path)}; "
            + "pass --warehouse PATH (or set CSKPI_WAREHOUSE), or load the inbox first with cskpi ingest.");
        return true;
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

    /// <summary>Bad usage: what is wrong, each prefixed "cskpi: ", then the help of the verb it concerns.</summary>
    private static int Usage(TextWriter stderr, Command command, params string[] problems)
    {
        foreach (var problem in problems)
        {
            stderr.WriteLine($"cskpi: {problem}");
        }

        stderr.WriteLine();
        WriteHelp(command, stderr);
        return BadUsage;
    }
}

/// <summary>
/// A verb of the command line: a command whose help adds <paramref name="details"/> after the options, what the verb
/// prints and when it fails.
/// </summary>
internal sealed class Verb(string name, string summary, string? details = null) : Command(name, summary)
{
    public string? Details { get; } = details;
}
