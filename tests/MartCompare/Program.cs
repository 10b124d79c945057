// The before/after comparison of every mart (issue 15): build a seeded warehouse with the old code and with the new,
// export both, compare. Not part of the solution; run it with
//   dotnet run --project tests/MartCompare -- export WAREHOUSE.duckdb OUTDIR
//   dotnet run --project tests/MartCompare -- compare BEFOREDIR AFTERDIR
// export: every marts table, and the period, metric, ranking and scorecard macros at day, week, month and range
// grains over 2026-01-01..2026-02-14 (the seed's default start), to Parquet (open a copy of the warehouse: it writes).
// compare: for each Parquet file of BEFOREDIR, its columns that AFTERDIR's shares, by name, with except all both ways;
// a column missing after, a changed type or row count is a difference; a column added after is listed.
using DuckDB.NET.Data;

var mode = args[0];
if (mode == "export")
{
    var (warehouse, outDir) = (args[1], args[2]);
    Directory.CreateDirectory(outDir);
    using var c = new DuckDBConnection("Data Source=" + warehouse);
    c.Open();
    var queries = new List<(string Name, string Sql)>();
    foreach (var t in Strings(c, "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"))
        queries.Add((t, $"select * from marts.{t}"));
    var (from, to) = ("date '2026-01-01'", "date '2026-02-14'");
    foreach (var grain in new[] { "day", "week", "month", "range" })
    {
        foreach (var macro in new[] { "kpi_agent_period", "kpi_team_period", "kpi_store_period", "agent_metric", "agent_ranking", "scorecard" })
            queries.Add(($"{macro}_{grain}", $"select * from marts.{macro}('{grain}', {from}, {to})"));
    }
    foreach (var (name, sql) in queries)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"copy ({sql}) to '{Path.Combine(outDir, name + ".parquet")}' (format parquet)";
        cmd.ExecuteNonQuery();
        Console.WriteLine($"{name}\t{Scalar(c, $"select count(*) from ({sql})")}");
    }
}
else
{
    var (before, after) = (args[1], args[2]);
    using var c = new DuckDBConnection("Data Source=:memory:");
    c.Open();
    var bad = 0;
    foreach (var file in Directory.GetFiles(before, "*.parquet").OrderBy(f => f))
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var other = Path.Combine(after, name + ".parquet");
        if (!File.Exists(other)) { Console.WriteLine($"{name}\tMISSING after"); bad++; continue; }
        var b = Columns(c, file); var a = Columns(c, other);
        var common = b.Where(a.Contains).ToList();
        var cols = string.Join(", ", common.Select(x => "\"" + x + "\""));
        var onlyBefore = Scalar(c, $"select count(*) from (select {cols} from '{file}' except all select {cols} from '{other}')");
        var onlyAfter = Scalar(c, $"select count(*) from (select {cols} from '{other}' except all select {cols} from '{file}')");
        var rows = Scalar(c, $"select count(*) from '{file}'");
        var rowsAfter = Scalar(c, $"select count(*) from '{other}'");
        // same types too: the schema of the common columns
        var typesB = Strings(c, $"select column_name || ':' || column_type from (describe select * from '{file}') where column_name in ({string.Join(",", common.Select(x => "'" + x + "'"))}) order by 1");
        var typesA = Strings(c, $"select column_name || ':' || column_type from (describe select * from '{other}') where column_name in ({string.Join(",", common.Select(x => "'" + x + "'"))}) order by 1");
        var typeDiff = typesB.Except(typesA).ToList();
        var missing = b.Except(a).ToList(); var added = a.Except(b).ToList();
        var exact = onlyBefore == 0 && onlyAfter == 0;
        var rounded = exact;
        if (!exact)
        {
            // doubles summed in another order differ in their last bits (marts.scorecard's total does so run to run
            // on the same file): compare them to 9 decimals, everything else exactly
            var doubles = Strings(c, $"select column_name from (describe select * from '{file}') where column_type = 'DOUBLE'").ToHashSet();
            var rcols = string.Join(", ", common.Select(x => doubles.Contains(x) ? $"round(\"{x}\", 9) as \"{x}\"" : "\"" + x + "\""));
            rounded = Scalar(c, $"select count(*) from (select {rcols} from '{file}' except all select {rcols} from '{other}')") == 0
                && Scalar(c, $"select count(*) from (select {rcols} from '{other}' except all select {rcols} from '{file}')") == 0;
        }
        var ok = rounded && rows == rowsAfter && missing.Count == 0 && typeDiff.Count == 0;
        if (!ok) bad++;
        Console.WriteLine($"{name}\trows {rows}/{rowsAfter}\tcolumns {common.Count}\tonly-before {onlyBefore}\tonly-after {onlyAfter}"
            + (missing.Count > 0 ? $"\tMISSING {string.Join(",", missing)}" : "")
            + (added.Count > 0 ? $"\tadded {string.Join(",", added)}" : "")
            + (typeDiff.Count > 0 ? $"\tTYPES {string.Join(",", typeDiff)}" : "")
            + (ok ? exact ? "\tidentical" : "\tidentical to 9 decimals (float summation order)" : "\tDIFFERENT"));
    }
    Console.WriteLine(bad == 0 ? "every mart identical" : $"{bad} differ");
    return bad == 0 ? 0 : 1;
}
return 0;

static List<string> Columns(DuckDBConnection c, string file) => Strings(c, $"select column_name from (describe select * from '{file}')");
static List<string> Strings(DuckDBConnection c, string sql)
{
    using var cmd = c.CreateCommand(); cmd.CommandText = sql; using var r = cmd.ExecuteReader();
    var list = new List<string>(); while (r.Read()) list.Add(r.GetString(0)); return list;
}
static long Scalar(DuckDBConnection c, string sql)
{
    using var cmd = c.CreateCommand(); cmd.CommandText = sql; return Convert.ToInt64(cmd.ExecuteScalar());
}
