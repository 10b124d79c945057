using CsKpi.Web.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CsKpi.Web.Tests.Site;

public sealed class PeriodTests
{
    private static readonly DateOnly Yesterday = new(2026, 3, 18);

    private static Period Parse(params (string Key, string Value)[] values) =>
        Period.Parse(new QueryCollection(values.ToDictionary(v => v.Key, v => new StringValues(v.Value))), Yesterday);

    [Fact]
    public void The_default_is_the_month_to_date()
    {
        var period = Parse();

        Assert.Equal((new DateOnly(2026, 3, 1), Yesterday), (period.From, period.To));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 18)), (period.Previous().From, period.Previous().To));
    }

    [Theory]
    [InlineData("day", "2026-03-18", "2026-03-18", "2026-03-18", "2026-03-17", "2026-03-17")]
    [InlineData("week", "2026-03-18", "2026-03-16", "2026-03-22", "2026-03-09", "2026-03-11")]
    [InlineData("month", "2026-03-10", "2026-03-01", "2026-03-31", "2026-02-01", "2026-02-18")]
    [InlineData("quarter", "2026-03-18", "2026-01-01", "2026-03-31", "2025-10-01", "2025-12-16")]
    [InlineData("half", "2026-08-01", "2026-07-01", "2026-12-31", "2026-01-01", "2026-01-01")]
    [InlineData("year", "2026-03-18", "2026-01-01", "2026-12-31", "2025-01-01", "2025-03-18")]
    public void A_grain_covers_its_calendar_period_and_compares_with_the_same_days_before(
        string grain, string date, string from, string to, string previousFrom, string previousTo)
    {
        var period = Parse(("grain", grain), ("date", date));
        var previous = period.Previous();

        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (period.From, period.To));
        Assert.Equal((DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), (previous.From, previous.To));
    }

    [Fact]
    public void A_custom_range_compares_with_as_many_days_just_before()
    {
        var period = Parse(("grain", "range"), ("from", "2026-03-05"), ("to", "2026-03-11"));

        Assert.Equal((new DateOnly(2026, 2, 26), new DateOnly(2026, 3, 4)), (period.Previous().From, period.Previous().To));
    }

    [Theory]
    [InlineData("month", "2026-02-10", "2026-01-01", "2026-01-31")]
    [InlineData("month", "2025-11-10", "2025-10-01", "2025-10-31")]
    [InlineData("quarter", "2025-12-01", "2025-07-01", "2025-09-30")]
    [InlineData("year", "2025-06-01", "2024-01-01", "2024-12-31")]
    public void An_ended_month_quarter_or_year_compares_with_the_whole_one_before(string grain, string date, string previousFrom, string previousTo)
    {
        var previous = Parse(("grain", grain), ("date", date)).Previous();

        Assert.Equal((DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), (previous.From, previous.To));
    }
}
