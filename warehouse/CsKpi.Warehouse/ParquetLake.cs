using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>One table of the lake: its name under the root, the warehouse table it copies, and the day whose month partitions it.</summary>
/// <param name="Name">The folder under the lake root, <c>lake/&lt;Name&gt;/store=&lt;id&gt;/month=&lt;yyyy-mm&gt;/</c>.</param>
/// <param name="Source">The warehouse table (schema.table) whose columns and comments the files carry.</param>
/// <param name="From">The FROM clause; the source is aliased <c>t</c>.</param>
/// <param name="Day">The date whose month is the partition.</param>
/// <param name="Columns">What is written: the source's columns (a column named like a partition column is left to the partition).</param>
public sealed record LakeTable(string Name, string Source, string From, string Day, string Columns = "t.*");

/// <summary>What one lake write did.</summary>
/// <param name="Partitions">Table partitions replaced (or removed, when a store-month has no rows left).</param>
public sealed record LakeReport(string Root, int StoreMonths, int Partitions, long Rows, long? RecomputeRun, TimeSpan Elapsed);

/// <summary>
/// The Parquet lake (docs/scale-out.md "The Parquet lake"): after a recompute, a warehouse writes the store-months it
/// rebuilt of its core facts and marts (<see cref="Tables"/>) as hive-partitioned Parquet,
/// <c>&lt;root&gt;/&lt;table&gt;/store=&lt;id&gt;/month=&lt;yyyy-mm&gt;/data_0.parquet</c>, with DuckDB's own
/// <c>COPY … (FORMAT parquet, PARTITION_BY (store, month))</c>, so every shard of a firm writes its stores into one root
/// that the firm-wide pages, the analyst SQL and any outside engine read. Partitions are replaced whole: the files are
/// written into <c>&lt;root&gt;/_writing/&lt;writer&gt;.&lt;guid&gt;/</c> (no reader's glob of <c>&lt;table&gt;/**</c>
/// reaches there), then each partition folder is swapped in by one <c>renameat2(RENAME_EXCHANGE)</c> (on Linux; two
/// renames elsewhere). A reader sees the old partition or the new one, never half of one. What a recompute rebuilt is
/// owed in <c>etl.lake_owed</c> until the write that holds it has swapped it in, so a write a crash cut short leaves
/// the old partitions readable and is finished, and its leftovers removed, by the next run.
/// </summary>
public static class ParquetLake
{
    /// <summary>Beside the tables: every table, column, type and meaning, from the warehouse's own comments.</summary>
    public const string DictionaryFile = "_dictionary.json";

    /// <summary>Where writes in progress live; a name starting with _ is skipped by Spark, Trino and pandas alike.</summary>
    public const string WritingFolder = "_writing";

    /// <summary>
    /// The tables of the lake, in one place: the facts an analyst joins (receptions, orders and their credits) and the
    /// marts the firm-wide pages and the scorecards read. Dimensions stay in the analyst snapshot: the marts carry each
    /// agent's name and team of the day. Questions and agent messages (the largest facts, by far) stay out too.
    /// </summary>
    public static readonly IReadOnlyList<LakeTable> Tables =
    [
        new("kpi_agent_daily", "marts.kpi_agent_daily", "marts.kpi_agent_daily as t", "t.business_day"),
        new("kpi_team_daily", "marts.kpi_team_daily", "marts.kpi_team_daily as t", "t.business_day"),
        new("kpi_store_daily", "marts.kpi_store_daily", "marts.kpi_store_daily as t", "t.business_day"),
        new("scorecard_monthly", "marts.scorecard_monthly", "marts.scorecard_monthly as t", "t.period_start", "t.* exclude (month)"),
        new("fct_reception", "core.fct_reception", "core.fct_reception as t", "t.business_day"),
        new("fct_order", "core.fct_order", "core.fct_order as t", "t.created_day"),
        new("fct_order_credit", "core.fct_order_credit",
            "core.fct_order_credit as t join core.fct_order as o on o.store_id = t.store_id and o.order_id = t.order_id", "o.created_day"),
    ];

