using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsKpi.Warehouse.Metrics;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse;

/// <summary>One schema change: the text of <c>sql/schema/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>
    /// SHA-256 of the text (hex, lower case), with line ends made \n first so a checkout that writes \r\n does not
    /// count as an edit. The warehouse records it when it applies the migration. Computed from <see cref="Sql"/> each
    /// time, so a copy made with <c>with { Sql = … }</c> has its own.
    /// </summary>
    public string Checksum => Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));
}

/// <summary>A migration as the warehouse file records it.</summary>
/// <param name="Checksum">Of the text applied; empty for a row an older build wrote, until this build adopts it.</param>
public sealed record AppliedMigration(int Version, string Name, DateTime AppliedAt, string? Checksum = null);

/// <summary>
/// Brings a warehouse file up to the schema this build expects, so a file written by an older build is upgraded
/// when it is opened. Each migration commits together with its row in <c>main.schema_version</c>: a crash leaves
/// the file at the previous version, never between two. <see cref="WarehouseDatabase"/> runs it on a copy of the
/// file that replaces the warehouse only once checkpointed, because DuckDB cannot replay some of our DDL from a WAL
/// (see <see cref="WarehouseDatabase"/> and docs/operations.md).
/// Migrations hold what changes stored data (tables, columns, rows); the macros and views are
/// <see cref="Definition"/>s, re-created after the migrations on every <see cref="Apply"/>.
/// The file records each applied migration's <see cref="Migration.Checksum"/>, and a migration edited after a file
/// applied it is refused (<see cref="CheckHistory"/>): the file holds what the old text did, and re-running it cannot
/// be right, nor can ignoring it.
/// </summary>
/// <param name="definitions">The macros and views to re-create; <see cref="Definition.Embedded"/> when not given.</param>
public sealed partial class MigrationRunner(IReadOnlyList<Migration> migrations, IReadOnlyList<Definition>? definitions = null)
{
    private const string ResourcePrefix = "sql/schema/";

    public IReadOnlyList<Migration> Migrations { get; } = Validate(migrations);

    public IReadOnlyList<Definition> Definitions { get; } = definitions ?? Definition.Embedded;

    /// <summary>The migrations shipped inside this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    public static MigrationRunner ForEmbedded() => new(Embedded);

    /// <summary>
    /// Applies what the file lacks, then (re-)creates every definition; returns the migrations it applied (empty when
    /// the file was current). Definitions are not transactional: each is one <c>create or replace</c>, harmless to
    /// repeat, and a crash between two leaves the older text of the rest, which the next open replaces.
    /// </summary>
    public IReadOnlyList<Migration> Apply(DuckDBConnection connection)
    {
        connection.Execute("""
            create table if not exists main.schema_version (
                version    integer primary key,
                name       varchar not null,
                applied_at timestamp not null default current_timestamp,
                checksum   varchar
            )
            """);
        if (!HasChecksums(connection))
        {
            // A file of a build before checksums. An ALTER of this table (it has an expression default) cannot be
            // replayed from a WAL, so WarehouseDatabase does this on the migrated copy (NeedsUpgrade).
            connection.Execute("alter table main.schema_version add column checksum varchar");
        }

        var pending = Pending(connection);
        AdoptChecksums(connection);
        var definitions = new DefinitionOrder(Definitions);
        foreach (var migration in pending)
        {
            using (var transaction = connection.BeginTransaction())
            {
                try
                {
                    // a migration left with only comments (its macros moved to sql/macros) has nothing to run
                    if (SqlScripts.HasStatements(migration.Sql))
                    {
                        connection.Execute(migration.Sql, transaction: transaction);
                    }

                    connection.Execute(
                        "insert into main.schema_version (version, name, checksum) values ($version, $name, $checksum)",
                        new { version = migration.Version, name = migration.Name, checksum = migration.Checksum },
                        transaction);
                    transaction.Commit();
                }
                catch (Exception error)
                {
                    transaction.Rollback();
                    throw new InvalidOperationException(
                        $"Migration {migration.Version:D4}_{migration.Name} failed; the warehouse stays at the version before it. {error.Message}",
                        error);
                }
            }

            // A later migration may need a definition (a table macro calling marts.period_day, a CHECK calling a
            // macro): create what the file can hold by now, so each migration meets the definitions its SQL names.
            definitions.CreateWhatBinds(connection);
        }

        // The marts' metric columns and their comments come from the metric registry: a metric it adds later needs no
        // migration. Before the definitions, whose rollups name those columns.
        MetricSchema.SyncColumns(connection, MetricRegistry.Embedded);
        definitions.CreateAll(connection, recreate: pending.Count > 0);
        return pending;
    }

    /// <summary>
    /// Whether <see cref="Apply"/> would change the file's tables: pending migrations, or a <c>schema_version</c>
    /// without its checksum column. <see cref="WarehouseDatabase"/> does such work on a copy of the file.
    /// </summary>
    public bool NeedsUpgrade(DuckDBConnection connection) =>
        Pending(connection).Count > 0 || !HasChecksums(connection);

