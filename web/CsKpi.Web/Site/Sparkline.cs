using System.Globalization;

namespace CsKpi.Web.Site;

/// <summary>
/// A tile's trend line: the period's daily values as the points of an SVG polyline in a 100 × 24 box (drawn inline,
/// no image request), higher values up. Days without a value break nothing: they are left out of the line.
/// </summary>
public static class Sparkline
{
    public const int Width = 100;
    public const int Height = 24;

    /// <summary>The polyline's points, or empty when fewer than two days have a value (no trend to draw).</summary>
    public static string Points(IReadOnlyList<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = values.Select((v, i) => (Value: v, Index: i)).Where(p => p.Value is not null).ToList();
        if (known.Count < 2)
        {
            return "";
        }

        var low = known.Min(p => p.Value!.Value);
        var high = known.Max(p => p.Value!.Value);
        var span = high - low;
        var step = values.Count > 1 ? (double)Width / (values.Count - 1) : 0;
        return string.Join(' ', known.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Index * step:0.#},{(span == 0 ? Height / 2.0 : Height - 1 - ((p.Value!.Value - low) / span * (Height - 2))):0.#}")));
    }
}
