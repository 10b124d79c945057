using Dapper;

namespace CsKpi.Warehouse.Tests;

public sealed class SettingsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Threads_memory_limit_and_temp_directory_are_applied_on_open()
    {
        var spill = temp.File("spill");
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("x.duckdb"))
        {
            Threads = 3,
            MemoryLimit = "512MiB",
            TempDirectory = spill,
        });

        using var connection = warehouse.OpenConnection();
        Assert.Equal("3", connection.ExecuteScalar<string>("select current_setting('threads')::varchar"));
        Assert.Equal("512.0 MiB", connection.ExecuteScalar<string>("select current_setting('memory_limit')"));
        Assert.Equal(spill, connection.ExecuteScalar<string>("select current_setting('temp_directory')"));
    }

    [Fact]
    public void By_default_the_spill_folder_is_named_after_the_file()
    {
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(temp.File("data", "cskpi.duckdb")));

        using var connection = warehouse.OpenConnection();
        Assert.Equal(warehouse.CanonicalPath + ".tmp", connection.ExecuteScalar<string>("select current_setting('temp_directory')"));
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            connection.ExecuteScalar<string>("select current_setting('threads')::varchar"));
    }

    [Fact]
    public void The_default_memory_limit_is_sixty_percent_of_what_the_process_may_use()
    {
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        using var warehouse = WarehouseDatabase.Open(new WarehouseOptions(":memory:"));
        using var connection = warehouse.OpenConnection();

        var shown = connection.ExecuteScalar<string>("select current_setting('memory_limit')")!; // e.g. "14.4 GiB"
        var parts = shown.Split(' ');
        var unit = parts[1] switch { "GiB" => 1024d * 1024 * 1024, "MiB" => 1024d * 1024, _ => throw new FormatException(shown) };
        var applied = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * unit;

        Assert.InRange(applied, (long)(available * 0.55), (long)(available * 0.61));
    }

    [Theory]
    [InlineData(512L * 1024 * 1024, "512MiB")]
    [InlineData(3L * 1024 * 1024 * 1024 / 2, "1.5GiB")]
    [InlineData(15_246_000_000L, "14.1GiB")]
    [InlineData(1000L, "1MiB")]
    public void Memory_sizes_are_written_in_the_units_DuckDB_reports(long bytes, string expected)
    {
        Assert.Equal(expected, WarehouseOptions.FormatBytes(bytes));
    }

    [Fact]
    public void The_path_comes_from_the_caller_then_the_environment_then_the_default()
    {
        var previous = Environment.GetEnvironmentVariable(WarehouseOptions.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(WarehouseOptions.PathVariable, null);
            Assert.Equal("data/cskpi.duckdb", WarehouseOptions.FromEnvironment().Path);

            Environment.SetEnvironmentVariable(WarehouseOptions.PathVariable, "/srv/cs/w.duckdb");
            Assert.Equal("/srv/cs/w.duckdb", WarehouseOptions.FromEnvironment().Path);
            Assert.Equal("given.duckdb", WarehouseOptions.FromEnvironment("given.duckdb").Path);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WarehouseOptions.PathVariable, previous);
        }

        Assert.Equal("data/cskpi.duckdb", new WarehouseOptions().Path);
    }
}
