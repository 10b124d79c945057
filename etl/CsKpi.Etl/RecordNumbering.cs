using System.Buffers;
using System.Globalization;

namespace CsKpi.Etl;

/// <summary>
/// A copy of a chat CSV file with each record's line written in front of it, as a first column
/// <see cref="Column"/>: DuckDB's reader (1.5.6) numbers rows only through <c>row_number() over ()</c>, a window that
/// runs the whole read on one thread, so without the numbers in the file a load has to copy the rows to learn their
/// order (raw/chat_message.sql, <c>typed_rows</c>). With them the rows go from the reader straight into
/// <c>raw.chat_message</c> (raw/chat_message_numbered.sql).
/// </summary>
/// <remarks>
/// A record's line is the header's line plus its place among the records, as DuckDB counts records (a quoted line
/// break does not start one) and as the staged way numbers them (<c>row_number() over () + 1 + skip</c>). The split is
/// RFC 4180's with <c>"</c> as quote and escape, DuckDB's dialect here. Anything where DuckDB's split and this one
/// could differ — a quote inside an unquoted value, text after a closing quote, an empty line, a carriage return
/// without a line feed, a quote in a title line, an unterminated quote — makes the copy give up (null): the file is
/// then loaded as before, which files each such record where DuckDB finds it. Every other byte is copied as it is
/// (a BOM dropped: the copy starts with the title lines or the header).
/// </remarks>
internal static class RecordNumbering
{
    /// <summary>The first column of a numbered copy: the record's line in the original file.</summary>
    public const string Column = "cskpi_line";

    private enum State
    {
        /// <summary>After a record's line feed: the next byte starts a record (the line number goes first).</summary>
        RecordStart,

        /// <summary>In a record, outside quotes.</summary>
        Unquoted,

        /// <summary>Inside a quoted value.</summary>
        Quoted,

        /// <summary>A quote inside a quoted value: an escaped quote, or the value's end.</summary>
        QuoteInQuoted,

        /// <summary>A carriage return outside quotes: only a line feed may follow.</summary>
        CarriageReturn,
    }

    /// <summary>
    /// Writes the numbered copy of <paramref name="source"/> (UTF-8 text) into <paramref name="target"/>; the number of
    /// records after the header, or null when the file is not one this split reads as DuckDB does (the caller deletes
    /// the partial copy).
    /// </summary>
    public static long? Write(string source, Stream target, char delimiter, int skipLines)
    {
        var input = ArrayPool<byte>.Shared.Rent(FilePreparer.BufferSize);
        var output = ArrayPool<byte>.Shared.Rent(2 * FilePreparer.BufferSize);
        try
        {
            using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var writer = new Output(target, output);
            var delim = (byte)delimiter;
            var special = SearchValues.Create([(byte)'"', (byte)'\n', (byte)'\r']);
            var titleLines = skipLines;
            var first = true;
            var state = State.Unquoted;
            // The byte before the current position (a quote opens a value only after a delimiter or a line feed).
            byte previous = (byte)'\n';
            long line = 1 + skipLines;
            long records = -1;
            var headerStarted = false;
            int read;
            while ((read = stream.Read(input, 0, FilePreparer.BufferSize)) > 0)
            {
                var block = input.AsSpan(0, read);
                if (first)
                {
                    first = false;
                    if (block.StartsWith("\uFEFF"u8))
                    {
                        block = block[3..];
                    }
                }

                // Title lines above the header go as they are; a quote in one could make DuckDB's skip and this count differ.
                while (titleLines > 0 && !block.IsEmpty)
                {
                    var end = block.IndexOf((byte)'\n');
                    var part = end < 0 ? block : block[..(end + 1)];
                    if (part.Contains((byte)'"'))
                    {
                        return null;
                    }

                    writer.Write(part);
                    block = block[part.Length..];
                    if (end >= 0)
                    {
                        titleLines--;
                        previous = (byte)'\n';
                    }
                }

                if (!block.IsEmpty && !headerStarted)
                {
                    headerStarted = true;
                    writer.Write(System.Text.Encoding.ASCII.GetBytes(Column + delimiter));
                    records = 0;
                }

                var copied = 0;
                var at = 0;
                while (at < block.Length)
                {
                    switch (state)
                    {
                        case State.RecordStart:
                        {
                            var b = block[at];
                            if (b is (byte)'\n' or (byte)'\r')
                            {
                                return null;
                            }

                            writer.Write(block[copied..at]);
                            copied = at;
                            line++;
                            records++;
                            writer.Number(line, delim);
                            state = State.Unquoted;
                            break;
                        }

                        case State.Unquoted:
                        {
                            var next = block[at..].IndexOfAny(special);
                            if (next < 0)
                            {
                                at = block.Length;
                                break;
                            }

                            at += next;
                            var b = block[at];
                            var before = at > 0 ? block[at - 1] : previous;
                            at++;
                            if (b == '"')
                            {
                                if (before != delim && before != '\n')
                                {
                                    return null;
                                }

                                state = State.Quoted;
                            }
                            else if (b == '\r')
                            {
                                state = State.CarriageReturn;
                            }
                            else
                            {
                                state = State.RecordStart;
                            }

                            break;
                        }

                        case State.Quoted:
                        {
                            var next = block[at..].IndexOf((byte)'"');
                            if (next < 0)
                            {
                                at = block.Length;
                                break;
                            }

                            at += next + 1;
                            state = State.QuoteInQuoted;
                            break;
                        }

                        case State.QuoteInQuoted:
                        {
                            var b = block[at];
                            at++;
                            if (b == '"')
                            {
                                state = State.Quoted;
                            }
                            else if (b == delim)
                            {
                                state = State.Unquoted;
                            }
                            else if (b == '\n')
                            {
                                state = State.RecordStart;
                            }
                            else if (b == '\r')
                            {
                                state = State.CarriageReturn;
                            }
                            else
                            {
                                return null;
                            }

                            break;
                        }

                        case State.CarriageReturn:
                        {
                            if (block[at] != '\n')
                            {
                                return null;
                            }

                            at++;
                            state = State.RecordStart;
                            break;
                        }
                    }
                }

                writer.Write(block[copied..]);
                if (!block.IsEmpty)
                {
                    previous = block[^1];
                }
            }

            // A quote never closed, or a carriage return at the very end: the staged way says what it is.
            if (state is State.Quoted or State.CarriageReturn || records < 0)
            {
                return null;
            }

            writer.Flush();
            return records;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>Collects the copy in one block, written whenever it fills.</summary>
    private sealed class Output(Stream target, byte[] buffer)
    {
        private int _length;

        public void Write(ReadOnlySpan<byte> bytes)
        {
            while (!bytes.IsEmpty)
            {
                if (_length == buffer.Length)
                {
                    Flush();
                }

                var take = Math.Min(bytes.Length, buffer.Length - _length);
                bytes[..take].CopyTo(buffer.AsSpan(_length));
                _length += take;
                bytes = bytes[take..];
            }
        }

        public void Number(long line, byte delimiter)
        {
            if (buffer.Length - _length < 24)
            {
                Flush();
            }

            line.TryFormat(buffer.AsSpan(_length), out var written, provider: CultureInfo.InvariantCulture);
            _length += written;
            buffer[_length++] = delimiter;
        }

        public void Flush()
        {
            target.Write(buffer, 0, _length);
            _length = 0;
        }
    }
}
