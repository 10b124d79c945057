using System.Security.Cryptography;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Jobs.Tests.Analyst;

/// <summary>A small seeded warehouse, loaded by the real <c>cskpi ingest</c>, which also writes the analyst snapshot; shared by a test class.</summary>
public sealed class SnapshotBed : IDisposable
{
    public SnapshotBed()
    {
        Cli.Seed(badRows: 0);
        var ingest = Cli.Ingest();
        if (ingest.Exit != 0 || !File.Exists(Snapshot))
        {
            throw new InvalidOperationException($"the test bed's ingest did not write a snapshot: {ingest}");
        }
    }

    public CliTestBed Cli { get; } = new();

    public string Snapshot => AnalystSnapshot.PathBeside(Cli.Warehouse);

    public SqlSandbox Sandbox(SandboxOptions? options = null) => new(Snapshot, options);

    public List<object?[]> Rows(string query, SandboxOptions? options = null) => Sandbox(options).Run(query, reader =>
    {
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    });

    public string Fingerprint() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Snapshot)));

    public void Dispose() => Cli.Dispose();
}
