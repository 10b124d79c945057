using System.Text;

namespace CsKpi.Seed.Layouts;

/// <summary>CSV as a platform writes it: its encoding, its line ends, and either every field quoted or only the fields that must be.</summary>
internal sealed class PlatformCsv(string path, Encoding encoding, bool quoteEvery, string newLine) : IDisposable
{
    private readonly StreamWriter _out = new(path, append: false, encoding, bufferSize: 1 << 16);

    public long Rows { get; private set; }

    public void Header(IReadOnlyList<string> names) => Line(names);

    public void Row(IReadOnlyList<string?> cells)
    {
        Line(cells);
        Rows++;
    }

    private void Line(IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _out.Write(',');
            }

            var text = cells[i] ?? "";
            if (quoteEvery || text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                _out.Write('"');
                _out.Write(text.Replace("\"", "\"\""));
                _out.Write('"');
            }
            else
            {
                _out.Write(text);
            }
        }

        _out.Write(newLine);
    }

    public void Dispose() => _out.Dispose();
}

/// <summary>Formatting shared by the platform layouts.</summary>
internal static class Cells
{
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    public static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string? Time(DateTime? at) => at is { } t ? Time(t) : null;
}
