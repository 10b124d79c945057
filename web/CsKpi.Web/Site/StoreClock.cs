namespace CsKpi.Web.Site;

/// <summary>
/// "Today" as the stores count it (Asia/Shanghai), read from the <see cref="TimeProvider"/> the site registers, so a
/// test pins the day with a clock of its own: the default week of the chat review, the default half of the promotion
/// review and the last day with numbers all follow it.
/// </summary>
public static class StoreClock
{
    private static readonly TimeZoneInfo StoreZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly StoreToday(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), StoreZone).DateTime);
    }
}
