using System.Diagnostics;
using CsKpi.Cli;
using CsKpi.Seed;
using CsKpi.Tests.Shared;
using CsKpi.Warehouse;
using Dapper;

namespace CsKpi.Jobs.Tests.Support;

/// <summary>What one in-process run of the command line returned and printed.</summary>
public sealed record CliResult(int Exit, string Out, string Error)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>An inbox and a warehouse path in a fresh temporary folder, deleted afterwards.</summary>
public sealed class CliTestBed : IDisposable
{
    /// <param name="fromTemplate">
    /// Puts a copy of the run's migrated warehouse (tests/Shared/WarehouseTemplate.cs) at <see cref="Warehouse"/>, so the
    /// first command opens a current file instead of running every migration; false (the default) leaves no file there,
    /// for the tests of a first start, a missing warehouse, locks and crashes.
    /// </param>
    public CliTestBed(bool fromTemplate = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "cskpi-cli-" + Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Warehouse = Path.Combine(Root, "data", "cskpi.duckdb");
        Directory.CreateDirectory(Inbox);
        if (fromTemplate)
        {
            WarehouseTemplate.CopyTo(Warehouse);
        }
    }

    public string Root { get; }
    public string Inbox { get; }
    public string Warehouse { get; }

    /// <summary>
    /// A bed holding a copy of the run's loaded bed: <see cref="Seed"/>() with no bad rows (six agents over five days),
    /// ingested by the in-process <c>cskpi ingest</c> into a copy of the migrated template, which recomputes the marts,
    /// runs the checks and writes the analyst snapshot. Built once per test process and copied whole (inbox, warehouse,
    /// snapshot; the ledger names files relative to the inbox), instead of a seed and ingest per bed; for tests that
    /// read such a warehouse or change their own copy of it, never for tests of the ingest itself.
    /// </summary>
    public static CliTestBed Loaded()
    {
        var bed = new CliTestBed();
        bed.CopyLoaded(overwrite: false);
        return bed;
    }

    /// <summary>
    /// Puts a copy of the run's loaded bed (<see cref="Loaded"/>) in this bed, replacing its warehouse: what
    /// <c>Seed(badRows: 0)</c> and a successful <see cref="Ingest"/> leave, for a test whose setup is exactly that.
    /// </summary>
    public void LoadCopy() => CopyLoaded(overwrite: true);

    private void CopyLoaded(bool overwrite)
    {
        var from = LoadedRoot.Value;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(Root, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite);
        }
    }

    private static readonly Lazy<string> LoadedRoot = new(BuildLoaded, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string BuildLoaded()
    {
        var bed = new CliTestBed(fromTemplate: true);
        bed.Seed(badRows: 0);
        var ingest = bed.Ingest();
        if (ingest.Exit != 0 || !File.Exists(AnalystSnapshot.PathBeside(bed.Warehouse)))
        {
            throw new InvalidOperationException($"the loaded bed's ingest did not write a snapshot: {ingest}");
        }

        foreach (var file in (string[])[bed.Warehouse, AnalystSnapshot.PathBeside(bed.Warehouse)])
        {
            if (File.Exists(file + ".wal") && new FileInfo(file + ".wal").Length > 0)
            {
                throw new InvalidOperationException($"{file} kept a WAL after the ingest closed it; its copies would lack what the WAL holds.");
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => bed.Dispose();
        return bed.Root;
    }

    /// <summary>Six agents over five days, with <paramref name="badRows"/> broken rows spread over the kinds.</summary>
    public SeedManifest Seed(int badRows = 6) =>
        SeedRun.Run(new SeedOptions { OutputDirectory = Inbox, Agents = 6, Days = 5, BadRows = badRows });

    public CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandLine.Run(args, stdout, stderr);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }

    public CliResult Ingest(params string[] more) => Run(["ingest", "--inbox", Inbox, "--warehouse", Warehouse, .. more]);

    public CliResult Rejects(params string[] more) => Run(["rejects", "--warehouse", Warehouse, .. more]);

    public List<T> Query<T>(string sql, object? parameters = null)
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Warehouse));
        using var connection = warehouse.OpenConnection();
        return connection.Query<T>(sql, parameters).ToList();
    }

    public T Scalar<T>(string sql, object? parameters = null) => Query<T>(sql, parameters).Single();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed child still held on a slow machine; the OS cleans its temp folder eventually.
        }
    }
}

/// <summary>Starts the built <c>cskpi</c> (copied next to the tests by the project reference) as a real process.</summary>
public static class CskpiProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "cskpi.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException($"cskpi.dll is not next to the tests ({AppContext.BaseDirectory}); the test project references jobs/CsKpi.Cli to copy it there.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", Dll, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
