using CsKpi.Warehouse;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// The site's memory bound (docs/operations.md): its DuckDB engine runs under <c>Warehouse:MemoryLimit</c> (2 GiB
/// unless configured; the machine's 60 % otherwise, which on a shared server is most of it) and spills past it, its
/// one cache under <c>Cache:SizeMB</c>, and its runtime with workstation GC.
/// </summary>
public sealed class SiteMemoryTests : IDisposable
{
    private readonly EmptySite folder = new(fromTemplate: true);

    [Theory]
    [InlineData(null, "2.0 GiB")]
    [InlineData("512MiB", "512.0 MiB")]
    public void The_sites_engine_runs_under_its_memory_limit(string? configured, string expected)
    {
        using var site = configured is null
            ? folder.Create("Testing")
            : folder.Create("Testing", ("Warehouse:MemoryLimit", configured));

        var warehouse = site.Services.GetRequiredService<WarehouseDatabase>();
        using var connection = warehouse.OpenConnection();

        Assert.Equal(expected, connection.ExecuteScalar<string>("select current_setting('memory_limit')"));
    }

    [Fact]
    public void The_sites_engine_spills_where_it_is_configured_to()
    {
        var spill = Path.Combine(Path.GetDirectoryName(folder.WarehousePath)!, "spill");
        using var site = folder.Create("Testing", ("Warehouse:TempDirectory", spill), ("Warehouse:MemoryLimit", "768MiB"));

        using var connection = site.Services.GetRequiredService<WarehouseDatabase>().OpenConnection();

        Assert.Equal(spill, connection.ExecuteScalar<string>("select current_setting('temp_directory')"));
        Assert.Equal("768.0 MiB", connection.ExecuteScalar<string>("select current_setting('memory_limit')"));
    }

    [Fact]
    public void By_default_the_sites_engine_spills_beside_the_warehouse_file()
    {
        using var site = folder.Create("Testing");

        var warehouse = site.Services.GetRequiredService<WarehouseDatabase>();
        using var connection = warehouse.OpenConnection();

        // Past its memory limit DuckDB spills here rather than grows (an ingest in the site's process, a large page).
        var spill = connection.ExecuteScalar<string>("select current_setting('temp_directory')");
        Assert.Equal(warehouse.CanonicalPath + ".tmp", spill);
        Assert.Equal(Path.GetDirectoryName(warehouse.CanonicalPath), Path.GetDirectoryName(spill));
    }

    /// <summary>
    /// The site runs workstation GC (its project file; the Web SDK's default is server GC, a heap per core): with an
    /// ingest running beside 8 clients the runtime committed 174 MiB instead of 442 MiB (docs/operations.md).
    /// </summary>
    [Fact]
    public void The_site_is_built_for_workstation_gc()
    {
        var site = typeof(CsKpi.Web.Site.SiteOptions).Assembly.Location;
        var config = Path.ChangeExtension(site, ".runtimeconfig.json");
        Assert.True(File.Exists(config), $"{config} is missing");

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
    }

    [Fact]
    public void The_cache_is_bounded_by_its_setting()
    {
        using var site = folder.Create("Testing", ("Cache:SizeMB", "16"));

        Assert.Equal(16L * 1024 * 1024, site.Services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value.SizeLimit);
    }

    public void Dispose() => folder.Dispose();
}
