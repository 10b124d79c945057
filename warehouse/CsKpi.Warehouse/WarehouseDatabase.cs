using System.Globalization;
using Dapper;
using CsKpi.Warehouse.Metrics;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>
/// The one owner of a warehouse file in this process. DuckDB allows a single read-write process per file and,
/// inside a process, one engine per file: two spellings of one path opened separately would start two engines on
/// the same file and corrupt it. So every <see cref="Open(WarehouseOptions)"/> of the same canonical path returns
/// the same instance; it keeps an anchor connection open (DuckDB.NET closes the database when the last connection
/// closes) and hands out a new connection per unit of work, because a DuckDB connection is not thread-safe.
/// </summary>
/// <remarks>Each <c>Open</c> is paired with one <c>Dispose</c>; the file closes when the last opener disposes.</remarks>
public sealed class WarehouseDatabase : IDisposable
{
    private static readonly Lock RegistryLock = new();

    // Case-insensitive where the file system is, so "Data/X.duckdb" and "data/x.duckdb" meet on Windows and macOS.
    private static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly Dictionary<string, WarehouseDatabase> Registry = new(PathComparer);

    private readonly DuckDBConnection anchor;
    private int openers;
    private bool closed;

    static WarehouseDatabase() => DapperMapping.Apply();

    private WarehouseDatabase(string canonicalPath, WarehouseOptions options, string connectionString, DuckDBConnection anchor)
    {
        CanonicalPath = canonicalPath;
        Options = options;
        ConnectionString = connectionString;
        this.anchor = anchor;
    }

    /// <summary>The file's path with links resolved, or <c>:memory:NAME</c> for an in-memory warehouse.</summary>
    public string CanonicalPath { get; }

    /// <summary>The options the first opener gave, with <see cref="WarehouseOptions.TempDirectory"/> filled in.</summary>
    public WarehouseOptions Options { get; }

    /// <summary><c>Data Source=CANONICAL PATH</c>; any connection opened with it shares this engine.</summary>
    public string ConnectionString { get; }

    public bool IsInMemory => Options.IsInMemory;

    /// <summary>What must not run side by side on this warehouse: recompute, ingest, snapshot writes.</summary>
    public WarehouseLocks Locks { get; } = new();

    /// <summary>The file loads running now, which a recompute must not record as done (<see cref="Warehouse.LoadsInFlight"/>).</summary>
    public LoadsInFlight LoadsInFlight { get; } = new();

    /// <summary>Where the read-only copy for analysts lives: <c>analyst.duckdb</c> beside the warehouse file.</summary>
    public string AnalystSnapshotPath =>
        IsInMemory ? "" : Path.Combine(Path.GetDirectoryName(CanonicalPath)!, "analyst.duckdb");

    /// <summary>Opens (creating and upgrading as needed) the warehouse with the schema this build ships.</summary>
    /// <exception cref="WarehouseLockedException">Another process holds the file.</exception>
    public static WarehouseDatabase Open(WarehouseOptions options) => Open(options, MigrationRunner.Embedded);

    /// <summary>
    /// Opens the warehouse, applies <paramref name="migrations"/> (normally <see cref="MigrationRunner.Embedded"/>) and
    /// re-creates <paramref name="definitions"/> (the macros and views; <see cref="Definition.Embedded"/> when not given).
    /// When the path is already open in this process the open instance is returned as it is: its settings and
    /// migrations were applied by the first opener.
    /// </summary>
    /// <exception cref="WarehouseLockedException">Another process holds the file.</exception>
    public static WarehouseDatabase Open(
        WarehouseOptions options, IReadOnlyList<Migration> migrations, IReadOnlyList<Definition>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(migrations);
        var canonicalPath = CanonicalizePath(options.Path);

        lock (RegistryLock)
        {
            if (Registry.TryGetValue(canonicalPath, out var open))
            {
                open.openers++;
                return open;
            }

            RefuseCaseTwin(canonicalPath);
            var created = Create(canonicalPath, options, new MigrationRunner(migrations, definitions));
            created.openers = 1;
            Registry.Add(canonicalPath, created);
            return created;
        }
    }

