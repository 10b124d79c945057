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
        var checks = Names.Select(name => (Name: name, Sql: Form(name, recomputed))).Where(check => SqlScripts.HasStatements(check.Sql)).ToList();
        if (recomputed)
        {
            connection.Execute(SqlScripts.Get(Recomputed + "scope.sql"), commandTimeout: 0);
            // The scoped checks read a few thousand rows each: most of what each costs is its statement (planning, the
            // start of its pipelines, a round trip), so they are counted in one query, whose independent parts DuckDB
            // plans once and runs side by side. Only a check that found rows runs again alone, for its rows as below.
            // The whole-history checks stay one statement each: each reads the history, and one query would hold all
            // their hash tables at once.
            var found = connection.Query<long>(Counted(checks.Select(check => check.Sql)), commandTimeout: 0).ToHashSet();
            checks = checks.Where((_, i) => found.Contains(i)).ToList();
        }

        var failures = new List<CheckFailure>();
        foreach (var (name, sql) in checks)
        {
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

    /// <summary>The check's query: after an incremental recompute its scoped form, where it has one.</summary>
    private static string Form(string name, bool recomputed)
    {
        var scoped = Recomputed + name["checks/".Length..];
        return recomputed && SqlScripts.Exists(scoped) ? SqlScripts.Get(scoped) : SqlScripts.Get(name);
    }

    /// <summary>One query that returns the number (0-based) of each check whose query finds a row.</summary>
    private static string Counted(IEnumerable<string> checks) => string.Join("\nunion all\n", checks.Select((sql, i) =>
    {
        // the check's one statement, without its comment lines and its closing semicolon, as a subquery
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Trim().TrimEnd(';');
        return $"select {i} as check_no from (\n{statement}\n) having count(*) > 0";
    }));
}
