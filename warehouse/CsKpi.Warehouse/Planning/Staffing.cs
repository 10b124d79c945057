using System.Globalization;

namespace CsKpi.Warehouse.Planning;

/// <summary>Where an input of a plan came from.</summary>
public enum InputSource
{
    /// <summary>Given by the person planning.</summary>
    Typed,

    /// <summary>Read from the store's history over the chosen period.</summary>
    History,
}

/// <summary>One input of the headcount formula, its value and where it came from (<see cref="Detail"/> says how it
/// was computed when it came from history).</summary>
public sealed record StaffingInput(decimal Value, InputSource Source, string Detail)
{
    public static StaffingInput Typed(decimal value) => new(value, InputSource.Typed, "typed");
}

/// <summary>The campaign headcount of planning.md, with the steps in between so a page can show the working.</summary>
/// <param name="Buyers">target sales ÷ aov: the store's paying buyers that day.</param>
/// <param name="ServiceBuyers">of those, the ones who come through customer service (× cs share).</param>
/// <param name="Inquiries">the inquiries needed to convert them (÷ conversion).</param>
/// <param name="ExactAgents">inquiries ÷ the receptions one agent handles in a day, before rounding.</param>
/// <param name="Agents">rounded up: a fraction of an agent is one more agent.</param>
public sealed record HeadcountEstimate(
    decimal TargetSales, StaffingInput Aov, StaffingInput CsShare, StaffingInput Conversion, StaffingInput MaxReceptions,
    decimal Buyers, decimal ServiceBuyers, decimal Inquiries, decimal ExactAgents, int Agents)
{
    // People are whole: a fraction of a buyer or an inquiry is one more to serve, as a fraction of an agent is one more agent.
    public long WholeBuyers => (long)Math.Ceiling(Buyers);
    public long WholeServiceBuyers => (long)Math.Ceiling(ServiceBuyers);
    public long WholeInquiries => (long)Math.Ceiling(Inquiries);
}

/// <summary>
/// agents = (target_sales / aov) × cs_share / conversion / max_receptions_per_agent_day, rounded up. In decimal, so a
/// result that is a whole number on paper (2,000,000 / 200 × 30 % / 50 % / 300 = 20) is not 20.000000000000004
/// and rounded up to 21.
/// </summary>
public static class HeadcountFormula
{
    public static HeadcountEstimate Estimate(decimal targetSales, StaffingInput aov, StaffingInput csShare,
        StaffingInput conversion, StaffingInput maxReceptions)
    {
        ArgumentNullException.ThrowIfNull(aov);
        ArgumentNullException.ThrowIfNull(csShare);
        ArgumentNullException.ThrowIfNull(conversion);
        ArgumentNullException.ThrowIfNull(maxReceptions);
        Require(targetSales > 0, "target sales", targetSales, "more than 0 yuan");
        Require(aov.Value > 0, "aov", aov.Value, "more than 0 yuan");
        Require(csShare.Value is > 0 and <= 1, "cs share", csShare.Value, "a share above 0 and at most 1 (0.3 for 30 %)");
        Require(conversion.Value is > 0 and <= 1, "conversion", conversion.Value, "a share above 0 and at most 1 (0.5 for 50 %)");
        Require(maxReceptions.Value > 0, "max receptions", maxReceptions.Value, "more than 0 receptions per agent per day");

        var buyers = targetSales / aov.Value;
        var serviceBuyers = buyers * csShare.Value;
        var inquiries = serviceBuyers / conversion.Value;
        var exact = inquiries / maxReceptions.Value;
        return new HeadcountEstimate(targetSales, aov, csShare, conversion, maxReceptions, buyers, serviceBuyers, inquiries,
            exact, (int)Math.Ceiling(exact));
    }

    private static void Require(bool holds, string input, decimal value, string expected)
    {
        if (!holds)
        {
            throw new ArgumentOutOfRangeException(input, value,
                $"{input} is {value.ToString(CultureInfo.InvariantCulture)}; it must be {expected}");
        }
    }
}

/// <summary>One hour of day of the campaign plan.</summary>
/// <param name="NormalArrivals">inquiries beginning in this hour on a normal day (mean over the history's days).</param>
/// <param name="CampaignArrivals">scaled to the campaign day by target ÷ normal daily sales.</param>
/// <param name="Queue">the Erlang C outcome of the fewest agents reaching the service level.</param>
public sealed record HourDemand(int Hour, double NormalArrivals, double CampaignArrivals, QueueOutcome Queue)
{
    public int AgentsNeeded => Queue.Agents;
}