    /// <summary>
    /// The path every spelling of the same file maps to: absolute, <c>.</c>/<c>..</c> removed, and symbolic links
    /// of the file and of every folder above it resolved. Creates the file's folder, since links can only be
    /// resolved along a path that exists. <c>:memory:</c> becomes a private <c>:memory:GUID</c>.
    /// </summary>
    public static string CanonicalizePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path.StartsWith(WarehouseOptions.InMemoryPrefix, StringComparison.Ordinal))
        {
            return path.Length == WarehouseOptions.InMemoryPrefix.Length
                ? WarehouseOptions.InMemoryPrefix + Guid.NewGuid().ToString("N")
                : path;
        }

        if (path.Contains(';', StringComparison.Ordinal))
        {
            // DuckDB.NET splits its connection string on ';' without quoting, so such a path cannot be opened.
            throw new ArgumentException($"The warehouse path '{path}' contains ';', which DuckDB.NET cannot open.", nameof(path));
        }

        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"The warehouse path '{full}' is a folder; give the file, e.g. {Path.Combine(full, "cskpi.duckdb")}.", nameof(path));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new WarehouseNotWritableException(Path.GetDirectoryName(full)!, "the folder (or one above it, to create it)", error);
        }

        return ResolveLinks(full, 0);
    }

    /// <summary>A new open connection for one request or job; dispose it when the unit of work ends.</summary>
    public DuckDBConnection OpenConnection()
    {
        ObjectDisposedException.ThrowIf(closed, this);
        if (IsInMemory)
        {
            // Every "Data Source=:memory:" connection is a new empty database; only a duplicate of the anchor
            // reaches this one.
            var duplicate = anchor.Duplicate();
            duplicate.Open();
            return duplicate;
        }

        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>What the home page and <c>cskpi info</c> show about the warehouse.</summary>
    public WarehouseFacts ReadFacts()
    {
        using var connection = OpenConnection();
        var schemas = connection.Query<string>("""
            select schema_name from duckdb_schemas()
            where database_name = current_database()
            order by schema_name
            """).ToList();
        var tables = connection.Query<WarehouseTable>("""
            select schema_name as Schema, table_name as Name, estimated_size as EstimatedRows
            from duckdb_tables()
            where database_name = current_database()
            order by schema_name, table_name
            """).ToList();
        return new WarehouseFacts(
            CanonicalPath,
            MigrationRunner.CurrentVersion(connection),
            connection.ExecuteScalar<string>("select version()") ?? "",
            schemas,
            tables);
    }

    public void Dispose()
    {
        lock (RegistryLock)
        {
            if (closed || --openers > 0)
            {
                return;
            }

            closed = true;
            Registry.Remove(CanonicalPath);
            // Connections still out keep the engine alive until they close; the file closes with the last one.
            anchor.Dispose();
        }
    }

    private static WarehouseDatabase Create(string canonicalPath, WarehouseOptions options, MigrationRunner runner)
    {
        var inMemory = options.IsInMemory;
        var effective = options with
        {
            TempDirectory = options.TempDirectory is { Length: > 0 } given
                ? Path.GetFullPath(given)
                : inMemory
                    ? Path.Combine(Path.GetTempPath(), "cskpi-" + canonicalPath[WarehouseOptions.InMemoryPrefix.Length..] + ".tmp")
                    // DuckDB's own default, named after the file, so the live warehouse and the analyst snapshot in
                    // one folder never share (and on close delete) each other's spill files.
                    : canonicalPath + ".tmp",
        };

        var connectionString = inMemory
            ? "Data Source=" + WarehouseOptions.InMemoryPrefix
            : "Data Source=" + canonicalPath;
        if (!inMemory)
        {
            RefuseUnwritable(canonicalPath);
        }

        var anchor = OpenAnchor(canonicalPath, connectionString);
        try
        {
            var migratedAside = false;
            // A metric the registry added, or a comment it changed, is an ALTER of a mart: done aside as well.
            if (!inMemory && (runner.NeedsUpgrade(anchor) || MetricSchema.ColumnsOwed(anchor, MetricRegistry.Embedded).Count > 0))
            {
                // Checkpointed first, so the copy holds everything and the file is left without a WAL.
                anchor.Execute("checkpoint");
                anchor.Dispose();
                MigrateAside(canonicalPath, runner);
                anchor = OpenAnchor(canonicalPath, connectionString);
                migratedAside = true;
            }

            // Global settings: set once here, they hold for every connection of this engine.
            anchor.Execute(string.Create(CultureInfo.InvariantCulture, $"""
                set threads = {effective.Threads};
                set memory_limit = {Literal(effective.MemoryLimit)};
                set temp_directory = {Literal(effective.TempDirectory!)};
                """));
            if (!migratedAside)
            {
                // An in-memory warehouse is migrated here. A current file gets its macros and views re-created, on
                // the live file: create-or-replace of a macro or view replays from a WAL (unlike the ALTERs that
                // MigrateAside keeps out of it; WalReplayTests keep both under test), and the checkpoint below
                // leaves the file without a WAL as soon as it can.
                runner.Apply(anchor);
            }

            // core.metric and, when the registry's numbers changed, the full recompute that owes: a re-created table
            // and an inserted row, which replay from a WAL (the registry's ALTERs of the marts were done aside).
            MetricSchema.Apply(anchor, MetricRegistry.Embedded);
            if (!inMemory)
            {
                anchor.Execute("checkpoint");
            }
        }
        catch
        {
            anchor.Dispose();
            throw;
        }

        return new WarehouseDatabase(canonicalPath, effective, connectionString, anchor);
    }

    private static DuckDBConnection OpenAnchor(string canonicalPath, string connectionString)
    {
        var anchor = new DuckDBConnection(connectionString);
        try
        {
            anchor.Open();
            return anchor;
        }
        catch (DuckDBException error)
        {
            anchor.Dispose();
            throw WarehouseLockedException.FromDuckDbError(canonicalPath, error) ?? (Exception)new IOException(
                $"DuckDB could not open the warehouse {canonicalPath}: {error.Message}", error);
        }
    }

    /// <summary>
    /// Applies the pending migrations (and the definitions, and schema_version's checksum column on a file of an older
    /// build) to a copy of the file, checkpoints it and moves it over the warehouse in one
    /// rename, so the live file never holds schema changes in its WAL. DuckDB 1.5.6 cannot replay an ALTER (a column
    /// comment, a new column) of a table with an expression default such as <c>nextval(…)</c> from a WAL ("Calling
    /// DatabaseManager::GetDefaultDatabase with no default database set"), and every migration of a new warehouse
    /// has such statements: a kill before the first checkpoint left a file nothing could open again
    /// (docs/operations.md has the smallest reproduction). Killed here, the warehouse is as it was before the open;
    /// the next open deletes the leftover copy and starts again. An upgrade copies the whole file once.
    /// </summary>
    private static void MigrateAside(string canonicalPath, MigrationRunner runner)
    {
        var aside = canonicalPath + ".migrating";
        DeleteAside(aside);
        try
        {
            File.Copy(canonicalPath, aside);
            using (var connection = new DuckDBConnection("Data Source=" + aside))
            {
                connection.Open();
                runner.Apply(connection);
                connection.Execute("checkpoint");
            }

            if (File.Exists(aside + ".wal") && new FileInfo(aside + ".wal").Length > 0)
            {
                throw new IOException($"The migrated copy {aside} kept a WAL after its checkpoint; the warehouse was left as it was.");
            }

            File.Move(aside, canonicalPath, overwrite: true);
        }
        finally
        {
            DeleteAside(aside);
        }
    }

    private static void DeleteAside(string aside)
    {
        foreach (var file in new[] { aside, aside + ".wal" })
        {
            File.Delete(file);
        }

        if (Directory.Exists(aside + ".tmp"))
        {
            Directory.Delete(aside + ".tmp", recursive: true);
        }
    }

    /// <summary>
    /// DuckDB needs to write the file, its WAL and spill files beside it. Said up front in words, because DuckDB's
    /// own error ("Cannot open file … Permission denied") surfaces as a failed run that running again cannot mend.
    /// Asks the file system (a probe file), not the permission bits, which root and read-only mounts ignore.
    /// </summary>
    private static void RefuseUnwritable(string canonicalPath)
    {
        var folder = Path.GetDirectoryName(canonicalPath)!;
        var probe = Path.Combine(folder, $".cskpi-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception error) when (error is UnauthorizedAccessException or IOException)
        {
            throw new WarehouseNotWritableException(folder, "the folder", error);
        }

        if (File.Exists(canonicalPath))
        {
            try
            {
                using (new FileStream(canonicalPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
                {
                }
            }
            catch (UnauthorizedAccessException error)
            {
                throw new WarehouseNotWritableException(canonicalPath, "the file", error);
            }
        }
    }

    /// <summary>
    /// DuckDB.NET caches engines by path ignoring case, so on a case-sensitive file system "A.duckdb" would be
    /// served by the engine of an open "a.duckdb": a different file. Refuse rather than answer from the wrong one.
    /// </summary>
    private static void RefuseCaseTwin(string canonicalPath)
    {
        var twin = Registry.Keys.FirstOrDefault(k => string.Equals(k, canonicalPath, StringComparison.OrdinalIgnoreCase));
        if (twin is not null)
        {
            throw new InvalidOperationException(
                $"Cannot open {canonicalPath} while {twin} is open: DuckDB.NET would mix up paths that differ only by case.");
        }
    }

    private static string ResolveLinks(string fullPath, int depth)
    {
        if (depth > 40)
        {
            throw new IOException($"Too many levels of symbolic links under {fullPath}.");
        }

        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        var parts = fullPath[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                // A relative target is relative to the link's folder; the target may itself pass through links.
                next = ResolveLinks(Path.GetFullPath(target, current), depth + 1);
            }

            current = next;
        }

        return current;
    }

    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>A table as DuckDB lists it; the row count is DuckDB's estimate, exact for tables it has just written.</summary>
public sealed record WarehouseTable(string Schema, string Name, long EstimatedRows);

public sealed record WarehouseFacts(
    string Path,
    int SchemaVersion,
    string DuckDbVersion,
    IReadOnlyList<string> Schemas,
    IReadOnlyList<WarehouseTable> Tables);
