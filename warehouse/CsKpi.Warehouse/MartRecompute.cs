using System.Diagnostics;
using System.Globalization;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>What one recompute rebuilt and how long it took.</summary>
/// <param name="Steps">Each model of the run and how long it took, then the checks.</param>
public sealed record RecomputeReport(
    string Mode, long ThroughFileId, long MartDays, TimeSpan Elapsed, IReadOnlyList<RecomputeStep> Steps, IReadOnlyList<CheckFailure> Failures);

public sealed record RecomputeStep(string Name, TimeSpan Elapsed);

/// <summary>
/// Rebuilds the star schema and the marts from the raw layer: the business days the loads since the last recompute
/// touched (and the days their rules reach), or everything. Runs the models of <c>sql/core</c> and <c>sql/marts</c>
/// in order inside one transaction, so readers see the old numbers or the new ones, never a mix; then runs the
/// checks of <c>sql/checks</c>.
/// </summary>
public static class MartRecompute
{
    /// <summary>The models in dependency order: dimensions, the scope, facts, marts.</summary>
    private static readonly string[] Models =
    [
        "core/dim_store.sql",
        "core/dim_date.sql",
        "core/store_day_setting.sql",
        "core/fct_agent_report.sql",
        "core/dim_agent.sql",
        "core/dim_course.sql",
        "core/fct_training.sql",
        "core/recompute_scope.sql",
        "core/fct_order.sql",
        "core/reception_consultation.sql",
        "core/reception_message.sql",
        "core/fct_reception.sql",
        "core/fct_question.sql",
        "core/fct_agent_message.sql",
        "core/fct_order_credit.sql",
        "marts/agent_order.sql",
        "marts/mart_day.sql",
        "marts/agent_report_sums.sql",
        "marts/kpi_agent_daily.sql",
        "marts/kpi_agent_report_period.sql",
        "marts/kpi_team_daily.sql",
        "marts/kpi_store_daily.sql",
        "marts/maturity.sql",
        "marts/scorecard_monthly.sql",
    ];

    /// <summary>Records the store-months this recompute rebuilt, for the Parquet lake.</summary>
    private const string LakeOwed = "etl/lake_owed.sql";

    /// <summary>Run once per ad pattern in force, so that each pattern is a constant DuckDB compiles once.</summary>
    private static readonly string[] PerAdPattern = ["core/reception_consultation.sql", "core/reception_message.sql"];

    /// <summary>
    /// Recomputes what the loads since the last recompute touched (and settings changed since it began); the first
    /// recompute is a full one. What a killed recompute left owed is included: it is whatever its run did not record.
    /// </summary>
    /// <param name="cancellation">Interrupts the running query and rolls the whole recompute back.</param>
    public static RecomputeReport Incremental(WarehouseDatabase warehouse, CancellationToken cancellation = default) =>
        Run(warehouse, full: false, null, null, cancellation);

    /// <summary>Rebuilds every day of every store, or only the business days from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static RecomputeReport Full(WarehouseDatabase warehouse, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellation = default) =>
        Run(warehouse, full: true, from, to, cancellation);

    private static RecomputeReport Run(WarehouseDatabase warehouse, bool full, DateOnly? from, DateOnly? to, CancellationToken cancellation)
    {
        lock (warehouse.Locks.Recompute)
        {
            cancellation.ThrowIfCancellationRequested();
            using var connection = warehouse.OpenConnection();
            // A stop (SIGTERM, Ctrl+C, the site shutting down) interrupts the query in flight; the transaction then
            // rolls back, so the marts keep their old numbers and the recompute stays owed.
            using var interrupt = cancellation.Register(() => Interrupt(connection));
            try
            {
                return Run(connection, warehouse.LoadsInFlight, full, from, to, cancellation);
            }
            catch (Exception error) when (cancellation.IsCancellationRequested && error is not OperationCanceledException)
            {
                throw new OperationCanceledException("The recompute was stopped and rolled back; the next run recomputes those days.", error, cancellation);
            }
        }
    }