/// <summary>The hour-by-hour plan (planning.md, beyond the formula).</summary>
/// <param name="HandlingSeconds">mean handling time of an inquiry in history (reception seconds ÷ replied inquiries).</param>
/// <param name="EffectiveHandlingSeconds">handling ÷ concurrency: what one chat costs an agent carrying several.</param>
/// <param name="CampaignFactor">target sales ÷ normal daily sales (all paid orders ÷ days with data).</param>
public sealed record HourlyPlan(
    decimal NormalDailySales, double CampaignFactor, double HandlingSeconds, double Concurrency, double EffectiveHandlingSeconds,
    double ServiceLevel, double AnswerSeconds, IReadOnlyList<HourDemand> Hours)
{
    public int PeakAgents => Hours.Count == 0 ? 0 : Hours.Max(h => h.AgentsNeeded);

    /// <summary>
    /// Agents per hour for a campaign day: arrivals per hour (normal × <paramref name="campaignFactor"/>), Erlang C on
    /// the effective handling time, the fewest agents that answer <paramref name="serviceLevel"/> within
    /// <paramref name="answerSeconds"/>.
    /// </summary>
    public static HourlyPlan Build(IReadOnlyList<(int Hour, double Arrivals)> normalArrivals, decimal normalDailySales,
        decimal targetSales, double handlingSeconds, double concurrency, double serviceLevel, double answerSeconds)
    {
        ArgumentNullException.ThrowIfNull(normalArrivals);
        if (normalDailySales <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(normalDailySales), normalDailySales, "normal daily sales must be more than 0");
        }

        if (concurrency <= 0 || !double.IsFinite(concurrency))
        {
            throw new ArgumentOutOfRangeException(nameof(concurrency), concurrency,
                "chat concurrency (chats one agent carries at once) must be more than 0");
        }

        var factor = (double)(targetSales / normalDailySales);
        var effective = handlingSeconds / concurrency;
        var hours = normalArrivals
            .Select(h =>
            {
                var campaign = h.Arrivals * factor;
                var traffic = campaign / 3600 * effective;
                return new HourDemand(h.Hour, h.Arrivals, campaign, ErlangC.AgentsNeeded(traffic, effective, serviceLevel, answerSeconds));
            })
            .ToList();
        return new HourlyPlan(normalDailySales, factor, handlingSeconds, concurrency, effective, serviceLevel, answerSeconds, hours);
    }
}

/// <summary>What a person asks the staffing calculator; every input left null comes from history.</summary>
/// <param name="From">first business day of the history; default: 28 days before <paramref name="To"/>.</param>
/// <param name="To">last business day of the history; default: the store's last day with data.</param>
/// <param name="StoreId">the store; may be left out when the warehouse holds one store.</param>
/// <param name="Today">the day whose active presale headcount the result is compared with; default today.</param>
public sealed record StaffingRequest(
    decimal TargetSales,
    decimal? Aov = null,
    decimal? CsShare = null,
    decimal? Conversion = null,
    decimal? MaxReceptions = null,
    DateOnly? From = null,
    DateOnly? To = null,
    string? StoreId = null,
    DateOnly? Today = null);

/// <summary>The staffing page's and <c>cskpi staffing</c>'s answer.</summary>
/// <param name="StoreId">null only when every input was typed and the warehouse holds no store.</param>
/// <param name="ActivePresaleAgents">registered agents of the store whose current roster row is presale or both,
/// hired and not left on <paramref name="Today"/>.</param>
/// <param name="Hourly">null when history cannot give it (see <paramref name="HourlyNote"/>).</param>
/// <param name="Missing">why there is no hourly plan, as a code the site words (<paramref name="HourlyNote"/> is cskpi's English).</param>
/// <param name="Roster">the shifts that cover the hourly need and the formula's headcount; null without an hourly plan.</param>
public sealed record StaffingPlan(
    string? StoreId, DateOnly? From, DateOnly? To, int HistoryDays, DateOnly Today, HeadcountEstimate Headcount,
    int ActivePresaleAgents, HourlyPlan? Hourly, string? HourlyNote, ShiftRoster? Roster = null, HourlyMissing? Missing = null)
{
    /// <summary>The plan's one headcount: the rostered people, or the formula's when there is no hourly plan.</summary>
    public int PlannedAgents => Roster?.People ?? Headcount.Agents;

    /// <summary>More agents needed for the plan (negative: more than needed are on the roster today).</summary>
    public int Gap => PlannedAgents - ActivePresaleAgents;
}

/// <summary>
/// A plan, a what-if, a review or a diagnosis cannot be made from what the warehouse holds or from what was typed. The
/// message is cskpi's English, saying what to type or load instead; <see cref="Reason"/> says the same as a code with
/// its values, so the site can word it in the viewer's language: setting_not_number, setting_not_whole_hours
/// (<see cref="Setting"/>, <see cref="Store"/>, <see cref="Day"/>, <see cref="Value"/>); no_history_for_input,
/// history_lacks_input (<see cref="Input"/>: aov, cs_share, conversion, max_receptions; <see cref="Store"/>,
/// <see cref="From"/>, <see cref="To"/>); no_store_yet, unknown_store, no_data, choose_store (<see cref="Store"/>,
/// <see cref="Stores"/>); no_scenario_history (<see cref="Subject"/>: agent, team, best_of_team; <see cref="Agent"/>,
/// <see cref="Team"/>, <see cref="Store"/>, the period); scenario_without_inquiries, scenario_without_sales
/// (<see cref="Label"/>, the period); no_kpis (<see cref="Subject"/>: agent, team; the period); no_card_for_role
/// (<see cref="Agent"/>, <see cref="Role"/>, the period: the role has no card and the store no standards); unknown_reception,
/// not_sampled (<see cref="Key"/>); no_rubric (<see cref="Store"/>, <see cref="Day"/>).
/// </summary>
public sealed class PlanningException(string message, string reason) : Exception(message)
{
    public string Reason { get; } = reason;
    public string? Store { get; init; }
    public IReadOnlyList<string> Stores { get; init; } = [];
    public DateOnly? Day { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Setting { get; init; }
    public string? Value { get; init; }
    public string? Input { get; init; }
    public string? Subject { get; init; }
    public string? Agent { get; init; }
    public string? Team { get; init; }
    public string? Role { get; init; }
    public string? Label { get; init; }
    public ulong? Key { get; init; }
}

/// <summary>Why a staffing plan has no hour-by-hour part.</summary>
public enum HourlyMissing
{
    /// <summary>The warehouse holds no store yet.</summary>
    NoStore,

    /// <summary>No paid orders in the history window: a campaign day cannot be scaled from a normal one.</summary>
    NoPaidOrders,

    /// <summary>No replied inquiries in the history window: no handling time to plan with.</summary>
    NoRepliedInquiries,
}
