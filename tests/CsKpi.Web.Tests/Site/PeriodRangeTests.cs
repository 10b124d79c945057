using System.Net;
using CsKpi.Web.Site;
using CsKpi.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CsKpi.Web.Tests.Site;

/// <summary>A period far outside any data (year 1, year 9999) is held to the picker's range, with a notice, never a 500.</summary>
[Collection(SiteCollection.Name)]
public sealed class PeriodRangeTests(SiteFixture site)
{
    [Theory]
    [InlineData("admin", "/?grain=year&from=0001-01-01")]
    [InlineData("hr", "/?grain=year&from=0001-01-01")]
    [InlineData("analyst", "/?grain=week&date=0001-01-01")]
    [InlineData("supervisor", "/?grain=year&from=0001-01-01")]
    [InlineData("agent", "/?grain=year&from=0001-01-01")]
    [InlineData("admin", "/?grain=range&from=0001-01-01&to=9999-12-31")]
    [InlineData("admin", "/?grain=day&date=9999-12-31")]
    [InlineData("admin", "/reports?grain=year&from=0001-01-01")]
    [InlineData("admin", "/agents?grain=quarter&from=0001-01-01")]
    public async Task An_out_of_range_period_is_clamped_with_a_notice(string role, string url)
    {
        using var client = await site.Client(role);

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"period-notice\"", html, StringComparison.Ordinal);
        Assert.Contains("日期超出范围", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_are_held_between_2000_and_2099_and_the_notice_names_the_date_given()
    {
        var lastDay = new DateOnly(2026, 3, 18);
        var early = Period.Parse(Query(("grain", "year"), ("from", "0001-01-01")), lastDay);
        var late = Period.Parse(Query(("grain", "range"), ("from", "2026-03-01"), ("to", "9999-12-31")), lastDay);
        var fine = Period.Parse(Query(("grain", "month"), ("date", "2026-02-10")), lastDay);

        Assert.Equal((new DateOnly(2000, 1, 1), new DateOnly(2000, 12, 31)), (early.From, early.To));
        Assert.Equal((new DateOnly(1999, 1, 1), new DateOnly(1999, 12, 31)), (early.Previous().From, early.Previous().To));
        Assert.Contains("0001-01-01", early.Notice, StringComparison.Ordinal);
        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2099, 12, 31)), (late.From, late.To));
        Assert.Contains("9999-12-31", late.Notice, StringComparison.Ordinal);
        Assert.Null(fine.Notice);
    }

    private static QueryCollection Query(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => new StringValues(v.Value)));
}
