using System.Globalization;

namespace CsKpi.Web.Site;

/// <summary>
/// Names in the order people count them: numbers inside a name compare by value, written in digits or in Chinese
/// numerals (售前一组, 售前二组, 售前三组 … 售前十组, not the code-point order 一, 三, 二). Everything else compares as
/// ordinal text, so the order is the same on every machine.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    private const string Digits = "零一二三四五六七八九";

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var (left, right) = (Parts(x), Parts(y));
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var (a, b) = (left[i], right[i]);
            var order = a.Number is { } m && b.Number is { } n ? m.CompareTo(n) : Unnumbered(left, right, i) ?? string.CompareOrdinal(a.Text, b.Text);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Count != right.Count ? left.Count.CompareTo(right.Count) : string.CompareOrdinal(x, y);
    }

    /// <summary>
    /// 售后组 before 售后二组: where one name's text runs on (组) and the other's stops at a numeral (二), the one
    /// without the number is the first of its kind; null when that is not the case.
    /// </summary>
    private static int? Unnumbered(List<(string Text, long? Number)> left, List<(string Text, long? Number)> right, int i)
    {
        var (a, b) = (left[i].Text, right[i].Text);
        if (left[i].Number is not null || right[i].Number is not null || a.Length == b.Length)
        {
            return null;
        }

        // The side whose text stops first is the numbered one when a numeral follows; the other side goes first.
        var (stopped, stem, runsOn, sign) = a.Length < b.Length ? (left, a, b, 1) : (right, b, a, -1);
        return runsOn.StartsWith(stem, StringComparison.Ordinal) && i + 1 < stopped.Count && stopped[i + 1].Number is not null ? sign : null;
    }

    /// <summary>The name cut into runs of numerals (with their value) and runs of other text.</summary>
    private static List<(string Text, long? Number)> Parts(string name)
    {
        var parts = new List<(string, long?)>();
        var start = 0;
        while (start < name.Length)
        {
            var numeral = IsNumeral(name[start]);
            var end = start;
            while (end < name.Length && IsNumeral(name[end]) == numeral)
            {
                end++;
            }

            var text = name[start..end];
            parts.Add((text, numeral ? Value(text) : null));
            start = end;
        }

        return parts;
    }

    private static bool IsNumeral(char c) => char.IsAsciiDigit(c) || Digits.Contains(c) || c is '十' or '百' or '两';

    /// <summary>12 or 十二; a run of Chinese digits without units (二〇二六-style 二零) reads digit by digit.</summary>
    private static long Value(string text)
    {
        if (text.All(char.IsAsciiDigit))
        {
            return text.Length > 18 ? long.MaxValue : long.Parse(text, CultureInfo.InvariantCulture);
        }

        long total = 0, digit = 0, plain = 0;
        foreach (var c in text)
        {
            var d = c == '两' ? 2 : char.IsAsciiDigit(c) ? c - '0' : Digits.IndexOf(c);
            if (d >= 0)
            {
                digit = d;
                plain = plain * 10 + d;
            }
            else
            {
                total += (digit == 0 ? 1 : digit) * (c == '百' ? 100 : 10);
                digit = 0;
            }
        }

        return text.Contains('十') || text.Contains('百') ? total + digit : plain;
    }
}
