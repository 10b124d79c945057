using CsKpi.Warehouse;

namespace CsKpi.Tests.Shared;

/// <summary>
/// A warehouse file migrated once per test process, by this build's migrations and definitions, that tests copy
/// instead of creating their own. Creating a warehouse runs every migration (about 6 s on the CI machine, most of a
/// small ETL or mart test); opening a copy of a current file only re-creates the macros and views. The template is
/// built on first use, in a temporary folder, by <see cref="WarehouseDatabase.Open(WarehouseOptions)"/> exactly as a
/// first start builds one, then closed (its last act is a checkpoint), so the copy has no WAL and holds the schema a
/// new migration gives. Never a committed file: a migration added to the build is exercised by every copy.
/// Tests of migrations, upgrades, first start, locks, crashes and WAL replay create their files from scratch instead.
/// Linked into each test project that uses it (tests/Shared).
/// </summary>
internal static class WarehouseTemplate
{
    private static readonly Lazy<string> Template = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The template's path (built on first use); read it, never open it.</summary>
    public static string Path => Template.Value;

    /// <summary>
    /// Puts a copy of the migrated template at <paramref name="warehousePath"/> (creating its folder), where no
    /// warehouse may exist yet; returns the path, to open as any warehouse is opened.
    /// </summary>
    public static string CopyTo(string warehousePath)
    {
        var full = System.IO.Path.GetFullPath(warehousePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.Copy(Template.Value, full, overwrite: false);
        return warehousePath;
    }

    /// <summary>A copy of the template at <paramref name="warehousePath"/>, opened with default options.</summary>
    public static WarehouseDatabase Open(string warehousePath) =>
        WarehouseDatabase.Open(new WarehouseOptions(CopyTo(warehousePath)));

    private static string Build()
    {
        var folder = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(), $"cskpi-template-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "template.duckdb");
        using (WarehouseDatabase.Open(new WarehouseOptions(path)))
        {
        }

        var wal = path + ".wal";
        if (File.Exists(wal) && new FileInfo(wal).Length > 0)
        {
            throw new InvalidOperationException($"The warehouse template {path} kept a WAL after it was closed; its copies would lack what the WAL holds.");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans its temp folder eventually.
            }
        };
        return path;
    }
}
