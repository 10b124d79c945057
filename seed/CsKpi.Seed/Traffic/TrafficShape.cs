namespace CsKpi.Seed.Traffic;

/// <summary>
/// When buyers write: peaks late morning, in the afternoon and 20:00–23:00; more at weekends; several times
/// the normal load on campaign days (3·8, 6·18, 9·9, 11·11, 12·12) and somewhat more on their eve.
/// </summary>
internal static class TrafficShape
{
    private static readonly double[] NormalHours =
        [0.8, 0.4, 0.2, 0.1, 0.1, 0.2, 0.4, 1.0, 2.5, 4.5, 6.0, 6.2, 4.5, 4.0, 5.0, 5.5, 5.2, 4.5, 3.8, 4.2, 6.0, 6.8, 6.3, 3.5];

    // A campaign opens at midnight: the first hours carry a rush of paid-deposit buyers.
    private static readonly double[] CampaignHours =
        [9.0, 5.0, 1.5, 0.5, 0.2, 0.2, 0.5, 1.2, 3.0, 5.0, 6.5, 6.8, 5.0, 4.5, 5.5, 6.0, 5.8, 5.0, 4.5, 5.0, 7.0, 8.0, 7.5, 5.0];

    private static readonly double[] WeekdayFactor = [1.15, 1.0, 0.95, 0.95, 0.97, 1.0, 1.12]; // Sunday first, as DayOfWeek

    public static readonly double[] NormalCumulative = Cumulative(NormalHours);
    public static readonly double[] CampaignCumulative = Cumulative(CampaignHours);

    /// <summary>Relative hourly weight, 0..1, for slowing replies down at peaks.</summary>
    public static double PeakLoad(int hour, bool campaign) => (campaign ? CampaignHours : NormalHours)[hour] / 9.0;

    public static double CampaignFactor(DateOnly day) => (day.Month, day.Day) switch
    {
        (11, 11) => 5.0,
        (6, 18) => 3.5,
        (12, 12) => 2.5,
        (3, 8) => 2.0,
        (9, 9) => 1.8,
        (11, 10) or (6, 17) or (12, 11) => 1.4,
        _ => 1.0,
    };

    public static bool IsCampaign(DateOnly day) => CampaignFactor(day) >= 1.8;

    public static double DayFactor(DateOnly day) => WeekdayFactor[(int)day.DayOfWeek] * CampaignFactor(day);

    private static double[] Cumulative(double[] weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += w).ToArray();
    }
}
