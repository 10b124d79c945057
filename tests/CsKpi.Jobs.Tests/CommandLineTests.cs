using System.Diagnostics;
using System.Text.Json;
using CsKpi.Cli;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Jobs.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("help")]
    [InlineData("-h")]
    public void Help_lists_every_verb_and_says_which_are_not_built_yet(string flag)
    {
        var exit = CommandLine.Run([flag], stdout, stderr);

        Assert.Equal(0, exit);
        var help = stdout.ToString();
        foreach (var verb in new[] { "info", "ingest", "recompute", "rejects", "sql", "snapshot", "review", "staffing", "reconcile", "serve" })
        {
            Assert.Contains($"  {verb}", help, StringComparison.Ordinal);
        }

        Assert.Equal(0, CountOf(help, "not built yet"));
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void An_unknown_verb_is_bad_usage()
    {
        var exit = CommandLine.Run(["frobnicate"], stdout, stderr);

        Assert.Equal(2, exit);
        // The message is System.CommandLine's (in the user's language); it names the token, and the verbs follow.
        Assert.StartsWith("cskpi: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("'frobnicate'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("  ingest", stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void No_verb_is_bad_usage()
    {
        Assert.Equal(2, CommandLine.Run([], stdout, stderr));
        Assert.Contains("no verb given", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("info", "--bogus")]
    [InlineData("info", "--warehouse")]
    [InlineData("info", "--warehouse", "--json")]
    [InlineData("info", "--warehouse=")]
    [InlineData("ingest", "--bogus")]
    [InlineData("ingest", "--inbox")]
    [InlineData("ingest", "--inbox", "--json")]
    [InlineData("ingest", "extra")]
    [InlineData("rejects", "--file")]
    [InlineData("rejects", "--limit", "many")]
    [InlineData("rejects", "--limit=-1")]
    [InlineData("rejects", "--inbox", "x")]
    [InlineData("help", "nosuchverb")]
    public void A_bad_option_is_bad_usage(params string[] args)
    {
        Assert.Equal(2, CommandLine.Run(args, stdout, stderr));
        Assert.StartsWith("cskpi: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("exit codes:", stderr.ToString(), StringComparison.Ordinal); // the verb's help follows the problem
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void Info_as_json_names_the_canonical_file_and_its_schema_version()
    {
        var given = Path.Combine(folder, "data", "..", "data", "cskpi.duckdb");

        var exit = CommandLine.Run(["info", "--warehouse", given, "--json"], stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Empty(stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var root = json.RootElement;
        Assert.Equal(WarehouseDatabase.CanonicalizePath(given), root.GetProperty("warehouse").GetString());
        Assert.Equal(MigrationRunner.Embedded[^1].Version, root.GetProperty("schemaVersion").GetInt32());
        Assert.StartsWith("v1.", root.GetProperty("duckdbVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains("marts", root.GetProperty("schemas").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Info_as_text_and_with_an_equals_sign()
    {
        var path = Path.Combine(folder, "cskpi.duckdb");

        Assert.Equal(0, CommandLine.Run(["info", $"--warehouse={path}"], stdout, stderr));

        Assert.Contains($"warehouse       {WarehouseDatabase.CanonicalizePath(path)}", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains($"schema version  {MigrationRunner.Embedded[^1].Version}", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_on_a_file_held_by_the_site_prints_who_holds_it_and_fails_at_once()
    {
        // This test process plays the site; a real cskpi process asks for the same file.
        using var site = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(folder, "data", "cskpi.duckdb")));
        var start = CskpiProcess.StartInfo("info", "--warehouse", site.CanonicalPath);

        var clock = Stopwatch.StartNew();
        using var cskpi = Process.Start(start)!;
        var errorText = cskpi.StandardError.ReadToEndAsync();
        var outputText = cskpi.StandardOutput.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await cskpi.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            cskpi.Kill();
            Assert.Fail("cskpi hung on a held warehouse");
        }

        Assert.Equal(1, cskpi.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cskpi took {clock.Elapsed}");
        var error = await errorText;
        Assert.Contains($"is in use by", error, StringComparison.Ordinal);
        Assert.Contains($"(PID {Environment.ProcessId}", error, StringComparison.Ordinal);
        Assert.Contains("SQL page", error, StringComparison.Ordinal);
        Assert.Contains(site.AnalystSnapshotPath, error, StringComparison.Ordinal);
        Assert.Empty(await outputText);
    }

    [Theory]
    [InlineData("ingest", "--help")]
    [InlineData("ingest", "-h")]
    [InlineData("help", "ingest")]
    [InlineData("ingest", "--inbox", "x", "--help")]
    public void Ingest_help_describes_its_options_and_output(params string[] args)
    {
        Assert.Equal(0, CommandLine.Run(args, stdout, stderr));

        var help = stdout.ToString();
        Assert.Contains("cskpi ingest [options]", help, StringComparison.Ordinal);
        Assert.Contains("--inbox <DIR>", help, StringComparison.Ordinal);
        Assert.Contains("[default: data/inbox]", help, StringComparison.Ordinal);
        Assert.Contains("--warehouse <PATH>", help, StringComparison.Ordinal);
        Assert.Contains("--json", help, StringComparison.Ordinal);
        Assert.Contains("read = loaded + duplicates + rejected", help, StringComparison.Ordinal);
        Assert.Empty(stderr.ToString());
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("rejects", "--help")]
    [InlineData("help", "rejects")]
    public void Rejects_help_describes_its_options(params string[] args)
    {
        Assert.Equal(0, CommandLine.Run(args, stdout, stderr));

        var help = stdout.ToString();
        Assert.Contains("--file <NAME>", help, StringComparison.Ordinal);
        Assert.Contains("--limit <N>", help, StringComparison.Ordinal);
        Assert.Contains("[default: 200]", help, StringComparison.Ordinal);
        Assert.Empty(stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "rejects", "--limit", "many" }, "--limit 'many' is not a whole number", "--limit <N>")]
    [InlineData(new[] { "info", "--warehouse" }, "'--warehouse'", "schema version and DuckDB version")]
    [InlineData(new[] { "staffing", "--target-sales", "1000", "--cs-share", "1.5" }, "--cs-share '1.5' is not a share", "--max-receptions <M>")]
    [InlineData(new[] { "reconcile", "--from", "2026-03-01", "--to", "2026-03-31" }, "reconcile needs --store ID", "--outside")]
    [InlineData(new[] { "reconcile", "--store", "S", "--from", "2026-03-31", "--to", "2026-03-01" }, "--from 2026-03-31 is after --to 2026-03-01", "--metric <CODE>")]
    [InlineData(new[] { "serve" }, "cskpi serve needs --config FILE", "--shard <NAME>")]
    [InlineData(new[] { "serve", "--config", "a.json", "--workers", "0" }, "--workers '0' is not a number of workers from 1 to 64", "--name <NAME>")]
    public void A_usage_error_names_the_option_and_is_followed_by_that_verbs_help(string[] args, string problem, string verbHelp)
    {
        Assert.Equal(2, CommandLine.Run(args, stdout, stderr));

        var error = stderr.ToString();
        Assert.StartsWith("cskpi: ", error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.Contains(verbHelp, error, StringComparison.Ordinal);
        Assert.DoesNotContain("  recompute", error, StringComparison.Ordinal); // the verb's help, not the list of every verb
    }

    [Theory]
    [InlineData("info")]
    [InlineData("ingest")]
    [InlineData("recompute")]
    [InlineData("rejects")]
    [InlineData("sql")]
    [InlineData("snapshot")]
    [InlineData("review")]
    [InlineData("staffing")]
    [InlineData("reconcile")]
    public void Every_verbs_help_lists_each_option_with_its_value_and_the_exit_codes(string verb)
    {
        Assert.Equal(0, CommandLine.Run([verb, "--help"], stdout, stderr));

        var help = stdout.ToString();
        Assert.Contains("--warehouse <PATH>", help, StringComparison.Ordinal);
        Assert.Contains("--json", help, StringComparison.Ordinal);
        Assert.EndsWith("exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage" + Environment.NewLine, help, StringComparison.Ordinal);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public void A_value_that_starts_with_an_at_sign_is_a_value_not_a_file_of_arguments()
    {
        var path = Path.Combine(folder, "cskpi.duckdb");
        Assert.Equal(0, CommandLine.Run(["info", "--warehouse", path], stdout, stderr));

        Assert.Equal(1, CommandLine.Run(["rejects", "--file", "@orders.csv", "--warehouse", path], stdout, stderr));
        Assert.Contains("no file named '@orders.csv' has been ingested", stderr.ToString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