    /// <summary>What <see cref="Apply"/> would apply, without changing the file.</summary>
    public IReadOnlyList<Migration> Pending(DuckDBConnection connection)
    {
        if (CurrentVersion(connection) == 0)
        {
            return Migrations;
        }

        var recorded = Applied(connection);
        CheckHistory(recorded);
        var done = recorded.Select(a => a.Version).ToHashSet();
        return Migrations.Where(m => !done.Contains(m.Version)).ToList();
    }

    /// <summary>The highest applied version, or 0 for a file that has never been migrated.</summary>
    public static int CurrentVersion(DuckDBConnection connection)
    {
        var exists = connection.ExecuteScalar<long>("""
            select count(*) from duckdb_tables()
            where database_name = current_database() and schema_name = 'main' and table_name = 'schema_version'
            """);
        return exists == 0 ? 0 : connection.ExecuteScalar<int?>("select max(version) from main.schema_version") ?? 0;
    }

    public static IReadOnlyList<AppliedMigration> Applied(DuckDBConnection connection) =>
        connection.Query<AppliedMigration>($"""
            select version as Version, name as Name, applied_at as AppliedAt,
                   {(HasChecksums(connection) ? "checksum" : "null::varchar")} as Checksum
            from main.schema_version order by version
            """)
        .ToList();

    /// <summary>Whether the file's <c>schema_version</c> has the checksum column (a new file's has; a file of an older build's has not).</summary>
    private static bool HasChecksums(DuckDBConnection connection) =>
        CurrentVersion(connection) == 0 || connection.ExecuteScalar<long>("""
            select count(*) from duckdb_columns()
            where database_name = current_database() and schema_name = 'main' and table_name = 'schema_version'
              and column_name = 'checksum'
            """) > 0;

    /// <summary>
    /// Rows an older build wrote have no checksum; they take this build's, which is the best knowledge there is
    /// (an edit made before checksums existed cannot be told apart). From then on an edit is refused.
    /// </summary>
    private void AdoptChecksums(DuckDBConnection connection)
    {
        var known = Migrations.ToDictionary(m => m.Version);
        var adopt = Applied(connection)
            .Where(a => a.Checksum is null && known.ContainsKey(a.Version))
            .Select(a => new { version = a.Version, checksum = known[a.Version].Checksum })
            .ToList();
        if (adopt.Count > 0)
        {
            connection.Execute("update main.schema_version set checksum = $checksum where version = $version", adopt);
        }
    }

    /// <summary>Reads <c>sql/schema/NNNN_name.sql</c> resources; the number in the name is the version.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded(Assembly? assembly = null)
    {
        assembly ??= typeof(MigrationRunner).Assembly;
        var found = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..];
            var parts = FileNamePattern().Match(fileName);
            if (!parts.Success)
            {
                throw new InvalidOperationException(
                    $"Schema file {resource} is not named NNNN_name.sql; without a number it has no place in the order.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            found.Add(new Migration(
                int.Parse(parts.Groups["version"].Value, CultureInfo.InvariantCulture),
                parts.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        return Validate(found);
    }

    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    private static IReadOnlyList<Migration> Validate(IReadOnlyList<Migration> migrations)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version <= 0)
            {
                throw new ArgumentException($"Migration {ordered[i].Name} has version {ordered[i].Version}; versions start at 1.");
            }

            if (i > 0 && ordered[i].Version == ordered[i - 1].Version)
            {
                throw new ArgumentException(
                    $"Migrations {ordered[i - 1].Name} and {ordered[i].Name} share version {ordered[i].Version}.");
            }
        }

        return ordered;
    }

    /// <summary>
    /// Refuses a file whose history this build does not share: a newer build's schema, or a migration that was
    /// renamed after it shipped. Applying on top of either would guess at what the file contains.
    /// </summary>
    private void CheckHistory(IReadOnlyList<AppliedMigration> recorded)
    {
        var known = Migrations.ToDictionary(m => m.Version);
        foreach (var applied in recorded)
        {
            if (!known.TryGetValue(applied.Version, out var migration))
            {
                var newest = Migrations.Count == 0 ? 0 : Migrations[^1].Version;
                throw new InvalidOperationException(
                    $"The warehouse has schema version {applied.Version:D4}_{applied.Name}, which this build does not know "
                    + $"(it knows up to {newest:D4}). It was written by a newer CsKpi; use that version.");
            }

            if (!string.Equals(migration.Name, applied.Name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The warehouse recorded migration {applied.Version:D4} as '{applied.Name}', but this build calls it "
                    + $"'{migration.Name}'. Shipped migrations must not be renamed or replaced; add a new one instead.");
            }

            if (applied.Checksum is { } checksum && !string.Equals(checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Migration {applied.Version:D4}_{applied.Name} (sql/schema/{applied.Version:D4}_{applied.Name}.sql) was edited "
                    + $"after this warehouse applied it on {applied.AppliedAt:yyyy-MM-dd HH:mm}: its text no longer matches the "
                    + "checksum the warehouse recorded, so the file does not hold what the migration now says. Revert the edit "
                    + "and write the change as a new migration (a macro or view belongs in sql/macros or sql/views instead, "
                    + "re-created on every open).");
            }
        }
    }
}
