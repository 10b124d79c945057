using CsKpi.Warehouse;
using CsKpi.Web.Site;

namespace CsKpi.Web;

public static class Hosting
{
    public const string DefaultAddress = "http://localhost:5080";

    /// <summary>
    /// The site's documented address (interfaces.md) when nothing else is said; <c>--urls</c>,
    /// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c> and Kestrel endpoints win. The default lives here rather
    /// than as <c>applicationUrl</c> in launchSettings.json because <c>dotnet run</c> writes a profile's
    /// applicationUrl over the caller's ASPNETCORE_URLS, and a published build reads no launch profile at all.
    /// </summary>
    public static void ListenOnDefaultAddressUnlessTold(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var told = !string.IsNullOrEmpty(configuration["urls"])
            || !string.IsNullOrEmpty(configuration["http_ports"])
            || !string.IsNullOrEmpty(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!told)
        {
            builder.WebHost.UseUrls(DefaultAddress);
        }
    }

    /// <summary>
    /// The warehouse is a singleton the site owns: the container creates it from <c>Warehouse:Path</c>
    /// (<see cref="Site.WarehouseFileOptions"/>; else <c>CSKPI_WAREHOUSE</c>, else <c>data/cskpi.duckdb</c> under the
    /// current folder) and disposes it, closing the file, when the site stops. Its Parquet lake root is <c>Lake:Path</c>,
    /// else <c>CSKPI_LAKE</c>, else none.
    /// </summary>
    public static IServiceCollection AddWarehouse(this IServiceCollection services) =>
        services.AddSingleton(provider =>
        {
            var options = provider.Value<Site.WarehouseFileOptions>().ToWarehouseOptions();
            var lake = provider.Value<Site.LakeOptions>().Path;
            return WarehouseDatabase.Open(options with { LakePath = string.IsNullOrWhiteSpace(lake) ? options.LakePath : lake });
        });
}
