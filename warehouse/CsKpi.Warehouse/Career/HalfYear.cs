using System.Globalization;
using System.Text.RegularExpressions;

namespace CsKpi.Warehouse.Career;

/// <summary>A half year of the promotion review: H1 is January to June, H2 July to December (career.md).</summary>
public readonly partial record struct HalfYear(int Year, int Number)
{
    /// <summary>The day of the review's clock: Asia/Shanghai, where the stores are.</summary>
    public static DateOnly Today()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
    }

    public DateOnly Start => new(Year, Number == 1 ? 1 : 7, 1);

    public DateOnly End => Number == 1 ? new DateOnly(Year, 6, 30) : new DateOnly(Year, 12, 31);

    /// <summary>The first day after the half: when an approved proposal takes effect unless HR sets another day.</summary>
    public DateOnly DayAfter => End.AddDays(1);

    public HalfYear Previous => Number == 1 ? new HalfYear(Year - 1, 2) : new HalfYear(Year, 1);

    public static HalfYear Containing(DateOnly day) => new(day.Year, day.Month <= 6 ? 1 : 2);

    /// <summary>The half that ended most recently before <paramref name="day"/>: on Jul 1 that is H1, on Jan 1 last year's H2.</summary>
    public static HalfYear LastEndedBefore(DateOnly day) => Containing(day).Previous;

    public bool HasEndedBy(DateOnly day) => day > End;

    public override string ToString() => $"{Year}H{Number}";

    public static bool TryParse(string? text, out HalfYear half, out string problem)
    {
        half = default;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            problem = $"'{text}' is not a half; write the year and H1 (January–June) or H2 (July–December), e.g. 2026H1";
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 9998)
        {
            problem = $"'{text}' is not a half CsKpi can review; the year must be from 2000 to 9998";
            return false;
        }

        half = new HalfYear(year, int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture));
        problem = "";
        return true;
    }

    /// <exception cref="ArgumentException">The text is not a half such as 2026H1.</exception>
    public static HalfYear Parse(string text) =>
        TryParse(text, out var half, out var problem) ? half : throw new ArgumentException(problem, nameof(text));

    [GeneratedRegex(@"^(?<year>\d{4})[Hh](?<number>[12])$")]
    private static partial Regex Pattern();
}
