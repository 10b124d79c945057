using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CsKpi.Web.Tests;

public sealed class HostingTests
{
    [Fact]
    public void The_site_listens_on_5080_when_not_told_otherwise()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Development" });
        builder.Configuration["urls"] = null;
        builder.Configuration["http_ports"] = null;
        builder.Configuration["https_ports"] = null;

        builder.ListenOnDefaultAddressUnlessTold();

        Assert.Equal("http://localhost:5080", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void The_urls_option_wins_over_the_default()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:6000"]);

        builder.ListenOnDefaultAddressUnlessTold();

        Assert.Equal("http://127.0.0.1:6000", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }
}

public sealed class WarehouseLifetimeTests
{
    [Fact]
    public void The_site_closes_the_warehouse_when_it_stops()
    {
        using var empty = new Support.EmptySite();
        var site = empty.Create("Testing");
        var warehouse = site.Services.GetRequiredService<CsKpi.Warehouse.WarehouseDatabase>();
        using (var connection = warehouse.OpenConnection())
        {
            Assert.Equal(CsKpi.Warehouse.MigrationRunner.Embedded[^1].Version, CsKpi.Warehouse.MigrationRunner.CurrentVersion(connection));
        }

        site.Dispose();

        // The factory's Dispose can return before the container has disposed the warehouse; give the shutdown a moment.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!IsClosed(warehouse) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.Throws<ObjectDisposedException>(() => warehouse.OpenConnection());
    }

    private static bool IsClosed(CsKpi.Warehouse.WarehouseDatabase warehouse)
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
