using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace CsKpi.Web.Site;

/// <summary>
/// The period a page shows, from the shared picker: a grain (day, week, month, quarter, half, year, or a custom
/// range) and a date in it, clipped to the last day with data. Default: the month to date (up to yesterday, or the
/// last day loaded when that is earlier); a quick link gives yesterday. Dates are held between <see cref="Earliest"/>
/// and <see cref="Latest"/> (year 1 had no previous year to compare with, and the page was a 500), with a notice.
/// </summary>
public sealed record Period(string Grain, DateOnly From, DateOnly To, DateOnly LastDay)
{
    public static readonly IReadOnlyList<string> Grains = ["day", "week", "month", "quarter", "half", "year", "range"];

    /// <summary>The picker's range: long before any store's first export, long after its last.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>Set when a date given was outside the picker's range and was moved into it: what the page says.</summary>
    public string? Notice { get; init; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Reads <c>grain</c>, <c>from</c>, <c>to</c> (or <c>date</c> for a grain) from the query string.</summary>
    public static Period Parse(IQueryCollection query, DateOnly lastDay)
    {
        var outside = new List<DateOnly>();
        var grain = query["grain"].ToString() is { Length: > 0 } g && Grains.Contains(g) ? g : "range";
        var anchor = Held(ParseDate(query["date"]) ?? ParseDate(query["from"]), outside) ?? lastDay;
        Period period;
        if (grain == "range")
        {
            var to = Held(ParseDate(query["to"]), outside) ?? lastDay;
            var from = Held(ParseDate(query["from"]), outside) ?? new DateOnly(to.Year, to.Month, 1);
            if (from > to)
            {
                (from, to) = (to, from);
            }

            period = new Period(grain, from, to, lastDay);
        }
        else
        {
            var (start, end) = Bounds(grain, anchor);
            period = new Period(grain, start, end, lastDay);
        }

        if (outside.Count == 0)
        {
            return period;
        }

        var given = string.Join("、", outside.Distinct().Select(Iso));
        return period with
        {
            Notice = Lang.T($"日期超出范围：{given} 不在 {Iso(Earliest)} 至 {Iso(Latest)} 之间，已改为最近的日期。",
                $"Date out of range: {given} is not between {Iso(Earliest)} and {Iso(Latest)}, so the nearest date was used."),
        };
    }

    /// <summary>The date moved into the picker's range; a date that had to be moved is noted.</summary>
    private static DateOnly? Held(DateOnly? day, List<DateOnly> outside)
    {
        if (day is not { } given || (given >= Earliest && given <= Latest))
        {
            return day;
        }

        outside.Add(given);
        return given < Earliest ? Earliest : Latest;
    }

    /// <summary>The whole calendar period of a grain that holds a day.</summary>
    public static (DateOnly Start, DateOnly End) Bounds(string grain, DateOnly day)
    {
        switch (grain)
        {
            case "day":
                return (day, day);
            case "week":
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(6));
            default:
                var months = MonthsOf(grain);
                var firstMonth = (day.Month - 1) / months * months + 1;
                var start = new DateOnly(day.Year, firstMonth, 1);
                return (start, start.AddMonths(months).AddDays(-1));
        }
    }

    /// <summary>The days that have numbers: the period up to the last day loaded.</summary>
    public DateOnly DataTo => To < LastDay ? To : LastDay < From ? From : LastDay;

    /// <summary>
    /// The period to compare with: the one before, over the same number of days from its start (so the month to
    /// date compares with the same days of last month, not with all of it). A whole calendar month, quarter, half or
    /// year that has ended compares with the whole one before (November with all of October, not 1–30 October).
    /// </summary>
    public Period Previous()
    {
        var length = DataTo.DayNumber - From.DayNumber;
        DateOnly start, limit;
        if (IsMonths(Grain) && DataTo == To)
        {
            return new Period("range", From.AddMonths(-MonthsOf(Grain)), From.AddDays(-1), LastDay);
        }

        if (IsMonths(Grain) || (Grain == "range" && From.Day == 1))
        {
            var months = Grain == "range" ? 1 : MonthsOf(Grain);
            start = From.AddMonths(-months);
            limit = From.AddDays(-1);
        }
        else
        {
            var span = Grain switch { "day" => 1, "week" => 7, _ => Days };
            start = From.AddDays(-span);
            limit = From.AddDays(-1);
        }

        var end = start.AddDays(length);
        return new Period("range", start, end < limit ? end : limit, LastDay);

        static bool IsMonths(string grain) => grain is "month" or "quarter" or "half" or "year";
    }

    /// <summary>
    /// The window of the trend charts: the period chosen, up to its last day with numbers (a week is its 7 days, the
    /// month to date its days so far; never a fixed two weeks), by day up to two months, then by week, then by month.
    /// </summary>
    public (DateOnly From, DateOnly To, string Grain) Trend()
    {
        var days = DataTo.DayNumber - From.DayNumber + 1;
        return (From, DataTo, days <= 62 ? "day" : days <= 370 ? "week" : "month");
    }

    public string Label => Grain switch
    {
        "day" => Lang.Date(From),
        "week" => Lang.T($"{ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))} 年第 {ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue))} 周", $"week {ISOWeek.GetWeekOfYear(From.ToDateTime(TimeOnly.MinValue))} of {ISOWeek.GetYear(From.ToDateTime(TimeOnly.MinValue))}") + $" ({Lang.Date(From)} – {Lang.Date(To)})",
        _ => $"{Lang.Date(From)} – {Lang.Date(To)}",
    };

    /// <summary>Query-string values that reproduce this period (links, chart and download URLs).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Query() => Grain == "range"
        ? [new("grain", Grain), new("from", Iso(From)), new("to", Iso(To))]
        : [new("grain", Grain), new("date", Iso(From))];

    public string With(string path, IEnumerable<KeyValuePair<string, string?>>? more = null) =>
        QueryHelpers.AddQueryString(path, Query().Concat(more ?? []).Where(p => !string.IsNullOrEmpty(p.Value)));

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int MonthsOf(string grain) => grain switch { "month" => 1, "quarter" => 3, "half" => 6, "year" => 12, _ => 1 };

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
