using System.Security.Cryptography;
using CsKpi.Jobs.Tests.Support;
using CsKpi.Warehouse;

namespace CsKpi.Jobs.Tests.Analyst;

/// <summary>
/// A small seeded warehouse, loaded by the real <c>cskpi ingest</c>, which also writes the analyst snapshot; shared by
/// a test class, or one per test where the test changes it. A copy of the run's loaded bed (<see cref="CliTestBed.Loaded"/>):
/// the same seed and ingest as before, done once per test run instead of once per bed.
/// </summary>
public sealed class SnapshotBed : IDisposable
{
    public SnapshotBed()
    {
        if (!File.Exists(Snapshot))
        {
            throw new InvalidOperationException($"the test bed has no snapshot at {Snapshot}");
        }
    }

    public CliTestBed Cli { get; } = CliTestBed.Loaded();

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
