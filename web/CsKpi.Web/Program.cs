using CsKpi.Warehouse;
using CsKpi.Web;
using CsKpi.Web.Site;

// Content (appsettings.json) comes from beside the assembly, because the working folder is where the user started
// the site (see RunWorkingDirectory in the project file). Pages and the stylesheet are compiled in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.ListenOnDefaultAddressUnlessTold();
builder.AddSite();
builder.Services.AddCsKpiJobs();

var app = builder.Build();

// Open the warehouse now: a file held by another process should stop the start with its message,
// not surface on the first request.
try
{
    var warehouse = app.Services.GetRequiredService<WarehouseDatabase>();
    app.Logger.LogInformation("Warehouse {Path} is open", warehouse.CanonicalPath);
}
catch (Exception cannot) when (cannot is WarehouseLockedException or WarehouseNotWritableException)
{
    // Straight to stderr: the console logger writes on a background thread that a quick exit cuts off. Either
    // needs a person to act (stop the other process, fix the folder's permissions), so no stack trace.
    Console.Error.WriteLine(cannot.Message);
    return 1;
}

app.UseSite();
app.UseJobs();
app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
