using System.Globalization;
using System.Numerics;
using System.Text;

namespace CsKpi.Warehouse.Downloads;

/// <summary>A number already written as the download wants it (a fixed number of decimals, say): a number, never text.</summary>
public readonly record struct CsvNumber(string Text);

/// <summary>
/// The one CSV writer of every download (the site's tables, the SQL page and <c>cskpi sql --format csv</c>, the payroll
/// bonus, the rejects): RFC 4180 quoting, culture-free values, and OWASP's CSV-injection defence, because the
/// files are opened in Excel and their text comes from people outside (agent names, buyer ids, rejected values):
/// <list type="bullet">
/// <item>a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return (or the
/// full-width <c>＝ ＋ － ＠</c>, which a Chinese input method types) gets a leading <c>'</c>, so Excel shows it as text
/// and never runs it; headers are text too;</item>
/// <item>a typed number (int, decimal, double, …, or a <see cref="CsvNumber"/>) is written as a number, a double to at
/// most <see cref="MaxDecimals"/> decimals (the one place downloads round): -12.5 in an
/// amount column is data, and a number Excel parses can never be a formula. Text that merely looks like a number
/// ('-12.5' from a varchar column) is text, and is neutralised like any other; so is a non-finite double (-Infinity).</item>
/// </list>
/// </summary>
public sealed class CsvDownload(TextWriter output)
{
    private readonly StringBuilder line = new();

    /// <summary>Writes one line: the cells, typed, separated by commas, ended by CRLF.</summary>
    public void Row(IEnumerable<object?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        line.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                line.Append(',');
            }

            line.Append(Cell(cell));
            first = false;
        }

        output.Write(line.Append("\r\n"));
    }

    /// <summary>One cell as it is written: its text (typed numbers as they are, text neutralised), quoted when needed.</summary>
    public static string Cell(object? value) => Quote(value switch
    {
        null or DBNull => "",
        CsvNumber number => number.Text,
        double d when double.IsFinite(d) => Rounded(d),
        float f when float.IsFinite(f) => Rounded(f),
        decimal m => Math.Round(m, MaxDecimals, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture),
        sbyte or byte or short or ushort or int or uint or long or ulong or BigInteger =>
            ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => Neutralise(Text(value)),
    });

    /// <summary>
    /// The most decimals a number is written with. A double is a ratio or an average (DuckDB divides into doubles), whose
    /// last bits (0.4269576871529772) mean nothing to a reader: 4 decimals (0.427). Money is a DECIMAL of 2 places and
    /// is written at its own scale (9175628.16, 12.50); a target is DECIMAL(18,4), which 4 keeps whole.
    /// </summary>
    public const int MaxDecimals = 4;

    /// <summary>A double at most <see cref="MaxDecimals"/> decimals, trailing zeros dropped; a value that rounds to zero is 0, not -0.</summary>
    private static string Rounded(double value)
    {
        var rounded = Math.Round(value, MaxDecimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>Text Excel would read as a formula (or a DDE command), with an apostrophe first; any other text as it is.</summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && "=+-@\t\r＝＋－＠".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    /// <summary>Values written culture-free (2026-03-01, 1234.5, true), so a spreadsheet in any locale reads them.</summary>
    private static string Text(object value) => value switch
    {
        string text => text,
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
