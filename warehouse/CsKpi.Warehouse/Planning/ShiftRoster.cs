namespace CsKpi.Warehouse.Planning;

/// <summary>People starting a shift at one clock hour and working <see cref="ShiftRoster.ShiftHours"/> hours from it.</summary>
public sealed record Shift(int StartHour, int EndHour, int People);

/// <summary>
/// The campaign day's roster, the staffing plan's one answer (issue 18.5): whole shifts of <see cref="ShiftHours"/>
/// hours that put on shift, in every hour, at least the agents Erlang C needs online then (<see cref="HourlyPlan"/>),
/// and, in all, at least the formula's headcount (<see cref="HeadcountEstimate.Agents"/>: the day's inquiries ÷ the
/// receptions one agent handles in a day).
/// </summary>
/// <param name="HourlyPeople">the fewest people whose shifts cover the hourly need.</param>
/// <param name="People">the plan's headcount: the larger of <paramref name="HourlyPeople"/> and the formula's.</param>
/// <param name="OnShift">people on shift in each clock hour 0–23.</param>
public sealed record ShiftRoster(int ShiftHours, IReadOnlyList<Shift> Shifts, int FormulaPeople, int HourlyPeople, int People,
    IReadOnlyList<int> OnShift)
{
    /// <summary>Whether the formula's daily headcount (not the hours' service level) sets the plan's number of people.</summary>
    public bool FormulaBinds => FormulaPeople > HourlyPeople;

    /// <summary>
    /// The fewest shifts covering each hour's need, then the people the formula asks beyond them, each added to the
    /// shift whose hours carry the most inquiries per person on shift (so they go where the day is busiest).
    /// Covering a line of hours with fixed-length shifts, opening a shift at the first hour still short (or as late
    /// as the day allows) is optimal: no shift could cover that hour and more of the hours after it.
    /// </summary>
    /// <param name="need">agents needed online in each hour 0–23.</param>
    /// <param name="inquiries">the campaign day's inquiries in each hour 0–23: where the formula's extra people go.</param>
    public static ShiftRoster Cover(IReadOnlyList<int> need, IReadOnlyList<double> inquiries, int shiftHours, int formulaPeople)
    {
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(inquiries);
        if (need.Count != 24 || inquiries.Count != 24)
        {
            throw new ArgumentException($"a day has 24 hours, not {need.Count} needs and {inquiries.Count} inquiry counts");
        }

        if (shiftHours is < 1 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(shiftHours), shiftHours, "a shift is 1 to 24 hours");
        }

        var starts = new int[24];
        var onShift = new int[24];
        void Start(int hour, int people)
        {
            starts[hour] += people;
            for (var h = hour; h < hour + shiftHours; h++)
            {
                onShift[h] += people;
            }
        }

        for (var hour = 0; hour < 24; hour++)
        {
            if (onShift[hour] < need[hour])
            {
                Start(Math.Min(hour, 24 - shiftHours), need[hour] - onShift[hour]);
            }
        }

        var hourlyPeople = starts.Sum();
        for (var extra = hourlyPeople; extra < formulaPeople; extra++)
        {
            var best = Enumerable.Range(0, 25 - shiftHours)
                .Select(start => (Start: start, Load: Enumerable.Range(start, shiftHours).Sum(h => inquiries[h] / (onShift[h] + 1))))
                .MaxBy(s => s.Load).Start;
            Start(best, 1);
        }

        var shifts = starts.Select((people, hour) => new Shift(hour, hour + shiftHours, people)).Where(s => s.People > 0).ToList();
        return new ShiftRoster(shiftHours, shifts, formulaPeople, hourlyPeople, starts.Sum(), onShift);
    }
}
