using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>A soundness check that found rows: its file, what it guards, and a few of the offending rows.</summary>
public sealed record CheckFailure(string Check, string Guards, long Rows, IReadOnlyList<string> Examples)
{
    public override string ToString() => $"{Check} ({Guards}): {Rows} row(s), e.g. {string.Join("; ", Examples)}";
}

/// <summary>
/// The queries of <c>sql/checks/</c>: each returns no rows when the warehouse is sound. The first comment line of a
/// check says what it guards.
/// </summary>
public static class WarehouseChecks
{
    public static IReadOnlyList<string> Names { get; } = typeof(WarehouseChecks).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith("sql/checks/", StringComparison.Ordinal))
        .Select(name => name["sql/".Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<CheckFailure> Run(DuckDBConnection connection)
    {
        var failures = new List<CheckFailure>();
        foreach (var name in Names)
        {
            var sql = SqlScripts.Get(name);
            var rows = connection.Query(sql, commandTimeout: 0).Cast<IDictionary<string, object?>>().ToList();
            if (rows.Count > 0)
            {
                var guards = sql.Split('\n')[0].TrimStart('-', ' ').Trim();
                var examples = rows.Take(3).Select(row => string.Join(", ", row.Select(kv => $"{kv.Key}={kv.Value}"))).ToList();
                failures.Add(new CheckFailure(name, guards, rows.Count, examples));
            }
        }

        return failures;
    }
}
