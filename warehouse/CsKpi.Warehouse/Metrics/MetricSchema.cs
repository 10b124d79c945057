using System.Security.Cryptography;
using System.Text;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Metrics;

/// <summary>
/// Brings the warehouse in line with the metric registry when it is opened for writing: every metric a column of
/// its daily mart (a metric the registry adds later needs no migration), the data dictionary of those columns,
/// <c>core.metric</c>, and — when the registry's numbers changed since the last open — a full recompute owed
/// (<c>etl.metric_registry_change</c>). The registry's macros (<c>sql/macros/marts.kpi_*_period.sql</c>,
/// <c>marts.agent_metric.sql</c>) are templates re-created with every other definition (<see cref="Definition"/>).
/// </summary>
/// <remarks>
/// Adding columns and comments is an ALTER, so <see cref="WarehouseDatabase"/> does it on the checkpointed copy it
/// migrates (<see cref="ColumnsOwed"/> says when), never on the live file (docs/operations.md, the WAL finding).
/// </remarks>
public static class MetricSchema
{
    /// <summary>The daily mart each level's metrics are columns of.</summary>
    public static readonly IReadOnlyDictionary<string, string> DailyTables = new Dictionary<string, string>
    {
        ["agent"] = "kpi_agent_daily",
        ["team"] = "kpi_team_daily",
        ["store"] = "kpi_store_daily",
    };

    /// <summary>
    /// Every mart the registry's metrics are columns of, with the level whose metrics it holds: the daily marts, and
    /// the agent report ranges longer than a day (<c>marts.kpi_agent_report_period</c>, issue 16).
    /// </summary>
    public static readonly IReadOnlyList<(string Level, string Table)> MetricTables =
        [.. DailyTables.Select(t => (t.Key, t.Value)), ("agent", "kpi_agent_report_period")];

    /// <summary>
    /// After the migrations (which call <see cref="SyncColumns"/> before they re-create the macros of <c>sql/macros</c>,
    /// the registry's rollups among them): <c>core.metric</c>, and the recompute a changed registry owes.
    /// </summary>
    public static void Apply(DuckDBConnection connection, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(registry);
        if (connection.ExecuteScalar<long>("""
                select count(*) from duckdb_tables()
                where database_name = current_database() and schema_name = 'etl' and table_name = 'metric_registry_change'
                """) == 0)
        {
            // A warehouse opened with other migrations than this build's (tests of the runner): nothing to keep.
            return;
        }

        using var transaction = connection.BeginTransaction();
        LoadMetricTable(connection, transaction, registry);
        RecordChange(connection, transaction, registry);
        transaction.Commit();
    }

    /// <summary>
    /// The ALTERs the marts owe the registry: a missing metric column, a column comment that differs, or a sum
    /// still not null (an agent report fills only the metrics it carries; the others stay empty, never 0).
    /// </summary>
    public static IReadOnlyList<string> ColumnsOwed(DuckDBConnection connection, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(registry);
        var tables = MetricTables.Select(t => t.Table).ToList();
        var existing = connection.Query<(string Table, string Column, string? Comment, bool IsNullable)>($"""
            select table_name, column_name, comment, is_nullable
            from duckdb_columns()
            where database_name = current_database() and schema_name = 'marts'
              and table_name in ({string.Join(", ", tables.Select(t => $"'{t}'"))})
            """).ToDictionary(c => (c.Table, c.Column), c => (c.Comment, c.IsNullable));
        if (existing.Count == 0)
        {
            // Not migrated yet: the migrations create the tables, then this adds what they lack.
            return [];
        }

        var statements = new List<string>();
        foreach (var (level, table) in MetricTables)
        {
            if (!existing.Keys.Any(k => k.Table == table))
            {
                // A warehouse migrated by an older build's list (tests of the runner): its migrations lack the table.
                continue;
            }

            // Rows computed before the column existed stay empty until the recompute the new registry owes.
            foreach (var metric in registry.At(level))
            {
                var comment = Comment(metric);
                if (!existing.TryGetValue((table, metric.Code), out var current))
                {
                    statements.Add($"alter table marts.{table} add column {metric.Code} {MetricSql.ColumnType(metric)}");
                    statements.Add($"comment on column marts.{table}.{metric.Code} is {WarehouseDatabase.Literal(comment)}");
                    continue;
                }

                if (!current.IsNullable)
                {
                    statements.Add($"alter table marts.{table} alter column {metric.Code} drop not null");
                }

                if (current.Comment != comment)
                {
                    statements.Add($"comment on column marts.{table}.{metric.Code} is {WarehouseDatabase.Literal(comment)}");
                }
            }
        }

        return statements;
    }

