using System.Globalization;
using CsKpi.Seed;
using Dapper;

namespace CsKpi.Warehouse.Tests.Marts;

/// <summary>
/// Seeded data built once in one load and once in many small loads in shuffled order (rosters late, order updates
/// before their orders, one consultation's messages split over loads) gives identical core facts and marts; the
/// checks pass after every recompute on the way.
/// </summary>
public sealed class FullAndIncrementalTests
{
    private static readonly string[] Tables =
    [
        "core.fct_reception", "core.fct_question", "core.fct_order", "core.fct_order_credit", "core.dim_agent",
        "marts.kpi_agent_daily", "marts.kpi_team_daily", "marts.kpi_store_daily", "marts.scorecard_monthly",
    ];

    [Fact]
    public void Many_small_loads_in_shuffled_order_give_the_marts_of_one_load()
    {
        using var seeded = new MartBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = seeded.Inbox, Agents = 4, Days = 12, Stores = 2, Start = new DateOnly(2026, 3, 25), Seed = 7 });
        seeded.Ingest();
        Assert.Equal("full", seeded.LastIngest!.Recompute.Mode);

        using var pieces = new MartBed();
        var chunks = SplitIntoChunks(seeded.Inbox, pieces: 2).OrderBy(_ => Random.Shared.Next()).ToList();
        var loads = 0;
        foreach (var (name, text) in chunks)
        {
            File.WriteAllText(Path.Combine(pieces.Inbox, name), text);
            var result = pieces.Ingest();
            loads++;
            Assert.Equal(loads == 1 ? "full" : "incremental", result.Recompute!.Mode);
        }

        Assert.True(loads >= 15, $"{loads} loads");
        foreach (var table in Tables)
        {
            var whole = Dump(seeded, table);
            var pieced = Dump(pieces, table);
            Assert.True(whole.Count > 0, $"{table} is empty");
            var missing = whole.Except(pieced).Take(3).ToList();
            var extra = pieced.Except(whole).Take(3).ToList();
            Assert.True(missing.Count == 0 && extra.Count == 0 && whole.Count == pieced.Count,
                $"{table}: {whole.Count} rows from one load, {pieced.Count} from {loads} loads; only in one load: {string.Join(" | ", missing)}; only in many: {string.Join(" | ", extra)}");
        }

        // And a full recompute of the pieced warehouse changes nothing either.
        pieces.RecomputeFull();
        Assert.Equal(Dump(seeded, "marts.kpi_agent_daily"), Dump(pieces, "marts.kpi_agent_daily"));
    }

    /// <summary>Every seeded file cut into contiguous line ranges, each a file of its own kind with the header.</summary>
    private static IEnumerable<(string Name, string Text)> SplitIntoChunks(string inbox, int pieces)
    {
        foreach (var path in Directory.GetFiles(inbox, "*.csv", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(path);
            var header = lines[0];
            var rows = lines[1..];
            var size = Math.Max(1, (rows.Length + pieces - 1) / pieces);
            var stem = Path.GetFileNameWithoutExtension(path);
            for (var i = 0; i * size < rows.Length; i++)
            {
                yield return ($"{stem}_part{i}.csv", header + "\n" + string.Join("\n", rows.Skip(i * size).Take(size)) + "\n");
            }
        }
    }

    /// <summary>A table as sorted text rows; doubles to 9 significant digits, since sums in another order may differ in the last bit.</summary>
    private static List<string> Dump(MartBed bed, string table)
    {
        using var connection = bed.Warehouse.OpenConnection();
        return connection.Query($"select * from {table}")
            .Select(row => string.Join("|", ((IDictionary<string, object?>)row).Values.Select(Text)))
            .Order(StringComparer.Ordinal)
            .ToList();

        static string Text(object? value) => value switch
        {
            null => "∅",
            double d => d.ToString("G9", CultureInfo.InvariantCulture),
            IDictionary<string, object?> map => string.Join(";", map.Select(kv => kv.Key + "=" + Text(kv.Value))),
            System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object?>().Select(Text)),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
