using System.Diagnostics;
using Dapper;

namespace CsKpi.Warehouse;

/// <summary>What one snapshot write produced.</summary>
/// <param name="SkippedMacros">Macros that call what the snapshot leaves out (settings), with DuckDB's reason.</param>
public sealed record SnapshotReport(string Path, int Tables, long Rows, int Macros, IReadOnlyList<string> SkippedMacros, TimeSpan Elapsed)
{
    /// <summary>The Parquet lake write that preceded the snapshot; null when no lake is configured.</summary>
    public LakeReport? Lake { get; init; }
}

/// <summary>
/// The analyst snapshot (interfaces.md): the analyst-facing tables — the star schema (<c>core</c>) and the marts —
/// with their comments, copied into a new DuckDB file that then replaces <c>analyst.duckdb</c> beside the warehouse
/// by a rename. DuckDB refuses a second process on the live file, even read-only; the snapshot is the file any
/// other process (the SQL sandbox, the DuckDB CLI, Python, DBeaver) opens instead. A reader holding the old file
/// keeps reading it: the rename replaces the name, not the file it has open.
/// Users, settings, the audit log, the ETL's raw and ledger tables stay out.
/// </summary>
public static class AnalystSnapshot
{
    public const string FileName = "analyst.duckdb";

    /// <summary>The schemas copied whole. Tables keep their schema, and main gets a view by the bare name of each.</summary>
    private static readonly string[] Schemas = ["core", "marts"];

    /// <summary>The name the new file is attached under; sql/snapshot/snapshot_info.sql writes to it by this name.</summary>
    internal const string Catalog = "analyst_snapshot_new";
    private const string PendingSuffix = ".writing";

    /// <summary><c>analyst.duckdb</c> in the warehouse's folder.</summary>
    public static string PathBeside(string warehousePath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(warehousePath) ?? ".", FileName);

    /// <summary>
    /// Writes the snapshot of <paramref name="warehouse"/> to <paramref name="target"/> (default: beside the
    /// warehouse). Writes to one target never overlap; the file appears whole or not at all.
    /// </summary>
    /// <param name="cancellation">Interrupts the copy; the pending file is deleted and analyst.duckdb stays as it was.</param>
    public static SnapshotReport Write(WarehouseDatabase warehouse, string? target = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        if (target is null && warehouse.IsInMemory)
        {
            throw new InvalidOperationException("An in-memory warehouse has no folder to write the analyst snapshot to; give a target path.");
        }

        var path = System.IO.Path.GetFullPath(target ?? PathBeside(warehouse.CanonicalPath));
        lock (warehouse.Locks.Snapshot(path))
        {
            return WriteLocked(warehouse, path, cancellation);
        }
    }

    private static SnapshotReport WriteLocked(WarehouseDatabase warehouse, string path, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        RemoveLeftovers(path);
        var pending = $"{path}.{Guid.NewGuid():N}{PendingSuffix}";
        try
        {
            int tables, macros;
            long rows;
            long? recomputeRun;
            List<string> skipped;
            using (var connection = warehouse.OpenConnection())
            using (cancellation.Register(() => MartRecompute.Interrupt(connection)))
            {
                var home = connection.ExecuteScalar<string>("select current_database()")!;
                connection.Execute($"attach {Literal(pending)} as {Catalog}");
                try
                {
                    (tables, macros, rows, skipped, recomputeRun) = Copy(connection, home, warehouse.Options.LakePath, cancellation);
                }
                finally
                {
                    connection.Execute($"use {home}; detach {Catalog}");
                }
            }

            cancellation.ThrowIfCancellationRequested();
            File.Move(pending, path, overwrite: true);
            if (!warehouse.IsInMemory && string.Equals(path, System.IO.Path.GetFullPath(warehouse.AnalystSnapshotPath), StringComparison.Ordinal))
            {
                // The owed snapshot is consumed only now that the file is in place. A kill between the rename and this
                // row costs one more (identical) snapshot on the next run, never a missing one.
                using var connection = warehouse.OpenConnection();
                connection.Execute(
                    "insert into etl.snapshot_run values ($recomputeRun, current_localtimestamp(), $path)", new { recomputeRun, path });
            }

            return new SnapshotReport(path, tables, rows, macros, skipped, clock.Elapsed);
        }
        finally
        {
            File.Delete(pending);
            File.Delete(pending + ".wal");
        }
    }

