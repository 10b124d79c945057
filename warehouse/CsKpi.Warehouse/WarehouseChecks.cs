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
/// check says what it guards. After an incremental recompute, a check that <c>sql/checks_recomputed/</c> also holds runs
/// in that form instead: scoped to the rows the recompute rebuilt (its temp tables <c>reception_day</c>,
/// <c>changed_order</c>, <c>credit_order</c>, <c>mart_day</c>, with the bounds of <c>checks_recomputed/scope.sql</c>),
/// so the daily path does not read the whole history; the full recompute and the snapshot keep the whole-history form.
/// A scoped form without a statement (only its comments, which say why) is a check the incremental recompute cannot
/// fail: it is not run after one.
/// </summary>
public static class WarehouseChecks
{
    public static IReadOnlyList<string> Names { get; } = typeof(WarehouseChecks).Assembly.GetManifestResourceNames()
        .Where(name => name.StartsWith("sql/checks/", StringComparison.Ordinal))
        .Select(name => name["sql/".Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Where the scoped form of a check lives, under the same file name.</summary>
    private const string Recomputed = "checks_recomputed/";

    /// <summary>Runs every check over the whole warehouse.</summary>
    public static IReadOnlyList<CheckFailure> Run(DuckDBConnection connection) => Run(connection, recomputed: false);

    /// <param name="recomputed">Check only what the incremental recompute just run on this connection rebuilt: its scope's
    /// temp tables must still exist.</param>
    internal static IReadOnlyList<CheckFailure> Run(DuckDBConnection connection, bool recomputed)
    {
        if (recomputed)
        {
            connection.Execute(SqlScripts.Get(Recomputed + "scope.sql"), commandTimeout: 0);
        }

        var failures = new List<CheckFailure>();
        foreach (var name in Names)
        {
            var scoped = Recomputed + name["checks/".Length..];
            var sql = recomputed && SqlScripts.Exists(scoped) ? SqlScripts.Get(scoped) : SqlScripts.Get(name);
            if (!SqlScripts.HasStatements(sql))
            {
                continue;
            }

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
