using CsKpi.Etl;
using CsKpi.Seed;
using CsKpi.Warehouse;
using Dapper;
using Xunit.Abstractions;

namespace CsKpi.Jobs.Tests;

public sealed class MartSeededTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        var root = Path.Combine(Path.GetTempPath(), "cskpi-mart-" + Guid.NewGuid().ToString("N"));
        var inbox = Path.Combine(root, "inbox");
        SeedRun.Run(new SeedOptions { OutputDirectory = inbox, Agents = 6, Days = 30, Stores = 2, Start = new DateOnly(2026, 3, 1) });
        using (var w0 = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb"))))
        {
            new InboxLoader(w0, new EtlOptions { Inbox = inbox }).IngestInbox();
        }

        File.Copy(Path.Combine(root, "cskpi.duckdb"), "/tmp/q/fresh.duckdb", true);
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(Path.Combine(root, "cskpi.duckdb")));
        var report = MartRecompute.Full(warehouse);
        foreach (var st in report.Steps) output.WriteLine($"first {st.Name} {st.Elapsed.TotalSeconds:F2}");
        report = MartRecompute.Full(warehouse);
        output.WriteLine(report.ToString() + " " + root);
        foreach (var st in report.Steps) output.WriteLine($"{st.Name} {st.Elapsed.TotalSeconds:F2}");
        foreach (var f in report.Failures) output.WriteLine(f.ToString());
        using var c = warehouse.OpenConnection();
        foreach (var row in c.Query("select * from marts.kpi_store_daily order by business_day limit 5"))
            output.WriteLine(string.Join(", ", ((IDictionary<string, object>)row).Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Empty(report.Failures);
    }
}
