using System.Buffers;
using System.Globalization;
using System.Text;

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

        /// <summary>At the first byte of a value (after a delimiter, or a record's start).</summary>
        FieldStart,

        /// <summary>In an unquoted value.</summary>
        Unquoted,

        /// <summary>Inside a quoted value.</summary>
        Quoted,

        /// <summary>A quote inside a quoted value: an escaped quote, or the value's end.</summary>
        QuoteInQuoted,

        /// <summary>A carriage return outside quotes: only a line feed may follow.</summary>
        CarriageReturn,
    }

    /// <summary>What one pass over a chat file found, besides the copy.</summary>
    /// <param name="Records">The records after the header.</param>
    /// <param name="HeaderFields">The header's values.</param>
    /// <param name="CleanColumns">
    /// Bit i: some value of the file's column i might be changed by etl.clean_value (its first or last character is one
    /// the macro's test looks for, or the value is quoted); a column whose bit is clear (of the first 64) holds no such
    /// value, so the cleaning would leave every value of it as it is.
    /// </param>
    /// <param name="MayHoldTotals">Some record's first value might be a totals label (etl.summary_label).</param>
    public readonly record struct Numbered(long Records, int HeaderFields, ulong CleanColumns, bool MayHoldTotals);

    /// <summary>
    /// Writes the numbered copy of <paramref name="source"/> (UTF-8 text) into <paramref name="target"/>; what it found,
    /// or null when the file is not one this split reads as DuckDB does (the caller deletes the partial copy).
    /// </summary>
    public static Numbered? Write(string source, Stream target, char delimiter, int skipLines, CancellationToken cancellation = default)
    {
        var input = ArrayPool<byte>.Shared.Rent(FilePreparer.BufferSize);
        var output = ArrayPool<byte>.Shared.Rent(2 * FilePreparer.BufferSize);
        try
        {
            using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var writer = new Output(target, output);
            var delim = (byte)delimiter;
            var special = SearchValues.Create([(byte)'"', (byte)'\n', (byte)'\r', delim]);
            var titleLines = skipLines;
            var first = true;
            var state = State.FieldStart;
            // The previous block's last bytes (a value's last character may begin there), and the first bytes of a
            // value whose first character the previous block's end cut (judged when the rest of it is read).
            var tail = new byte[3];
            var tailLength = 0;
            var pending = new byte[8];
            var pendingLength = 0;
            var pendingField = 0;
            var pendingTotals = false;
            long line = 1 + skipLines;
            long records = -1;
            var headerStarted = false;
            var inHeader = true;
            var headerFields = 0;
            var field = 0;
            ulong clean = 0;
            var mayHoldTotals = false;
            int read;
            while ((read = stream.Read(input, 0, FilePreparer.BufferSize)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
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
                    }
                }

                if (!block.IsEmpty && !headerStarted)
                {
                    headerStarted = true;
                    writer.Write(System.Text.Encoding.ASCII.GetBytes(Column + delimiter));
                    records = 0;
                }

                if (pendingLength > 0 && !block.IsEmpty)
                {
                    var take = Math.Min(4, block.Length);
                    block[..take].CopyTo(pending.AsSpan(pendingLength));
                    var whole = pending.AsSpan(0, pendingLength + take);
                    if (MayCleanStart(whole))
                    {
                        Mark(ref clean, pendingField, inHeader: false);
                    }

                    mayHoldTotals |= pendingTotals && MayBeTotals(whole);
                    pendingLength = 0;
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

                            if (inHeader)
                            {
                                inHeader = false;
                                headerFields = field + 1;
                            }

                            writer.Write(block[copied..at]);
                            copied = at;
                            line++;
                            records++;
                            writer.Number(line, delim);
                            field = 0;
                            state = State.FieldStart;
                            break;
                        }

                        case State.FieldStart:
                        {
                            var b = block[at];
                            if (!inHeader && field == 0 && (b == delim || b == '"'))
                            {
                                mayHoldTotals = true;
                            }

                            if (b == '"')
                            {
                                // Quoted: the value is cleaned (rare in a chat export but for text with commas or breaks).
                                Mark(ref clean, field, inHeader);
                                at++;
                                state = State.Quoted;
                            }
                            else if (b == delim)
                            {
                                at++;
                                field++;
                            }
                            else if (b == '\n')
                            {
                                at++;
                                state = State.RecordStart;
                            }
                            else if (b == '\r')
                            {
                                Mark(ref clean, field, inHeader);
                                at++;
                                state = State.CarriageReturn;
                            }
                            else
                            {
                                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                                if (block.Length - at < length && !inHeader)
                                {
                                    // The first character runs past the block: judged with the next block's first bytes.
                                    block[at..].CopyTo(pending);
                                    pendingLength = block.Length - at;
                                    pendingField = field;
                                    pendingTotals = field == 0;
                                }
                                else
                                {
                                    if (MayCleanStart(block[at..]))
                                    {
                                        Mark(ref clean, field, inHeader);
                                    }

                                    if (!inHeader && field == 0 && MayBeTotals(block[at..]))
                                    {
                                        mayHoldTotals = true;
                                    }
                                }

                                at++;
                                state = State.Unquoted;
                            }

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
                            if (b == '"')
                            {
                                return null;
                            }

                            // The value's last character ends just before: in this block, or begun in the previous one.
                            if (at >= 3 ? MayCleanEnd(block[..at]) : MayCleanEnd([.. tail.AsSpan(0, tailLength), .. block[..at]]))
                            {
                                Mark(ref clean, field, inHeader);
                            }

                            at++;
                            if (b == delim)
                            {
                                field++;
                                state = State.FieldStart;
                            }
                            else if (b == '\r')
                            {
                                // Whether DuckDB keeps the carriage return in the value or not, the cleaning decides.
                                Mark(ref clean, field, inHeader);
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
                                field++;
                                state = State.FieldStart;
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
                if (block.Length >= 3)
                {
                    block[^3..].CopyTo(tail);
                    tailLength = 3;
                }
                else
                {
                    // A short block: what it holds joins the end of the tail.
                    var kept = tail.AsSpan(0, tailLength).ToArray().Concat(block.ToArray()).TakeLast(3).ToArray();
                    kept.CopyTo(tail, 0);
                    tailLength = kept.Length;
                }
            }

            // A quote never closed, or a carriage return at the very end: the staged way says what it is.
            if (state is State.Quoted or State.CarriageReturn || records < 0)
            {
                return null;
            }

            if (inHeader)
            {
                headerFields = field + 1;
            }

            writer.Flush();
            return new Numbered(records, headerFields, clean, mayHoldTotals);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private static void Mark(ref ulong clean, int field, bool inHeader)
    {
        if (!inHeader && field < 64)
        {
            clean |= 1UL << field;
        }
    }

    /// <summary>
    /// Whether a value starting at <paramref name="value"/>'s first byte might be changed by etl.clean_value, by the
    /// first half of its test (<c>^[\s\p{Zs}=''\-－—¥￥０-９]</c>); true also when the character runs past the block.
    /// </summary>
    internal static bool MayCleanStart(ReadOnlySpan<byte> value)
    {
        var b = value[0];
        if (b < 0x80)
        {
            return b <= 0x20 || b is (byte)'=' or (byte)'\'' or (byte)'-' or 0x7F;
        }

        if (Rune.DecodeFromUtf8(value, out var rune, out _) != OperationStatus.Done)
        {
            return true;
        }

        return IsSpace(rune.Value) || rune.Value is 0xFF0D or 0x2014 or 0x00A5 or 0xFFE5 or (>= 0xFF10 and <= 0xFF19);
    }

    /// <summary>
    /// Whether a value ending with <paramref name="value"/>'s last byte might be changed by etl.clean_value, by the
    /// second half of its test (<c>[\s\p{Zs}元"０-９]$</c>); true also when its last character starts before the span.
    /// </summary>
    internal static bool MayCleanEnd(ReadOnlySpan<byte> value)
    {
        var b = value[^1];
        if (b < 0x80)
        {
            return b <= 0x20 || b is (byte)'"' or 0x7F;
        }

        var lead = value.Length - 1;
        while (lead > 0 && value.Length - lead < 4 && (value[lead] & 0xC0) == 0x80)
        {
            lead--;
        }

        if (Rune.DecodeFromUtf8(value[lead..], out var rune, out var used) != OperationStatus.Done || lead + used != value.Length)
        {
            return true;
        }

        return IsSpace(rune.Value) || rune.Value is 0x5143 or (>= 0xFF10 and <= 0xFF19);
    }

    /// <summary>Unicode's spaces (Zs) and the other white space a regular expression's \s or trim might take.</summary>
    private static bool IsSpace(int c) =>
        c is 0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000 or 0xFEFF;

    /// <summary>Whether a first value might be a totals label (etl.summary_label: 汇总, 合计, 总计, 小计, 均值, 平均…): its first character is one of theirs.</summary>
    private static bool MayBeTotals(ReadOnlySpan<byte> value)
    {
        if (value[0] < 0x80)
        {
            return false;
        }

        if (Rune.DecodeFromUtf8(value, out var rune, out _) != OperationStatus.Done)
        {
            return true;
        }

        return rune.Value is '汇' or '合' or '总' or '小' or '均' or '平';
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
