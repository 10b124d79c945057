using System.Net;
using CsKpi.Warehouse;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests;

public sealed class HomePageTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-tests", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> site;

    public HomePageTests()
    {
        // Spelled with "..", so the page must show the canonical form, not what it was given.
        var path = Path.Combine(folder, "data", "..", "data", "cskpi.duckdb");
        site = new WebApplicationFactory<Program>().WithWebHostBuilder(host => host.UseSetting("Warehouse:Path", path));
    }

    public void Dispose()
    {
        site.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Home_page_shows_the_warehouse_it_owns()
    {
        using var client = site.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var canonical = WarehouseDatabase.CanonicalizePath(Path.Combine(folder, "data", "cskpi.duckdb"));
        Assert.Contains($"<code id=\"warehouse-path\">{canonical}</code>", html, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"schema-version\">{MigrationRunner.Embedded[^1].Version}</td>", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("app, core, etl, main, marts, raw", html, StringComparison.Ordinal);
        Assert.Contains("schema_version", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_site_closes_the_warehouse_when_it_stops()
    {
        var warehouse = site.Services.GetRequiredService<WarehouseDatabase>();
        using (var connection = warehouse.OpenConnection())
        {
            Assert.Equal(MigrationRunner.Embedded[^1].Version, MigrationRunner.CurrentVersion(connection));
        }

        site.Dispose();

        // Seen once in CI: the factory's Dispose returned before the container had disposed the warehouse. The site
        // must still close it; give the shutdown a moment rather than race it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsClosed(warehouse) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Throws<ObjectDisposedException>(() => warehouse.OpenConnection());
    }

    private static bool IsClosed(WarehouseDatabase warehouse)
    {
        try
        {
            warehouse.OpenConnection().Dispose();
            return false;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }
}