    /// <summary>The glob a reader gives <c>read_parquet</c> for one table of the lake at <paramref name="root"/>.</summary>
    public static string Glob(string root, string table) =>
        Path.Combine(Path.GetFullPath(root), table, "**", "*.parquet");

    /// <summary>
    /// The tables of the lake at <paramref name="root"/> some shard has written, each with the <c>read_parquet</c> a
    /// view over it selects from (every store of every shard; shards whose metric registries differ are merged by name).
    /// A table nobody wrote yet is left out: DuckDB binds read_parquet when a view is created, and finds no file.
    /// </summary>
    public static IEnumerable<(LakeTable Table, string Read)> Written(string root)
    {
        root = Path.GetFullPath(root);
        foreach (var table in Tables)
        {
            var folder = Path.Combine(root, table.Name);
            if (Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any())
            {
                yield return (table, $"read_parquet({WarehouseDatabase.Literal(Glob(root, table.Name))}, hive_partitioning = true, union_by_name = true)");
            }
        }
    }

    /// <summary>
    /// Writes the partitions <paramref name="warehouse"/> owes the lake at its <see cref="WarehouseOptions.LakePath"/>:
    /// those its recomputes rebuilt since the last write, or — the first time it writes to this root — all of them.
    /// Null when no lake is configured.
    /// </summary>
    public static LakeReport? WriteOwed(WarehouseDatabase warehouse, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        return string.IsNullOrWhiteSpace(warehouse.Options.LakePath) ? null : Write(warehouse, warehouse.Options.LakePath, cancellation);
    }

    /// <summary>Writes the owed partitions of <paramref name="warehouse"/> to the lake at <paramref name="root"/>.</summary>
    public static LakeReport Write(WarehouseDatabase warehouse, string root, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        root = Path.GetFullPath(root);
        // The snapshot lock, by the root's path: one write to this root at a time from this warehouse.
        lock (warehouse.Locks.Snapshot(root))
        {
            return WriteLocked(warehouse, root, cancellation);
        }
    }