    /// <summary>DuckDB.NET's Cancel interrupts whatever query the command's connection is running, from any thread.</summary>
    internal static void Interrupt(DuckDBConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.Cancel();
        }
        catch (Exception error) when (error is DuckDBException or InvalidOperationException or ObjectDisposedException)
        {
            // Closed meanwhile: nothing is running to stop.
        }
    }

    private static RecomputeReport Run(DuckDBConnection connection, LoadsInFlight loads, bool full, DateOnly? from, DateOnly? to, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var started = connection.ExecuteScalar<DateTime>("select current_localtimestamp()::timestamp");
        var last = connection.QuerySingleOrDefault<(long ThroughFileId, DateTime StartedAt)?>(
            "select through_file_id, started_at from etl.recompute_run where mode <> 'range' order by run_id desc limit 1");
        full |= last is null;
        // A recompute of some days only leaves the loads it did not cover pending for the next one.
        var partial = full && (from is not null || to is not null);
        // Not simply the highest loaded file: an ingest running beside this recompute may still be loading a lower one.
        var through = partial ? last?.ThroughFileId ?? 0 : loads.Through(connection);
        var mode = partial ? "range" : full ? "full" : "incremental";

        // DuckDB plans an ASOF join whose outer side it expects to be small as a nested loop; a CTE's estimate
        // is often tiny while it holds every order, which turned a 0.1 s join into seconds.
        connection.Execute("set asof_loop_join_threshold = 0");
        // A full recompute (and its checks) runs without preserve_insertion_order: its temp tables
        // (reception_message: every message of the history) have no order to keep, and under the setting DuckDB
        // wrote them through its plain INSERT rather than the parallel batch insert (at 10 million messages: 18 s of
        // the INSERT operator in an 18 s statement; docs/benchmarks.md, issue 17 round 5). An insert with an ORDER BY
        // is still written in that order (the facts' (store, day) order, which the daily path's pruning needs; the
        // recompute benchmark checks it), and nothing reads a table's rows in their insertion order. Session scope:
        // the site's other connections keep the default; so does the daily path.
        var unordered = full;
        if (unordered)
        {
            connection.Execute("set session preserve_insertion_order = false");
        }

        try
        {
            return Run(connection, clock, full, partial, mode, through, started, last, from, to, cancellation);
        }
        finally
        {
            if (unordered)
            {
                ResetInsertionOrder(connection);
            }
        }
    }

    private static RecomputeReport Run(
        DuckDBConnection connection, Stopwatch clock, bool full, bool partial, string mode, long through, DateTime started,
        (long ThroughFileId, DateTime StartedAt)? last, DateOnly? from, DateOnly? to, CancellationToken cancellation)
    {
        long martDays;
        var steps = new List<RecomputeStep>();
        using (var transaction = connection.BeginTransaction())
        {
            // SET VARIABLE takes no parameters; these are a boolean, a number and a timestamp this code formats.
            var since = (last?.StartedAt ?? new DateTime(1900, 1, 1)).ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
            connection.Execute(
                $"set variable full_recompute = {(full ? "true" : "false")}; "
                + $"set variable after_file_id = {(last?.ThroughFileId ?? 0).ToString(CultureInfo.InvariantCulture)}::bigint; "
                + $"set variable settings_since = timestamp '{since}'; "
                + $"set variable range_from = date '{Day(from ?? new DateOnly(1900, 1, 1))}'; "
                + $"set variable range_to = date '{Day(to ?? new DateOnly(9999, 12, 31))}';",
                transaction: transaction);
            foreach (var model in Models)
            {
                cancellation.ThrowIfCancellationRequested();
                var step = Stopwatch.StartNew();
                if (PerAdPattern.Contains(model, StringComparer.Ordinal))
                {
                    var patterns = connection.ExecuteScalar<long>("select count(*) from reception_ad_pattern", transaction: transaction);
                    for (var i = 0L; i < patterns; i++)
                    {
                        connection.Execute(
                            $"set variable ad_pattern = (select ad_pattern from reception_ad_pattern order by ad_pattern nulls first limit 1 offset {i})",
                            transaction: transaction);
                        Execute(connection, transaction, model);
                    }
                }
                else
                {
                    Execute(connection, transaction, model);
                }

                steps.Add(new RecomputeStep(model, step.Elapsed));
            }

            martDays = connection.ExecuteScalar<long>("select count(*) from mart_day", transaction: transaction);
            // The store-months the Parquet lake owes a rewrite of (ParquetLake), consumed only by a lake write.
            Execute(connection, transaction, LakeOwed);
            connection.Execute("""
                insert into etl.recompute_run
                select coalesce(max(run_id), 0) + 1, $mode, $through, $started, current_localtimestamp(), $martDays
                from etl.recompute_run
                """, new { mode, through, started, martDays }, transaction);
            cancellation.ThrowIfCancellationRequested();
            transaction.Commit();
        }

        // The models' temp tables (scope, reception messages, …) are dropped before the checks, freeing their memory;
        // an incremental recompute keeps its scope's, which its checks read (they check the rows it rebuilt only).
        var incremental = mode == "incremental";
        DropTempTables(connection, keep: incremental ? CheckedScope : []);
        var checking = Stopwatch.StartNew();
        var failures = WarehouseChecks.Run(connection, recomputed: incremental);
        steps.Add(new RecomputeStep("checks", checking.Elapsed));
        DropTempTables(connection, keep: []);
        return new RecomputeReport(mode, through, martDays, clock.Elapsed, steps, failures);
    }

    /// <summary>Back to the default; a connection a stop interrupted may refuse, and it is closed with the recompute anyway.</summary>
    private static void ResetInsertionOrder(DuckDBConnection connection)
    {
        try
        {
            connection.Execute("reset session preserve_insertion_order");
        }
        catch (DuckDBException)
        {
            // The failure that ended the run is the one to report.
        }
    }

    /// <summary>The scope tables of an incremental recompute that the scoped checks (<c>sql/checks_recomputed/</c>) read.</summary>
    private static readonly string[] CheckedScope = ["reception_day", "changed_order", "credit_order", "mart_day"];

    private static void DropTempTables(DuckDBConnection connection, string[] keep)
    {
        foreach (var table in connection.Query<string>("select table_name from duckdb_tables() where temporary").ToList())
        {
            if (!keep.Contains(table, StringComparer.Ordinal))
            {
                connection.Execute($"drop table if exists temp.main.\"{table}\"");
            }
        }
    }

    private static void Profile(DuckDBConnection connection, DuckDBTransaction transaction, string model, Action<string, string, string> sink)
    {
        // a model's statements end with ";" at a line's end; comment lines go first (they may end with one too)
        var text = string.Join('\n', SqlScripts.Get(model).Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        foreach (var statement in System.Text.RegularExpressions.Regex.Split(text, @";[ \t]*(?:\r?\n|$)").Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            var clock = Stopwatch.StartNew();
            if (statement.StartsWith("insert", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("delete", StringComparison.OrdinalIgnoreCase))
            {
                var plan = connection.Query<(string Key, string Value)>("explain analyze " + statement, transaction: transaction, commandTimeout: 0)
                    .Select(row => row.Value);
                sink(model, statement, $"{clock.Elapsed.TotalSeconds:F4} s\n" + string.Join('\n', plan));
            }
            else
            {
                connection.Execute(statement, transaction: transaction, commandTimeout: 0);
                sink(model, statement, $"{clock.Elapsed.TotalSeconds:F4} s");
            }
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A profiler (tests/CsKpi.Benchmarks, <c>CSKPI_BENCH_PROFILE</c>): when set, each model runs statement by statement,
    /// its inserts and deletes under <c>explain analyze</c> (which runs them for real, so the numbers are the same), and
    /// each plan with its operators' rows and times goes to the sink with its model and statement.
    /// </summary>
    internal static Action<string, string, string>? ProfileSink { get; set; }

    private static void Execute(DuckDBConnection connection, DuckDBTransaction transaction, string model)
    {
        try
        {
            if (ProfileSink is { } sink)
            {
                Profile(connection, transaction, model, sink);
                return;
            }

            connection.Execute(SqlScripts.Get(model), transaction: transaction, commandTimeout: 0);
        }
        catch (DuckDBException error)
        {
            throw new InvalidOperationException($"Recompute failed in sql/{model}; nothing was changed. {error.Message}", error);
        }
    }
}