    /// <summary>One transaction over the warehouse, so every table is read as of the same moment.</summary>
    private static (int Tables, int Macros, long Rows, List<string> Skipped, long? RecomputeRun) Copy(DuckDB.NET.Data.DuckDBConnection connection, string home, string? lakePath, CancellationToken cancellation)
    {
        using var transaction = connection.BeginTransaction();
        // Views become tables: computed here, where what they read (settings, say) exists.
        var tables = connection.Query<(string Schema, string Table, string? Comment)>("""
            select schema_name, table_name, comment
            from duckdb_tables()
            where database_name = current_database() and schema_name in $schemas and not temporary
            union all
            select schema_name, view_name, comment
            from duckdb_views()
            where database_name = current_database() and schema_name in $schemas and not temporary and not internal
            order by all
            """, new { schemas = Schemas }, transaction).ToList();
        var columns = connection.Query<(string Schema, string Table, string Column, string Comment)>("""
            select schema_name, table_name, column_name, comment
            from duckdb_columns()
            where database_name = current_database() and schema_name in $schemas and comment is not null
            """, new { schemas = Schemas }, transaction).ToList();
        var macroRows = connection.Query<(string Schema, string Name, string Type, string Parameters, string Definition)>(
            SqlScripts.Get("snapshot/snapshot_macros.sql"), new { schemas = Schemas }, transaction).ToList();
        // The recompute the snapshot holds, for its etl.snapshot_run row once the file is in place.
        var recomputeRun = connection.ExecuteScalar<long?>("select max(run_id) from etl.recompute_run", transaction: transaction);

        var script = new System.Text.StringBuilder();
        foreach (var schema in Schemas)
        {
            script.AppendLine($"create schema {Catalog}.{schema};");
        }

        foreach (var (schema, table, comment) in tables)
        {
            script.AppendLine($"create table {Catalog}.{schema}.{table} as select * from {home}.{schema}.{table};");
            if (comment is not null)
            {
                script.AppendLine($"comment on table {Catalog}.{schema}.{table} is {Literal(comment)};");
            }
        }

        // Columns of the same schemas: every one belongs to a table or view copied above.
        foreach (var (schema, table, column, comment) in columns)
        {
            script.AppendLine($"comment on column {Catalog}.{schema}.{table}.{column} is {Literal(comment)};");
        }

        script.AppendLine(SqlScripts.Get("snapshot/snapshot_info.sql"));
        connection.Execute(script.ToString(), transaction: transaction);
        transaction.Commit();

        // Views and macros are written with the snapshot as the current catalog, so their text names tables as
        // schema.table and binds to the snapshot's own tables wherever the file is opened later.
        var names = new System.Text.StringBuilder($"use {Catalog};\n");
        var bare = new HashSet<string>(StringComparer.Ordinal);
        // marts first: a bare name that both schemas used would mean the mart.
        foreach (var (schema, table, comment) in tables.OrderBy(t => t.Schema == "marts" ? 0 : 1))
        {
            if (bare.Add(table))
            {
                names.AppendLine($"create view main.{table} as select * from {schema}.{table};");
                names.AppendLine($"comment on view main.{table} is {Literal($"{schema}.{table} by its bare name" + (comment is null ? "" : " — " + comment))};");
            }
        }

        connection.Execute(names.ToString());
        LakeViews(connection, lakePath);

        // DuckDB resolves the table functions a macro calls when it is created, so a macro can only follow those it
        // uses; catalogs do not record that order, so take it by trial: each pass creates what it can.
        var pending = macroRows.ToList();
        var skipped = new List<string>();
        while (pending.Count > 0)
        {
            var failures = new List<string>();
            var before = pending.Count;
            foreach (var macro in pending.ToList())
            {
                var kind = macro.Type == "table_macro" ? "table " : "";
                try
                {
                    connection.Execute($"create macro {macro.Schema}.{macro.Name}({ParametersOf(macro.Schema, macro.Name, macro.Parameters)}) as {kind}{macro.Definition}");
                    pending.Remove(macro);
                }
                catch (DuckDB.NET.Data.DuckDBException error)
                {
                    failures.Add($"{macro.Schema}.{macro.Name}: {error.Message.Split('\n')[0]}");
                }
            }

            if (pending.Count == before)
            {
                // What is left calls what the snapshot leaves out (settings, say): an analyst could not run it anyway.
                skipped.AddRange(failures);
                break;
            }
        }

        CheckpointWhenFree(connection, cancellation);
        var rows = connection.ExecuteScalar<long?>(
            $"select sum(estimated_size)::bigint from duckdb_tables() where database_name = '{Catalog}'") ?? 0;
        return (tables.Count, macroRows.Count - skipped.Count, rows, skipped, recomputeRun);
    }

