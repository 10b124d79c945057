using System.Text;
using Wcwidth;

namespace CsKpi.Cli;

/// <summary>
/// Columns aligned for a terminal: Chinese characters take two cells, so widths are counted in cells, not chars.
/// The last column is never padded (it holds the free-text reason).
/// </summary>
internal sealed class TextTable(params (string Header, bool Right)[] columns)
{
    private const string Gap = "  ";
    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"a row needs {columns.Length} cells, not {cells.Length}", nameof(cells));
        }

        rows.Add(cells);
    }

    public void Write(TextWriter output)
    {
        var widths = columns.Select((c, i) => rows.Select(r => Cells(r[i])).Prepend(Cells(c.Header)).Max()).ToArray();
        WriteRow(output, columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var padding = new string(' ', widths[i] - Cells(cells[i]));
            if (i > 0)
            {
                line.Append(Gap);
            }

            line.Append(columns[i].Right ? padding + cells[i] : last ? cells[i] : cells[i] + padding);
        }

        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Terminal cells a text takes: two for East Asian wide and full-width characters, one otherwise.</summary>
    public static int Cells(string text)
    {
        var cells = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            cells += Width(rune);
        }

        return cells;
    }

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="maxCells"/> cells, ending in "…" when cut, and
    /// shows line breaks, tabs and other control characters as escapes so a row stays on one line.
    /// </summary>
    public static string Clip(string text, int maxCells)
    {
        var pieces = text.EnumerateRunes().Select(rune => rune.Value switch
        {
            '\n' => ("\\n", 2),
            '\r' => ("\\r", 2),
            '\t' => ("\\t", 2),
            _ when Rune.IsControl(rune) => ($"\\u{rune.Value:x4}", 6),
            _ => (rune.ToString(), Width(rune)),
        }).ToList();
        if (pieces.Sum(p => p.Item2) <= maxCells)
        {
            return string.Concat(pieces.Select(p => p.Item1));
        }

        var shown = new StringBuilder();
        var cells = 0;
        foreach (var (piece, width) in pieces)
        {
            if (cells + width > maxCells - 1)
            {
                break;
            }

            shown.Append(piece);
            cells += width;
        }

        return shown.Append('…').ToString();
    }

    /// <summary>
    /// Wcwidth's answer from the Unicode East Asian Width and emoji tables: two cells for wide and full-width
    /// characters, none for combining marks. A control character (-1 to Wcwidth) counts as one, as it always did:
    /// the cells a row shows have them escaped by <see cref="Clip"/>.
    /// </summary>
    private static int Width(Rune rune) => UnicodeCalculator.GetWidth(rune) is var cells and >= 0 ? cells : 1;
}
