using System.Security.Cryptography;
using System.Text;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Metrics;

/// <summary>
/// Brings the warehouse in line with the metric registry when it is opened for writing: every metric a column of
/// its daily mart (a metric the registry adds later needs no migration), the data dictionary of those columns,
/// <c>core.metric</c>, the period and metric macros of <c>sql/macros</c>, and — when the registry's numbers changed
/// since the last open — a full recompute owed (<c>etl.metric_registry_change</c>).
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

    /// <summary>Everything on open: columns and comments (a no-op when done aside), core.metric, macros, owed recompute.</summary>
    public static void Apply(DuckDBConnection connection, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(registry);
        SyncColumns(connection, registry);
        using var transaction = connection.BeginTransaction();
        LoadMetricTable(connection, transaction, registry);
        CreateMacros(connection, transaction);
        RecordChange(connection, transaction, registry);
        transaction.Commit();
    }

    /// <summary>The ALTERs the marts owe the registry: a missing metric column, or a column comment that differs.</summary>
    public static IReadOnlyList<string> ColumnsOwed(DuckDBConnection connection, MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(registry);
        var existing = connection.Query<(string Table, string Column, string? Comment)>("""
            select table_name, column_name, comment
            from duckdb_columns()
            where database_name = current_database() and schema_name = 'marts'
              and table_name in ('kpi_agent_daily', 'kpi_team_daily', 'kpi_store_daily')
            """).ToDictionary(c => (c.Table, c.Column), c => c.Comment);
        if (existing.Count == 0)
        {
            // Not migrated yet: the migrations create the tables, then this adds what they lack.
            return [];
        }

        var statements = new List<string>();
        foreach (var (level, table) in DailyTables)
        {
            foreach (var metric in registry.At(level))
            {
                var comment = Comment(metric);
                if (!existing.TryGetValue((table, metric.Code), out var current))
                {
                    statements.Add($"alter table marts.{table} add column {metric.Code} {MetricSql.ColumnType(metric)}");
                    statements.Add($"comment on column marts.{table}.{metric.Code} is {Literal(comment)}");
                }
                else if (current != comment)
                {
                    statements.Add($"comment on column marts.{table}.{metric.Code} is {Literal(comment)}");
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

    private static void LoadMetricTable(DuckDBConnection connection, DuckDBTransaction transaction, MetricRegistry registry)
    {
        connection.Execute(SqlScripts.Get("core/metric.sql"), transaction: transaction);
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
        connection.Execute("""
            insert into core.metric values (
                $position, $code, $zh, $en, $kind, $type, $numerator, $denominator, $format, $direction, $scorecard,
                string_split($levels, ','), $shown, $emptyWhenNone, string_split($platforms, ','),
                $definitionZh, $definitionEn, $source)
            """, rows, transaction);
    }

    /// <summary>
    /// Re-creates the macros of <c>sql/macros</c> (<c>create or replace</c>, expanded from the registry). DuckDB
    /// resolves the table functions a macro calls when it is created, so a macro follows those of the folder it names.
    /// </summary>
    private static void CreateMacros(DuckDBConnection connection, DuckDBTransaction transaction)
    {
        foreach (var file in InDependencyOrder(SqlScripts.Under("macros")))
        {
            try
            {
                connection.Execute(SqlScripts.Get(file), transaction: transaction);
            }
            catch (DuckDBException error)
            {
                throw new InvalidOperationException($"sql/{file} could not be created: {error.Message}", error);
            }
        }
    }

    /// <summary>The files <c>macros/schema.name.sql</c> so that each comes after the others whose macro its text calls.</summary>
    internal static IReadOnlyList<string> InDependencyOrder(IReadOnlyList<string> files)
    {
        static string Name(string file) => Path.GetFileNameWithoutExtension(file);
        var pending = files.ToList();
        var ordered = new List<string>();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(file => !pending.Any(other =>
                    other != file && SqlScripts.Get(file).Contains(Name(other) + "(", StringComparison.Ordinal)))
                ?? throw new InvalidOperationException("The macros of sql/macros call each other in a circle: " + string.Join(", ", pending));
            ordered.Add(next);
            pending.Remove(next);
        }

        return ordered;
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

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