    /// <summary>Adds the metric columns the daily marts lack and writes the registry's comments on every metric column.</summary>
    public static void SyncColumns(DuckDBConnection connection, MetricRegistry registry)
    {
        var statements = ColumnsOwed(connection, registry);
        if (statements.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        foreach (var statement in statements)
        {
            connection.Execute(statement, transaction: transaction);
        }

        transaction.Commit();
    }

    /// <summary>The data dictionary of a metric column: its Chinese name — its definition.</summary>
    public static string Comment(Metric metric) => $"{metric.Zh} — {metric.DefinitionEn}";

    /// <summary>
    /// The hash of what decides the marts' numbers and columns (codes, types, formulas, levels, emptiness,
    /// platforms): a new name or definition text owes no recompute, a new formula does.
    /// </summary>
    public static string NumbersHash(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var text = new StringBuilder();
        foreach (var m in registry.All)
        {
            text.Append(m.Code).Append('|').Append(m.Type).Append('|').Append(m.Numerator).Append('|').Append(m.Denominator)
                .Append('|').Append(string.Join(',', m.Levels)).Append('|').Append(m.EmptyWhenNone)
                .Append('|').Append(string.Join(',', m.Platforms)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Re-creates <c>core.metric</c> from the registry when its rows differ (or it is missing). The rows are first
    /// written to a temporary twin, which the WAL never sees, so an open whose registry is unchanged writes nothing
    /// to the file (a cleanly closed warehouse stays as it was until a load writes: IngestCrashTests rely on it).
    /// </summary>
    private static void LoadMetricTable(DuckDBConnection connection, DuckDBTransaction transaction, MetricRegistry registry)
    {
        const string Loaded = "metric_loaded";
        var script = SqlScripts.Get("core/metric.sql");
        // the table's statement alone (not its comments), as a temporary table
        var create = script[..(script.IndexOf(");", StringComparison.Ordinal) + 2)]
            .Replace("create or replace table core.metric", "create or replace temp table " + Loaded, StringComparison.Ordinal);
        connection.Execute(create, transaction: transaction);
        var rows = registry.All.Select((m, i) => new
        {
            position = i + 1,
            code = m.Code,
            zh = m.Zh,
            en = m.En,
            kind = m.IsRatio ? "ratio" : "sum",
            type = m.Type,
            numerator = m.Numerator,
            denominator = m.Denominator,
            format = m.Format,
            direction = m.Direction,
            scorecard = m.Scorecard,
            levels = string.Join(',', m.Levels),
            shown = m.Shown,
            emptyWhenNone = m.EmptyWhenNone,
            platforms = string.Join(',', m.Platforms),
            definitionZh = m.DefinitionZh,
            definitionEn = m.DefinitionEn,
            source = m.Source,
        });
        // A few dozen rows of definitions, not facts: one insert each is the plain way.
        connection.Execute($"""
            insert into {Loaded} values (
                $position, $code, $zh, $en, $kind, $type, $numerator, $denominator, $format, $direction, $scorecard,
                string_split($levels, ','), $shown, $emptyWhenNone, string_split($platforms, ','),
                $definitionZh, $definitionEn, $source)
            """, rows, transaction);
        var exists = connection.ExecuteScalar<long>("""
            select count(*) from duckdb_tables()
            where database_name = current_database() and schema_name = 'core' and table_name = 'metric'
            """, transaction: transaction) > 0;
        var same = exists && connection.ExecuteScalar<long>($"""
            select count(*) from (
                (select * from core.metric except all select * from {Loaded})
                union all
                (select * from {Loaded} except all select * from core.metric))
            """, transaction: transaction) == 0;
        if (!same)
        {
            connection.Execute(script, transaction: transaction);
            connection.Execute($"insert into core.metric select * from {Loaded}", transaction: transaction);
        }

        connection.Execute($"drop table temp.main.{Loaded}", transaction: transaction);
    }

    private static void RecordChange(DuckDBConnection connection, DuckDBTransaction transaction, MetricRegistry registry)
    {
        var hash = NumbersHash(registry);
        var last = connection.ExecuteScalar<string?>(
            "select registry_hash from etl.metric_registry_change order by changed_at desc limit 1", transaction: transaction);
        if (last != hash)
        {
            connection.Execute(
                "insert into etl.metric_registry_change values ($hash, current_localtimestamp(), $metrics)",
                new { hash, metrics = registry.All.Count },
                transaction);
        }
    }

}