    private static LakeReport WriteLocked(WarehouseDatabase warehouse, string root, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        var writer = WriterId(warehouse);
        var writing = Path.Combine(root, WritingFolder);
        Directory.CreateDirectory(writing);
        RemoveLeftovers(writing, writer);
        var staging = Path.Combine(writing, $"{writer}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);

        using var connection = warehouse.OpenConnection();
        using var interrupt = cancellation.Register(() => MartRecompute.Interrupt(connection));
        int storeMonths, partitions = 0;
        long rows = 0;
        long? recomputeRun;
        try
        {
            List<(string Store, string Month)> owed;
            bool first;
            using (var transaction = connection.BeginTransaction())
            {
                // One transaction: every table is read as of the same recompute, and the owed rows with it.
                recomputeRun = connection.ExecuteScalar<long?>("select max(run_id) from etl.recompute_run", transaction: transaction);
                first = connection.ExecuteScalar<long>(
                    "select count(*) from etl.lake_run where lake_path = $root", new { root }, transaction) == 0;
                connection.Execute(first ? AllStoreMonths() : "create or replace temp table lake_partition as select distinct store_id, month from etl.lake_owed",
                    transaction: transaction);
                owed = connection.Query<(string, string)>("select store_id, month from lake_partition order by all", transaction: transaction).ToList();
                storeMonths = owed.Count;
                foreach (var table in Tables)
                {
                    cancellation.ThrowIfCancellationRequested();
                    if (owed.Count > 0)
                    {
                        var target = Path.Combine(staging, table.Name);
                        connection.Execute(CopyStatement(table, target), transaction: transaction, commandTimeout: 0);
                        if (Directory.Exists(target))
                        {
                            // from the files' footers: what was written, not what was meant to be
                            rows += connection.ExecuteScalar<long>(
                                $"select count(*) from read_parquet({WarehouseDatabase.Literal(Path.Combine(target, "**", "*.parquet"))})", transaction: transaction);
                        }
                    }
                }

                transaction.Commit();
            }

            if (owed.Count == 0 && !first)
            {
                return new LakeReport(root, 0, 0, 0, recomputeRun, clock.Elapsed);
            }

            cancellation.ThrowIfCancellationRequested();
            foreach (var table in Tables)
            {
                partitions += SwapIn(root, staging, table.Name, owed);
            }

            WriteDictionary(connection, root, staging);
            // Consumed only now that the partitions are in place: a kill before this line rewrites them next time.
            using (var transaction = connection.BeginTransaction())
            {
                connection.Execute("delete from etl.lake_owed where recompute_run_id <= coalesce($recomputeRun, 0)", new { recomputeRun }, transaction);
                connection.Execute(
                    "insert into etl.lake_run values ($root, $recomputeRun, current_localtimestamp(), $partitions, $rows)",
                    new { root, recomputeRun, partitions, rows }, transaction);
                transaction.Commit();
            }
        }
        finally
        {
            // lake_partition, a temp table, goes with the connection.
            DeleteFolder(staging);
        }

        return new LakeReport(root, storeMonths, partitions, rows, recomputeRun, clock.Elapsed);
    }

    /// <summary>The first write to a root: every store-month of every table.</summary>
    private static string AllStoreMonths() =>
        "create or replace temp table lake_partition as\n"
        + string.Join("\nunion\n", Tables.Select(t => $"select distinct t.store_id, strftime({t.Day}, '%Y-%m') as month from {t.From}"));

    private static string CopyStatement(LakeTable table, string target) => $"""
        copy (
            select {table.Columns}, t.store_id as store, strftime({table.Day}, '%Y-%m') as month
            from {table.From}
            semi join lake_partition as p on p.store_id = t.store_id and p.month = strftime({table.Day}, '%Y-%m')
        ) to {WarehouseDatabase.Literal(target)} (format parquet, compression zstd, partition_by (store, month))
        """;

    /// <summary>
    /// Swaps each owed partition of <paramref name="table"/> written under <paramref name="staging"/> into the root; a
    /// store-month that now has no rows loses its old partition. Returns how many partitions changed.
    /// </summary>
    private static int SwapIn(string root, string staging, string table, IReadOnlyList<(string Store, string Month)> owed)
    {
        var written = StoreFolders(Path.Combine(staging, table));
        var live = StoreFolders(Path.Combine(root, table));
        var gone = Path.Combine(staging, "_gone", table);
        var changed = 0;
        foreach (var (store, month) in owed)
        {
            var folderName = "month=" + month;
            var fresh = written.TryGetValue(store, out var writtenStore) ? Path.Combine(writtenStore, folderName) : null;
            if (fresh is not null && Directory.Exists(fresh))
            {
                var storeFolder = live.TryGetValue(store, out var liveStore)
                    ? liveStore
                    : Path.Combine(root, table, Path.GetFileName(writtenStore!));
                Directory.CreateDirectory(storeFolder);
                Replace(fresh, Path.Combine(storeFolder, folderName));
                changed++;
            }
            else if (live.TryGetValue(store, out var liveStore) && Directory.Exists(Path.Combine(liveStore, folderName)))
            {
                Directory.CreateDirectory(gone);
                Directory.Move(Path.Combine(liveStore, folderName), Path.Combine(gone, $"{changed}.{Path.GetFileName(liveStore)}.{folderName}"));
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The <c>store=…</c> folders under a table folder, by the store id they encode (DuckDB percent-encodes it).</summary>
    private static Dictionary<string, string> StoreFolders(string tableFolder)
    {
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(tableFolder))
        {
            return folders;
        }

        foreach (var folder in Directory.EnumerateDirectories(tableFolder, "store=*"))
        {
            folders[Uri.UnescapeDataString(Path.GetFileName(folder)["store=".Length..])] = folder;
        }

        return folders;
    }

    /// <summary>
    /// Puts <paramref name="fresh"/> where <paramref name="target"/> is. On Linux one renameat2(RENAME_EXCHANGE) swaps
    /// the two folders atomically, leaving the old partition at <paramref name="fresh"/> (inside the staging folder,
    /// deleted with it). Elsewhere, or on a file system without it, the old folder is renamed aside first: a reader
    /// may then find the partition missing for an instant, never half written.
    /// </summary>
    private static void Replace(string fresh, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(fresh, target);
            return;
        }

        if (OperatingSystem.IsLinux() && Exchange(fresh, target))
        {
            return;
        }

        var aside = fresh + ".old";
        Directory.Move(target, aside);
        Directory.Move(fresh, target);
    }

    private static bool Exchange(string first, string second)
    {
        try
        {
            return renameat2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0;
        }
        catch (Exception error) when (error is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// <c>_dictionary.json</c>: each table of the lake with its meaning, partitioning and columns (name, DuckDB type,
    /// meaning) from the warehouse's comments, the partition columns included. Replaced by a rename, like a partition.
    /// </summary>
    private static void WriteDictionary(DuckDBConnection connection, string root, string staging)
    {
        var sources = Tables.Select(t => t.Source).ToArray();
        var comments = connection.Query<(string Source, string? Comment)>("""
            select schema_name || '.' || table_name, comment from duckdb_tables()
            where database_name = current_database() and schema_name || '.' || table_name in $sources
            """, new { sources }).ToDictionary(r => r.Source, r => r.Comment, StringComparer.Ordinal);
        var columns = connection.Query<(string Source, string Column, string Type, string? Comment)>("""
            select schema_name || '.' || table_name, column_name, data_type, comment from duckdb_columns()
            where database_name = current_database() and schema_name || '.' || table_name in $sources
            order by schema_name, table_name, column_index
            """, new { sources }).ToLookup(r => r.Source, StringComparer.Ordinal);
        var dictionary = new
        {
            layout = "<table>/store=<store_id, percent-encoded>/month=<yyyy-mm>/data_0.parquet (hive partitioning)",
            read_with = "read_parquet('<root>/<table>/**/*.parquet', hive_partitioning = true, union_by_name = true)",
            tables = Tables.Select(t => new
            {
                name = t.Name,
                source = t.Source,
                comment = comments.GetValueOrDefault(t.Source),
                month_of = t.Day[(t.Day.IndexOf('.', StringComparison.Ordinal) + 1)..],
                columns = columns[t.Source]
                    .Where(c => !(t.Columns.Contains("exclude", StringComparison.Ordinal) && t.Columns.Contains($"({c.Column})", StringComparison.Ordinal)))
                    .Select(c => new { name = c.Column, type = c.Type, comment = c.Comment })
                    .Append(new { name = "store", type = "VARCHAR", comment = (string?)"分区:店铺 — partition column, the store_id (hive partition store=…)" })
                    .Append(new { name = "month", type = "VARCHAR", comment = (string?)$"分区:月份 — partition column, yyyy-mm of {t.Day[(t.Day.IndexOf('.', StringComparison.Ordinal) + 1)..]} (hive partition month=…)" }),
            }),
        };
        Directory.CreateDirectory(staging);
        var pending = Path.Combine(staging, DictionaryFile);
        File.WriteAllText(pending, JsonSerializer.Serialize(dictionary, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }), new UTF8Encoding(false));
        File.Move(pending, Path.Combine(root, DictionaryFile), overwrite: true);
    }

    /// <summary>
    /// Who writes: the machine and the warehouse file. Shards share the root and write at the same time; each removes
    /// only its own leftovers (a writer is one warehouse, which one process owns).
    /// </summary>
    public static string WriterId(WarehouseDatabase warehouse) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Environment.MachineName + "|" + warehouse.CanonicalPath)))[..16];

    /// <summary>The staging folders of this writer's writes that a kill cut short; the old partitions stood throughout.</summary>
    private static void RemoveLeftovers(string writing, string writer)
    {
        foreach (var leftover in Directory.EnumerateDirectories(writing, writer + ".*"))
        {
            DeleteFolder(leftover);
        }
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
