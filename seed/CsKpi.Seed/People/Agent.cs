namespace CsKpi.Seed.People;

public enum AgentRole
{
    Presale,
    Aftersale,
    Both,
}

/// <summary>A roster change that takes effect on a day (type-2 history in the warehouse).</summary>
public sealed record RosterChange(DateOnly AsOf, string? Team = null, string? Level = null, decimal? Coefficient = null);

/// <summary>
/// One customer-service agent and the skill profile that drives their numbers. The profile is invented,
/// never written: it is what makes rankings, promotions and staffing mean something on synthetic data.
/// </summary>
public sealed class Agent
{
    public required int Index { get; init; }
    public required string AgentId { get; init; }
    public required string Name { get; init; }
    public required string StoreId { get; init; }
    public required string Team { get; set; }
    public required AgentRole Role { get; init; }
    public required DateOnly HiredOn { get; init; }
    public DateOnly? LeftOn { get; set; }
    public required string Level { get; set; }
    public required decimal Coefficient { get; set; }

    /// <summary>Level, team and coefficient as the first roster snapshot shows them.</summary>
    public required string InitialTeam { get; init; }
    public required string InitialLevel { get; set; }
    public required decimal InitialCoefficient { get; set; }
    public List<RosterChange> Changes { get; } = [];

    // Skill profile at hire; training moves it (see SkillOn).
    public required double ResponseMedianSeconds { get; set; }
    public required double Conversion { get; set; }
    public required double Upsell { get; set; }
    public required double UnansweredRate { get; set; }
    /// <summary>Share of the store's traffic this agent takes relative to others (team leads and supervisors take less).</summary>
    public required double Capacity { get; set; }
    public required bool AutoReply { get; init; }
    public required double ExamAbility { get; set; }

    /// <summary>Day numbers on which a course was passed, ascending; filled by the training generator.</summary>
    public int[] PassDays { get; set; } = [];

    public bool TakesPresale => Role != AgentRole.Aftersale;
    public bool TakesAftersale => Role != AgentRole.Presale;

    public bool IsEmployedOn(DateOnly day) => day >= HiredOn && (LeftOn is null || day < LeftOn);

    /// <summary>One day off a week, on a rota; nobody is off on a campaign day.</summary>
    public bool WorksOn(DateOnly day, bool campaign) =>
        IsEmployedOn(day) && (campaign || (day.DayNumber + Index) % 7 != 0);

    /// <summary>
    /// Skill on a day: each course passed so far makes the agent a little faster and better at selling
    /// (capped), so that training visibly pays off in the KPIs.
    /// </summary>
    public (double ResponseMedian, double Conversion, double Upsell, double Unanswered) SkillOn(DateOnly day)
    {
        var passes = CountPassesBefore(day.DayNumber);
        var gain = Math.Min(passes, 12) * 0.02;
        return (ResponseMedianSeconds * (1 - gain), Math.Min(0.85, Conversion * (1 + gain)), Upsell * (1 + gain / 2), UnansweredRate * (1 - gain));
    }

    private int CountPassesBefore(int dayNumber)
    {
        var i = Array.BinarySearch(PassDays, dayNumber);
        return i >= 0 ? i : ~i;
    }
}
