using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;

namespace CsKpi.Jobs.Tests.Support;

/// <summary>
/// The test assembly's entry point when run as a program: a reader of a DuckDB file that shares nothing with CsKpi
/// (plain DuckDB.NET, read-only, no migrations, another process), as any other client would open what a killed run
/// left. It prints one line per table of raw, core and marts (or of the snapshot's): its row count and an
/// order-independent fingerprint of its rows. Exit 3 when the file cannot be opened, with DuckDB's message.
/// </summary>
public static class IndependentReader
{
    public const string Verb = "fingerprint";

    /// <summary>The line between the fingerprints of two files.</summary>
    public const string NextFile = "--";

    /// <summary>
    /// Columns a sequence hands out (ledger and load order ids): an interrupted load may consume numbers, so equal data
    /// can carry other ids; every other column is compared.
    /// </summary>
    private static readonly string[] SequenceColumns = ["file_id", "load_seq"];

    public static int Main(string[] args)
    {
        if (args is not [Verb, _, ..])
        {
            Console.Error.WriteLine($"usage: {Verb} PATH...");
            return 2;
        }

        try
        {
            foreach (var path in args[1..])
            {
                using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
                connection.Open();
                foreach (var line in Fingerprint(connection))
                {
                    Console.WriteLine(line);
                }

                if (path != args[^1])
                {
                    Console.WriteLine(NextFile);
                }
            }

            return 0;
        }
        catch (DuckDBException error)
        {
            Console.Error.WriteLine(error.Message);
            return 3;
        }
    }

    /// <summary>What a run of the reader returned and printed.</summary>
    public sealed record Result(int Exit, string Out, string Error)
    {
        public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    /// <summary>The fingerprints of a warehouse and of its analyst snapshot.</summary>
    public sealed record Fingerprints(IReadOnlyList<string> Warehouse, IReadOnlyList<string> Snapshot);

    /// <summary>Runs the reader as its own process (this test assembly, started by <c>dotnet exec</c>) on the files.</summary>
    public static async Task<Result> Run(params string[] paths)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", typeof(IndependentReader).Assembly.Location, Verb, .. paths])
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new Result(child.ExitCode, await output, await error);
    }

    /// <summary>Both files' fingerprints, read by one reader process; fails the test when either does not open.</summary>
    public static async Task<Fingerprints> Read(string warehouse, string snapshot)
    {
        var read = await Run(warehouse, snapshot);
        if (read.Exit != 0)
        {
            throw new InvalidOperationException($"the independent reader could not read the files: {read}");
        }

        var lines = read.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var split = lines.IndexOf(NextFile);
        return new Fingerprints(lines[..split], lines[(split + 1)..]);
    }

    /// <summary>The dotnet host running the tests, to start .NET programs the same way.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    public static IEnumerable<string> Fingerprint(DuckDBConnection connection)
    {
        var tables = new List<(string Schema, string Table)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                select schema_name, table_name from duckdb_tables()
                where schema_name in ('raw', 'core', 'marts') and not temporary
                order by all
                """;
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (schema, table) in tables)
        {
            var columns = new List<string>();
            using (var describe = connection.CreateCommand())
            {
                describe.CommandText = $"""
                    select column_name, data_type from duckdb_columns()
                    where schema_name = '{schema}' and table_name = '{table}' order by column_index
                    """;
                using var reader = describe.ExecuteReader();
                while (reader.Read())
                {
                    var (name, type) = (reader.GetString(0), reader.GetString(1));
                    if (SequenceColumns.Contains(name))
                    {
                        continue;
                    }

                    // Sums in another order may differ in the last bit of a double.
                    columns.Add(type is "DOUBLE" or "FLOAT" ? $"round(\"{name}\", 9)" : $"\"{name}\"");
                }
            }

            using var fingerprint = connection.CreateCommand();
            // A sum of row hashes: independent of row order, and (unlike xor) a duplicated row still counts.
            fingerprint.CommandText = $"""
                select count(*), coalesce(sum(hash({string.Join(", ", columns)})::hugeint), 0)::varchar
                from {schema}."{table}"
                """;
            using var row = fingerprint.ExecuteReader();
            row.Read();
            yield return string.Create(CultureInfo.InvariantCulture, $"{schema}.{table} {row.GetInt64(0)} {row.GetString(1)}");
        }
    }
}
