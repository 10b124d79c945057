using CsKpi.Warehouse;
using CsKpi.Web.Tests.Support;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CsKpi.Web.Tests.Site;

/// <summary>
/// The site's memory bound (docs/operations.md): its DuckDB engine runs under <c>Warehouse:MemoryLimit</c> (2 GiB
/// unless configured; the machine's 60 % otherwise, which on a shared server is most of it) and its one cache under
/// <c>Cache:SizeMB</c>.
/// </summary>
public sealed class SiteMemoryTests : IDisposable
{
    private readonly EmptySite folder = new();

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
    public void The_cache_is_bounded_by_its_setting()
    {
        using var site = folder.Create("Testing", ("Cache:SizeMB", "16"));

        Assert.Equal(16L * 1024 * 1024, site.Services.GetRequiredService<IOptions<MemoryCacheOptions>>().Value.SizeLimit);
    }

    public void Dispose() => folder.Dispose();
}
