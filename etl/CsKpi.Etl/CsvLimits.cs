using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace CsKpi.Etl;

/// <summary>
/// The bounds of a CSV file the ETL reads, and the header read without DuckDB's sniffer. DuckDB refuses a line longer
/// than its <c>max_line_size</c>; when such a line lies in the rows its sniffer samples, the whole file fails with
/// "CSV Error on Line: 1" whatever the real line, and the good rows are lost. With the header read here and the
/// columns given to <c>read_csv</c> (no sniffing), DuckDB stores that line as a reject at its real line instead.
/// </summary>
public static partial class CsvLimits
{
    /// <summary>The longest line read, in bytes (DuckDB's default <c>max_line_size</c>, given explicitly).</summary>
    public const int MaxLineBytes = 2_000_000;

    /// <summary>The most columns a header may have: a contract file has about ten, a shop's export a few dozen.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>
    /// The column names of line 1, after a UTF-8 BOM (a quoted name may hold commas and doubled quotes). Throws
    /// <see cref="UnreadableFileException"/> when the header is longer than <see cref="MaxLineBytes"/> or has more
    /// than <see cref="MaxColumns"/> columns: without a header no row can be read.
    /// </summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var line = new MemoryStream();
        var quoted = false;
        var columns = 1;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && b == ',')
            {
                columns++;
            }

            line.WriteByte((byte)b);
            if (line.Length > MaxLineBytes)
            {
                throw new UnreadableFileException(
                    $"line 1, the header, is longer than {MaxLineBytes:N0} bytes, the most a line may hold (it has more than {columns:N0} columns), "
                    + "so no row can be read; export the file again with only the columns the data contract names");
            }
        }

        if (columns > MaxColumns)
        {
            throw new UnreadableFileException(
                $"line 1, the header, has {columns:N0} columns; a file may have at most {MaxColumns:N0}, so no row was read; "
                + "export the file again with only the columns the data contract names");
        }

        var text = Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length).TrimStart('\uFEFF');
        return Split(text);
    }

    /// <summary>Whether DuckDB refused a file for a line longer than <c>max_line_size</c>.</summary>
    public static bool IsLineTooLong(DuckDBException error) => LineTooLong().IsMatch(error.Message);

    /// <summary>The reason a line too long to read is rejected, from DuckDB's rejects (SQL: the error message).</summary>
    internal const string RejectReasonSql = """
        'the line is ' || coalesce(nullif(regexp_extract(error_message, 'Actual Size:\s*(\d+)', 1), ''), 'more than the limit of')
            || ' bytes long, more than the ' || coalesce(nullif(regexp_extract(error_message, 'line size of (\d+)', 1), ''), 'limit of')
            || ' bytes a line may hold, so it was not read; a value this long is not a chat message, an order or a roster row: check that line of the export'
        """;

    private static List<string> Split(string header)
    {
        var names = new List<string>();
        var name = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '"' && quoted && i + 1 < header.Length && header[i + 1] == '"')
            {
                name.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                names.Add(name.ToString());
                name.Clear();
            }
            else
            {
                name.Append(c);
            }
        }

        names.Add(name.ToString());
        // As DuckDB names them: an empty name gets its position, a repeated one a suffix (columns={...} needs unique keys).
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var unique = names[i].Length == 0 ? $"column{i}" : names[i];
            for (var n = 1; !seen.Add(unique); n++)
            {
                unique = $"{names[i]}_{n}";
            }

            names[i] = unique;
        }

        return names;
    }

    [GeneratedRegex(@"Maximum line size of \d+ bytes exceeded")]
    private static partial Regex LineTooLong();
}
