using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsKpi.Web.Tests.Support;

/// <summary>The site on a new, empty warehouse in a temporary folder, for tests that need their own.</summary>
/// <param name="fromTemplate">
/// Puts a copy of the run's migrated, empty warehouse (tests/Shared/WarehouseTemplate.cs) at <see cref="WarehousePath"/>,
/// so the site opens a current file instead of running every migration; false (the default) leaves no file there, for
/// the tests of a first start (the demo loader) and of crashes.
/// </param>
public sealed class EmptySite : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cskpi-web-tests", Guid.NewGuid().ToString("N"));

    public EmptySite(bool fromTemplate = false)
    {
        if (fromTemplate)
        {
            CsKpi.Tests.Shared.WarehouseTemplate.CopyTo(WarehousePath);
        }
    }

    public string WarehousePath => Path.Combine(folder, "data", "cskpi.duckdb");

    public WebApplicationFactory<Program> Create(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(environment);
            host.UseSetting("Warehouse:Path", WarehousePath);
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // DuckDB may hold the file a moment after the site stops; a temporary folder left behind is harmless.
        }
    }
}