    /// <summary>
    /// Checkpoints the pending snapshot, so that the file renamed into place holds everything without a WAL. An
    /// attached database is visible to every connection of the engine, and a statement that lists catalogs
    /// (<c>duckdb_tables()</c>: the recompute's checks, its temp-table cleanup) opens a transaction in it too. Until
    /// such a transaction of another connection ends, DuckDB 1.5.6 keeps this connection's committed writes to the
    /// snapshot uncleaned, they hold its checkpoint lock, and CHECKPOINT refuses ("there are other write transactions
    /// active"): a restart's owed snapshot failed so beside the demo loader's ingest (SiteCrashTests, 2026-12-07).
    /// The other transaction always ends, so this waits for it and tries again. FORCE CHECKPOINT is not used: it
    /// holds the snapshot's start-transaction lock while it waits, and the other connection's next statement that
    /// lists catalogs would wait on that lock in turn.
    /// </summary>
    internal static void CheckpointWhenFree(DuckDB.NET.Data.DuckDBConnection connection, CancellationToken cancellation)
    {
        var wait = TimeSpan.FromMilliseconds(50);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                connection.Execute($"checkpoint {Catalog}");
                return;
            }
            catch (DuckDB.NET.Data.DuckDBException error) when (
                error.Message.Contains("other write transactions active", StringComparison.Ordinal) && clock.Elapsed < CheckpointPatience)
            {
                cancellation.WaitHandle.WaitOne(wait);
                cancellation.ThrowIfCancellationRequested();
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>How long the snapshot waits for other connections' transactions before its checkpoint gives up.</summary>
    private static readonly TimeSpan CheckpointPatience = TimeSpan.FromMinutes(30);

    /// <summary>
    /// With a lake configured, schema <c>lake</c> holds a view per lake table over every store of every shard
    /// (<c>lake.kpi_agent_daily</c>, …), read-only by nature. A table no shard has written yet gets no view (DuckDB
    /// binds read_parquet when the view is created). The SQL sandbox may read the lake's folder and nothing else.
    /// </summary>
    private static void LakeViews(DuckDB.NET.Data.DuckDBConnection connection, string? lakePath)
    {
        if (string.IsNullOrWhiteSpace(lakePath))
        {
            return;
        }

        var views = new System.Text.StringBuilder($"use {Catalog};\ncreate schema lake;\n");
        foreach (var (table, read) in ParquetLake.Written(lakePath))
        {
            views.AppendLine($"create view lake.{table.Name} as select * from {read};");
            views.AppendLine($"comment on view lake.{table.Name} is {Literal($"{table.Source} of every store in the Parquet lake (every shard), partitioned by store and month")};");
        }

        connection.Execute(views.ToString());
    }

    /// <summary>
    /// A macro's parameters as its file declares them. duckdb_functions() lists them by name only, without their
    /// defaults (<c>only_agent := null</c>): a snapshot macro made from that list would demand every optional argument.
    /// </summary>
    private static string ParametersOf(string schema, string name, string listed)
    {
        var file = $"macros/{schema}.{name}.sql";
        if (!SqlScripts.Under("macros").Contains(file, StringComparer.Ordinal))
        {
            return listed;
        }

        var header = System.Text.RegularExpressions.Regex.Match(SqlScripts.Get(file),
            $@"create\s+or\s+replace\s+macro\s+{schema}\.{name}\s*\(([^)]*)\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        return header.Success ? header.Groups[1].Value : listed;
    }

    /// <summary>A write cut short (killed process) leaves its pending file; only this process writes here.</summary>
    private static void RemoveLeftovers(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        foreach (var leftover in Directory.EnumerateFiles(folder, System.IO.Path.GetFileName(path) + ".*" + PendingSuffix + "*"))
        {
            File.Delete(leftover);
        }
    }

    private static string Literal(string value) => WarehouseDatabase.Literal(value);
}
