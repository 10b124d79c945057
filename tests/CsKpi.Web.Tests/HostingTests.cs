using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

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
