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

    /// <summary>
    /// cskpi and the site's jobs open the warehouse through FromEnvironment: CSKPI_MEMORY_LIMIT and CSKPI_TEMP_DIRECTORY
    /// reach DuckDB, and without them the memory is bounded (2560 MiB, or 60 % of a smaller machine), not 60 % of it.
    /// </summary>
    [Fact]
    public void The_programs_memory_limit_and_spill_folder_come_from_the_environment()
    {
        var previous = (Memory: Environment.GetEnvironmentVariable(WarehouseOptions.MemoryLimitVariable),
            Temp: Environment.GetEnvironmentVariable(WarehouseOptions.TempDirectoryVariable));
        try
        {
            var spill = temp.File("spill-from-environment");
            Environment.SetEnvironmentVariable(WarehouseOptions.MemoryLimitVariable, "768MiB");
            Environment.SetEnvironmentVariable(WarehouseOptions.TempDirectoryVariable, spill);
            using (var warehouse = WarehouseDatabase.Open(WarehouseOptions.FromEnvironment(temp.File("env.duckdb"))))
            using (var connection = warehouse.OpenConnection())
            {
                Assert.Equal("768.0 MiB", connection.ExecuteScalar<string>("select current_setting('memory_limit')"));
                Assert.Equal(spill, connection.ExecuteScalar<string>("select current_setting('temp_directory')"));
            }

            Environment.SetEnvironmentVariable(WarehouseOptions.MemoryLimitVariable, null);
            Environment.SetEnvironmentVariable(WarehouseOptions.TempDirectoryVariable, null);
            var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            var expected = available * 0.6 < WarehouseOptions.ProgramMemoryCapBytes ? WarehouseOptions.FormatBytes((long)(available * 0.6)) : "2.5GiB";
            var unset = WarehouseOptions.FromEnvironment(temp.File("unset.duckdb"));
            Assert.Equal(expected, unset.MemoryLimit);
            Assert.Null(unset.TempDirectory);
            Assert.Equal("3GiB", WarehouseOptions.FromEnvironment(temp.File("unset.duckdb"), "3GiB").MemoryLimit);

            Environment.SetEnvironmentVariable(WarehouseOptions.MemoryLimitVariable, "2,5 GB");
            var refused = Assert.Throws<ArgumentException>(() => WarehouseOptions.FromEnvironment(temp.File("typo.duckdb")));
            Assert.Contains("CSKPI_MEMORY_LIMIT is '2,5 GB'", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(WarehouseOptions.MemoryLimitVariable, previous.Memory);
            Environment.SetEnvironmentVariable(WarehouseOptions.TempDirectoryVariable, previous.Temp);
        }
    }
}
