using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace CsKpi.Etl;

/// <summary>
/// The bounds of a CSV file the ETL reads. DuckDB refuses a line longer than its <c>max_line_size</c>: when such a
/// line lies in the rows its sniffer samples, the whole file fails with "CSV Error on Line: 1" whatever the real line,
/// and when it cuts such a line inside a character its rejects table fails on the broken text; either way the good
/// rows were lost. Then the file is read again from a copy in which each such line is a short marker row, which
/// DuckDB rejects at the line's own number and sql/etl/malformed_row_rejects.sql explains (it reads the marker).
/// </summary>
public static partial class CsvLimits
{
    /// <summary>The longest line read, in bytes: DuckDB's default <c>max_line_size</c>.</summary>
    public const int MaxLineBytes = 2_000_000;

    /// <summary>The most columns a header may have: a contract file has about ten, a shop's export a few dozen.</summary>
    public const int MaxColumns = 1_000;

    /// <summary>
    /// Checks line 1, the header, without DuckDB: a header longer than <see cref="MaxLineBytes"/> or with more than
    /// <see cref="MaxColumns"/> columns throws <see cref="UnreadableFileException"/> naming line 1 and the limit, since
    /// no row can be read without it. Reads at most the header's bytes.
    /// </summary>
    public static void CheckHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var quoted = false;
        var columns = 1;
        long bytes = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0 && (quoted || b is not ('\n' or '\r')))
        {
            quoted ^= b == '"';
            columns += !quoted && b == ',' ? 1 : 0;
            if (++bytes > MaxLineBytes)
            {
                throw new UnreadableFileException(new EtlReason("file.header_too_long",
                    ("max", MaxLineBytes.ToString("N0", CultureInfo.InvariantCulture)), ("columns", columns.ToString("N0", CultureInfo.InvariantCulture))));
            }
        }

        if (columns > MaxColumns)
        {
            throw new UnreadableFileException(new EtlReason("file.too_many_columns",
                ("columns", columns.ToString("N0", CultureInfo.InvariantCulture)), ("max", MaxColumns.ToString("N0", CultureInfo.InvariantCulture))));
        }
    }

    /// <summary>Whether DuckDB failed a whole file over a line longer than <c>max_line_size</c> (see the class).</summary>
    public static bool IsLineTooLong(DuckDBException error) =>
        LineTooLong().IsMatch(error.Message)
        || error.Message.Contains("Invalid unicode (byte sequence mismatch) detected in segment statistics", StringComparison.Ordinal);

    /// <summary>
    /// A copy of a CSV file (UTF-8, header checked) in which each record longer than <see cref="MaxLineBytes"/> is one
    /// short line, <c>"cskpi-line-too-long:BYTES:START"</c>: a single field, so DuckDB rejects it at the record's own
    /// line for its missing fields. Every other byte is copied as it is, so records keep their numbers. Streams in
    /// blocks; a record is held only up to the limit.
    /// </summary>
    internal static PreparedFile WithoutLongLines(PreparedFile source, string tempDirectory)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(Path.GetFullPath(tempDirectory), $"cskpi-shortened-{Guid.NewGuid():N}.csv");
        try
        {
            using (var input = new FileStream(source.ReadPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                new Shortener(output).Copy(input);
            }

            // The copy keeps the lines, so the dialect and the title lines above the header stay the source's.
            return new PreparedFile(path, source.Format, source.Encoding, transcoded: true, source.SourceBytes)
            {
                Delimiter = source.Delimiter,
                SkipLines = source.SkipLines,
                LineColumn = source.LineColumn,
            };
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    [GeneratedRegex(@"Maximum line size of \d+ bytes exceeded")]
    private static partial Regex LineTooLong();

    /// <summary>One pass of <see cref="WithoutLongLines"/>: records end at a line feed outside double quotes.</summary>
    private sealed class Shortener(Stream output)
    {
        private const int StartBytes = 200;

        // The line's own bytes, its line break (\r\n at most) aside.
        private const long Longest = MaxLineBytes + 2;

        private readonly MemoryStream record = new();
        private long recordBytes;
        private long line = 1;
        private long quoteOpenedOn;
        private bool quoted;
        private (byte SecondLast, byte Last) end;

        public void Copy(Stream input)
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                var block = buffer.AsSpan(0, read);
                while (!block.IsEmpty)
                {
                    var at = block.IndexOfAny((byte)'"', (byte)'\n');
                    if (at < 0)
                    {
                        Append(block);
                        break;
                    }

                    Append(block[..(at + 1)]);
                    if (block[at] == '"')
                    {
                        quoted = !quoted;
                        quoteOpenedOn = quoted ? line : quoteOpenedOn;
                    }
                    else if (!quoted)
                    {
                        EndRecord();
                    }

                    block = block[(at + 1)..];
                }
            }

            if (quoted)
            {
                // As DuckDB's own reading refuses it: the rest of the file cannot be split into rows.
                throw new UnreadableFileException(new EtlReason("file.unterminated_quote", ("line", quoteOpenedOn)));
            }

            if (recordBytes > 0)
            {
                EndRecord();
            }
        }

        private void Append(ReadOnlySpan<byte> bytes)
        {
            // Past the limit only the first bytes are kept, for the reject's value.
            var keep = recordBytes + bytes.Length <= Longest ? bytes.Length : (int)Math.Clamp(StartBytes - record.Length, 0, bytes.Length);
            record.Write(bytes[..keep]);
            recordBytes += bytes.Length;
            end = bytes.Length >= 2 ? (bytes[^2], bytes[^1]) : bytes.Length == 1 ? (end.Last, bytes[0]) : end;
        }

        private void EndRecord()
        {
            if (recordBytes <= Longest)
            {
                output.Write(record.GetBuffer(), 0, (int)record.Length);
            }
            else
            {
                var start = record.GetBuffer().AsSpan(0, (int)Math.Min(record.Length, StartBytes));
                var text = Encoding.UTF8.GetString(start[..CompleteCharacters(start)])
                    .Replace('\r', ' ').Replace('\n', ' ').Replace("\"", "\"\"", StringComparison.Ordinal);
                // The record's own line break, or DuckDB would take the file for one with mixed line breaks.
                var lineBreak = end switch { ((byte)'\r', (byte)'\n') => "\r\n", (_, (byte)'\n') => "\n", _ => "" };
                output.Write(Encoding.UTF8.GetBytes($"\"cskpi-line-too-long:{recordBytes}:{text}\"{lineBreak}"));
            }

            record.SetLength(0);
            recordBytes = 0;
            line++;
        }

        /// <summary>The length of <paramref name="bytes"/> without a character the cut left unfinished.</summary>
        private static int CompleteCharacters(ReadOnlySpan<byte> bytes)
        {
            var end = bytes.Length;
            var back = 0;
            while (end - back > 0 && back < 3 && (bytes[end - back - 1] & 0xC0) == 0x80)
            {
                back++;
            }

            if (end - back == 0 || bytes[end - back - 1] < 0xC0)
            {
                return end; // ends on a whole character (plain ASCII, or continuation bytes of one)
            }

            var lead = bytes[end - back - 1];
            var needs = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
            return back >= needs ? end : end - back - 1;
        }
    }
}
