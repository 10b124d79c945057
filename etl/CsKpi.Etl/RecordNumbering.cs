using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

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
    /// <param name="OtherTimes">
    /// Bit i: some value of column i is neither empty nor a plain time (<see cref="IsPlainTime"/>); a column whose bit is
    /// clear (of the first 64) holds only those, which DuckDB's own timestamp cast reads as the contract's format does.
    /// </param>
    public readonly record struct Numbered(long Records, int HeaderFields, ulong CleanColumns, bool MayHoldTotals, ulong OtherTimes);

    /// <summary>
    /// Writes the numbered copy of <paramref name="source"/> (UTF-8 text) into <paramref name="target"/>; what it found,
    /// or null when the file is not one this split reads as DuckDB does, or (<paramref name="checkUtf8"/>) is not all
    /// valid UTF-8 (the caller deletes the partial copy).
    /// </summary>
    /// <param name="splitNear">
    /// Where the file is cut in two halves, each numbered on its own thread (the second from the first record that
    /// starts at or after it); 0 for one pass; by default the middle of a file of <see cref="SplitFrom"/> bytes or more.
    /// </param>
    /// <param name="misplace">Tests only: the second half starts this many bytes after the record start found, so the halves disagree.</param>
    /// <param name="plainRuns">Tests only: false numbers every record field by field, without <see cref="PlainRecords"/>.</param>
    /// <param name="checkUtf8">
    /// Whether every byte read is checked to be UTF-8 (as FilePreparer's check would find it), so that a copy made means
    /// the whole file is: the check then need not read the file again.
    /// </param>
    public static Numbered? Write(string source, SafeFileHandle target, char delimiter, int skipLines, CancellationToken cancellation = default,
        long? splitNear = null, int misplace = 0, bool plainRuns = true, bool checkUtf8 = false)
    {
        plainRuns &= Vector256.IsHardwareAccelerated;
        var near = splitNear ?? (new FileInfo(source).Length is var length && length >= SplitFrom ? length / 2 : 0);
        if (near <= 0)
        {
            return Finish(Pass(source, target, new Start(0, 0, 1 + skipLines), (byte)delimiter, skipLines, null, cancellation, plainRuns, checkUtf8));
        }

        // The first half's first block holds the BOM whole, if there is one.
        near = Math.Max(near, 3);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = cancel.Token;
        var found = new TaskCompletionSource<Split?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The second half on a thread of its own: it finds where it starts (a vectorised count over the first half),
        // tells the first half where to stop, and numbers from there to the end.
        var second = Task.Factory.StartNew(
            () =>
            {
                Split? split;
                try
                {
                    split = FindSplit(source, near, skipLines, token);
                }
                catch (Exception failure)
                {
                    found.SetException(failure);
                    throw;
                }

                split = split is { } guess && misplace != 0 ? guess with { At = guess.At + misplace } : split;
                found.SetResult(split);
                return split is { } at ? Pass(source, target, new Start(at.At, at.Offset, at.Lines), (byte)delimiter, 0, null, token, plainRuns, checkUtf8) : null;
            },
            token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Range? firstHalf;
        try
        {
            firstHalf = Pass(source, target, new Start(0, 0, 1 + skipLines), (byte)delimiter, skipLines, new Stop(near, found.Task), token, plainRuns, checkUtf8);
        }
        catch
        {
            cancel.Cancel();
            Wait(second);
            throw;
        }

        var split = found.Task.IsCompletedSuccessfully ? found.Task.Result : null;
        if (split is null || firstHalf is null)
        {
            // No split (the first half read the whole file, as one pass does), or a first half that gave up, as one pass would.
            cancel.Cancel();
            Wait(second);
            return Finish(firstHalf);
        }

        var secondHalf = second.GetAwaiter().GetResult();
        if (firstHalf.Value is not { End: State.RecordStart, InHeader: false } first || first.Records != split.Value.Records
            || first.Written != split.Value.Offset)
        {
            // The halves disagree on where the second starts: number the file again in one pass.
            RandomAccess.SetLength(target, 0);
            return Finish(Pass(source, target, new Start(0, 0, 1 + skipLines), (byte)delimiter, skipLines, null, cancellation, plainRuns, checkUtf8));
        }

        if (Finish(secondHalf) is not { } rest)
        {
            return null;
        }

        return new Numbered(first.Records + rest.Records, first.HeaderFields, first.CleanColumns | rest.CleanColumns,
            first.MayHoldTotals || rest.MayHoldTotals, first.OtherTimes | rest.OtherTimes);

        static void Wait(Task task)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Cancelled, or failed: the first half's outcome is the one that counts.
            }
        }
    }

    /// <summary>Files at least this long are numbered in two halves, one per thread; a shorter one in one pass.</summary>
    internal const long SplitFrom = 16L << 20;

    /// <summary>Where a pass starts: at the file's start, or at a record's start (its output offset, the line before it).</summary>
    private readonly record struct Start(long At, long Offset, long Line);

    /// <summary>A first half's end: at <see cref="Near"/> it waits for the second half's start (null: read on to the end).</summary>
    private sealed record Stop(long Near, Task<Split?> Found);

    /// <summary>
    /// The second half's start: the byte after a record's line feed at or after the middle, the lines (title lines,
    /// header and records) before it, the records among them and the first half's numbered length.
    /// </summary>
    private readonly record struct Split(long At, long Lines, long Records, long Offset);

    /// <summary>What one pass found: its end state, and (at a file's end, <see cref="Finish"/>) what the copy holds.</summary>
    private readonly record struct Range(long Records, int HeaderFields, ulong CleanColumns, bool MayHoldTotals, ulong OtherTimes, State End, bool InHeader, long Written);

    /// <summary>A pass that read to the file's end: null where the end is not a record's (an open quote, a lone carriage return) or there was no header.</summary>
    private static Numbered? Finish(Range? range) =>
        range is not { } r || r.End is State.Quoted or State.CarriageReturn || r.Records < 0
            ? null
            : new Numbered(r.Records, r.HeaderFields, r.CleanColumns, r.MayHoldTotals, r.OtherTimes);

    /// <summary>
    /// Where the second half starts: the first line feed outside quotes at or after <paramref name="near"/> − 1. The
    /// lines before it are the line feeds outside quotes (counted a block at a time; a quote toggles, as every quote of a
    /// file this split accepts does), so the records and the first half's numbered length follow. Null when there is
    /// no such line feed or no record before it. Only a guess: the first half checks it (records and length).
    /// </summary>
    private static Split? FindSplit(string source, long near, int skipLines, CancellationToken cancellation)
    {
        var input = ArrayPool<byte>.Shared.Rent(FilePreparer.BufferSize);
        try
        {
            using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            long position = 0;
            long lines = 0;
            var quoted = false;
            var bom = 0;
            int read;
            while ((read = stream.Read(input, 0, FilePreparer.BufferSize)) > 0)
            {
                cancellation.ThrowIfCancellationRequested();
                var block = input.AsSpan(0, read);
                if (position == 0 && block.StartsWith("\uFEFF"u8))
                {
                    bom = 3;
                }

                var at = 0;
                while (at < block.Length)
                {
                    if (quoted)
                    {
                        var close = block[at..].IndexOf((byte)'"');
                        if (close < 0)
                        {
                            break;
                        }

                        at += close + 1;
                        quoted = false;
                        continue;
                    }

                    var open = block[at..].IndexOf((byte)'"');
                    var end = open < 0 ? block.Length : at + open;
                    // Line feeds before near − 1 are counted; the first at or after it ends the first half.
                    var counted = (int)Math.Clamp(near - 1 - position, at, end);
                    lines += block[at..counted].Count((byte)'\n');
                    var feed = block[counted..end].IndexOf((byte)'\n');
                    if (feed >= 0)
                    {
                        lines++;
                        var records = lines - skipLines - 1;
                        var split = position + counted + feed + 1;
                        return records < 1 ? null : new Split(split, lines, records, split - bom + Column.Length + 1 + Numbers(skipLines + 2, lines));
                    }

                    at = end;
                    if (open >= 0)
                    {
                        at++;
                        quoted = true;
                    }
                }

                position += read;
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>The bytes the numbers <paramref name="from"/>..<paramref name="to"/> take written, each with its delimiter.</summary>
    private static long Numbers(long from, long to)
    {
        long bytes = 0;
        for (long digits = 1, low = 1, high = 9; low <= to; digits++, low *= 10, high = high * 10 + 9)
        {
            var first = Math.Max(from, low);
            var last = Math.Min(to, high);
            if (first <= last)
            {
                bytes += (last - first + 1) * (digits + 1);
            }
        }

        return bytes;
    }

    /// <summary>
    /// Numbers the records from <paramref name="start"/> (the file's start, or a record's start) to the file's end, or
    /// to the second half's start when <paramref name="stop"/> is given; null when the split is not one DuckDB's would be.
    /// </summary>
    private static Range? Pass(string source, SafeFileHandle target, Start start, byte delim, int skipLines, Stop? stop, CancellationToken cancellation, bool plainRuns, bool checkUtf8)
    {
        var input = ArrayPool<byte>.Shared.Rent(FilePreparer.BufferSize);
        var output = ArrayPool<byte>.Shared.Rent(2 * FilePreparer.BufferSize);
        try
        {
            using var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            stream.Position = start.At;
            var writer = new Output(target, output, start.Offset);
            var delimiter = (char)delim;
            var special = SearchValues.Create([(byte)'"', (byte)'\n', (byte)'\r', delim]);
            // A pass starts at the file's start or after a line feed, at a character's start either way.
            var utf8 = checkUtf8 ? new Utf8Blocks() : null;
            var titleLines = skipLines;
            var fromStart = start.At == 0;
            var first = fromStart;
            var state = fromStart ? State.FieldStart : State.RecordStart;
            long position = start.At;
            var limit = stop?.Near ?? long.MaxValue;
            // The previous block's last bytes (a value's last character may begin there), and the first bytes of a
            // value whose first character the previous block's end cut (judged when the rest of it is read).
            var tail = new byte[3];
            var tailLength = 0;
            var pending = new byte[8];
            var pendingLength = 0;
            var pendingField = 0;
            var pendingTotals = false;
            // The unquoted value being read: where it starts in this block, or its bytes from the blocks before (as many
            // as a plain time has at most; -1 when it is longer), for IsPlainTime.
            var valueStart = 0;
            var valueInBlock = false;
            var carry = new byte[PlainTimeLength];
            var carryLength = 0;
            ulong otherTimes = 0;
            var line = start.Line;
            long records = fromStart ? -1 : 0;
            var headerStarted = !fromStart;
            var inHeader = fromStart;
            var headerFields = 0;
            var field = 0;
            ulong clean = 0;
            var mayHoldTotals = false;
            while (true)
            {
                if (position == limit && stop is not null)
                {
                    // The middle: on to the second half's start, or to the end when there is none.
                    limit = stop.Found.GetAwaiter().GetResult()?.At ?? long.MaxValue;
                    if (position == limit)
                    {
                        break;
                    }
                }

                var read = stream.Read(input, 0, (int)Math.Min(FilePreparer.BufferSize, limit - position));
                if (read == 0)
                {
                    break;
                }

                position += read;
                cancellation.ThrowIfCancellationRequested();
                var block = input.AsSpan(0, read);
                if (utf8 is not null && !utf8.Accept(block))
                {
                    return null;
                }

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
                            if (plainRuns && !inHeader && at >= 3)
                            {
                                // The records without quotes, a run at a time (almost all of a chat export).
                                var run = PlainRecords(block, at, copied, delim, line, otherTimes, writer);
                                if (run.Records > 0)
                                {
                                    at = run.End;
                                    copied = run.Copied;
                                    line += run.Records;
                                    records += run.Records;
                                    field = 0;
                                }

                                clean |= run.CleanColumns;
                                otherTimes |= run.OtherTimes;
                                mayHoldTotals |= run.MayHoldTotals;
                            }

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
                                Mark(ref otherTimes, field, inHeader);
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
                                Mark(ref otherTimes, field, inHeader);
                                at++;
                                state = State.CarriageReturn;
                            }
                            else
                            {
                                valueStart = at;
                                valueInBlock = true;
                                carryLength = 0;
                                var length = FilePreparer.Utf8Length(b);
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

                            if (!inHeader && field < 64 && (otherTimes & (1UL << field)) == 0
                                && !(valueInBlock ? IsPlainTime(block[valueStart..at]) : carryLength >= 0 && IsPlainTime([.. carry.AsSpan(0, carryLength), .. block[..at]])))
                            {
                                otherTimes |= 1UL << field;
                            }

                            carryLength = 0;

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
                                Mark(ref otherTimes, field, inHeader);
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

                if (state == State.Unquoted)
                {
                    // The value runs on into the next block: what a plain time could be of it is kept.
                    var part = valueInBlock ? block[valueStart..] : block;
                    if (carryLength >= 0 && carryLength + part.Length <= PlainTimeLength)
                    {
                        part.CopyTo(carry.AsSpan(carryLength));
                        carryLength += part.Length;
                    }
                    else
                    {
                        carryLength = -1;
                    }

                    valueInBlock = false;
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

            if (utf8 is { Whole: false })
            {
                // The file ends inside a character.
                return null;
            }

            // At the file's end a quote never closed or a carriage return says the staged way decides (Finish).
            if (inHeader)
            {
                headerFields = field + 1;
            }

            writer.Flush();
            return new Range(records, headerFields, clean, mayHoldTotals, otherTimes, state, inHeader, writer.Written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>What <see cref="PlainRecords"/> found: the records it numbered, where the next record starts, and the columns' marks.</summary>
    private readonly record struct PlainRun(long Records, int End, int Copied, ulong CleanColumns, ulong OtherTimes, bool MayHoldTotals);

    /// <summary>
    /// Numbers the records from <paramref name="at"/> (a record's start after the header) on that lie whole in
    /// <paramref name="block"/> and hold no quote and no carriage return but the one before their line feed, as the
    /// field-by-field pass would: the same number in front of each, the same marks. It finds a record's end and its
    /// delimiters 64 bytes at a time (vector compares) instead of stepping from value to value. It stops at the first
    /// record that is not such a record (a quote, a carriage return alone, an empty line), or that runs past the block or
    /// ends within its last bytes (where a value's first or last character needs the bytes around the block), and leaves
    /// that record to the pass.
    /// </summary>
    /// <remarks>
    /// A record it stops at may have had its first values marked already: marks only ever add a column, and the pass
    /// marks the same values again, so the outcome is the same.
    /// </remarks>
    private static PlainRun PlainRecords(ReadOnlySpan<byte> block, int at, int copied, byte delim, long line, ulong otherTimes, Output writer)
    {
        long records = 0;
        ulong clean = 0;
        var mayHoldTotals = false;
        var lineFeed = Vector256.Create((byte)'\n');
        var quote = Vector256.Create((byte)'"');
        var carriageReturn = Vector256.Create((byte)'\r');
        var delimiter = Vector256.Create(delim);
        ref var start = ref MemoryMarshal.GetReference(block);
        while (true)
        {
            var field = 0;
            var valueStart = at;
            var end = -1;
            var lineEnd = 0;
            for (var chunk = at; chunk + 64 <= block.Length; chunk += 64)
            {
                var low = Vector256.LoadUnsafe(ref start, (nuint)chunk);
                var high = Vector256.LoadUnsafe(ref start, (nuint)chunk + 32);
                var special = Mask(Vector256.Equals(low, lineFeed) | Vector256.Equals(low, quote) | Vector256.Equals(low, carriageReturn),
                    Vector256.Equals(high, lineFeed) | Vector256.Equals(high, quote) | Vector256.Equals(high, carriageReturn));
                var delimiters = Mask(Vector256.Equals(low, delimiter), Vector256.Equals(high, delimiter));
                if (special != 0)
                {
                    var first = BitOperations.TrailingZeroCount(special);
                    end = chunk + first;
                    // A line feed ends the record, or a carriage return with its line feed (a Windows export).
                    lineEnd = block[end] == '\n' ? 1 : block[end] == '\r' && end + 1 < block.Length && block[end + 1] == '\n' ? 2 : 0;
                    if (lineEnd == 0)
                    {
                        return new PlainRun(records, at, copied, clean, otherTimes, mayHoldTotals);
                    }

                    delimiters &= (1UL << first) - 1;
                }

                for (; delimiters != 0; delimiters &= delimiters - 1)
                {
                    var next = chunk + BitOperations.TrailingZeroCount(delimiters);
                    Value(block, valueStart, next, field, ref clean, ref otherTimes, ref mayHoldTotals);
                    field++;
                    valueStart = next + 1;
                }

                if (end >= 0)
                {
                    break;
                }
            }

            if (end < 0 || end == at || block.Length - end < 4)
            {
                return new PlainRun(records, at, copied, clean, otherTimes, mayHoldTotals);
            }

            Value(block, valueStart, end, field, ref clean, ref otherTimes, ref mayHoldTotals);
            if (lineEnd == 2 && field < 64)
            {
                // Whether DuckDB keeps the carriage return in the last value or not, the cleaning decides (as in the pass).
                clean |= 1UL << field;
                otherTimes |= 1UL << field;
            }

            writer.Write(block[copied..at]);
            copied = at;
            records++;
            writer.Number(line + records, delim);
            at = end + lineEnd;
        }

        static ulong Mask(Vector256<byte> low, Vector256<byte> high) => low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);
    }

    /// <summary>
    /// Marks one unquoted value of a record (<paramref name="block"/>[<paramref name="start"/>..<paramref name="end"/>],
    /// the record and the bytes after its end in the block) as the field-by-field pass does.
    /// </summary>
    private static void Value(ReadOnlySpan<byte> block, int start, int end, int field, ref ulong clean, ref ulong otherTimes, ref bool mayHoldTotals)
    {
        var bit = field < 64 ? 1UL << field : 0;
        if (start == end)
        {
            mayHoldTotals |= field == 0;
            return;
        }

        if ((clean & bit) == 0 && (MayCleanStart(block[start..]) || MayCleanEnd(block[..end])))
        {
            clean |= bit;
        }

        if (field == 0 && !mayHoldTotals && MayBeTotals(block[start..]))
        {
            mayHoldTotals = true;
        }

        if (bit != 0 && (otherTimes & bit) == 0 && !IsPlainTime(block[start..end]))
        {
            otherTimes |= bit;
        }
    }

    /// <summary>The length of a plain time, 2026-03-08 09:00:00.</summary>
    private const int PlainTimeLength = 19;

    /// <summary>
    /// Whether a value is a time in the contract's plain form (yyyy-MM-dd HH:mm:ss, hour 00–23, minute and second
    /// 00–59), or empty: the values that DuckDB's timestamp cast (its reader without a timestampformat) and
    /// strptime('%Y-%m-%d %H:%M:%S') (the reader with the contract's format) both read as the same time, or both refuse
    /// (a day the month has not). Outside these they differ (24:00:00 is the next day's midnight to the cast, a reject
    /// to the format), so a column with any other value keeps the format.
    /// </summary>
    internal static bool IsPlainTime(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (value.Length != PlainTimeLength || value[4] != '-' || value[7] != '-' || value[10] != ' ' || value[13] != ':' || value[16] != ':')
        {
            return false;
        }

        foreach (var at in (ReadOnlySpan<int>)[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
        {
            if (value[at] is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return (value[11] - '0') * 10 + (value[12] - '0') <= 23 && value[14] <= '5' && value[17] <= '5';
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

        if (b is >= 0xE4 and <= 0xEC && value.Length >= 3 && (value[1] & 0xC0) == 0x80 && (value[2] & 0xC0) == 0x80)
        {
            // A whole character of U+4000–U+CFFF (most Chinese text): none of the test's.
            return false;
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

        if (value.Length >= 3 && value[^3] is >= 0xE4 and <= 0xEC && (value[^2] & 0xC0) == 0x80 && (b & 0xC0) == 0x80)
        {
            // A whole character of U+4000–U+CFFF (most Chinese text): of the test's, only 元.
            return value[^3..].SequenceEqual("元"u8);
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

    /// <summary>
    /// Whether consecutive blocks of bytes are UTF-8: each block without the character its end cuts, which is judged
    /// whole with the next block's first bytes.
    /// </summary>
    private sealed class Utf8Blocks
    {
        private readonly byte[] _cut = new byte[4];
        private int _cutLength;
        private int _cutNeeds;

        /// <summary>Whether the blocks so far end at a character's end.</summary>
        public bool Whole => _cutLength == 0;

        public bool Accept(ReadOnlySpan<byte> block)
        {
            if (_cutLength > 0)
            {
                var take = Math.Min(_cutNeeds - _cutLength, block.Length);
                block[..take].CopyTo(_cut.AsSpan(_cutLength));
                _cutLength += take;
                block = block[take..];
                if (_cutLength < _cutNeeds)
                {
                    return true;
                }

                if (!Utf8.IsValid(_cut.AsSpan(0, _cutLength)))
                {
                    return false;
                }

                _cutLength = 0;
            }

            var tail = FilePreparer.IncompleteUtf8Tail(block);
            if (!Utf8.IsValid(block[..^tail]))
            {
                return false;
            }

            if (tail > 0)
            {
                block[^tail..].CopyTo(_cut);
                _cutLength = tail;
                _cutNeeds = FilePreparer.Utf8Length(block[^tail]);
            }

            return true;
        }
    }

    /// <summary>Collects the copy in one block, written whenever it fills.</summary>
    internal sealed class Output(SafeFileHandle target, byte[] buffer, long offset)
    {
        private int _length;

        /// <summary>Where the next flushed byte goes: after <see cref="Flush"/>, the end of what this pass wrote.</summary>
        public long Written { get; private set; } = offset;

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

        /// <summary>The last number written, and its digits (the next one is mostly a digit's increment, not a formatting).</summary>
        private long _line = -1;

        private readonly byte[] _digits = new byte[20];
        private int _digitCount;

        public void Number(long line, byte delimiter)
        {
            if (buffer.Length - _length < 24)
            {
                Flush();
            }

            if (line == _line + 1 && _line >= 0)
            {
                Increment();
            }
            else
            {
                line.TryFormat(_digits, out _digitCount, provider: CultureInfo.InvariantCulture);
            }

            _line = line;
            _digits.AsSpan(0, _digitCount).CopyTo(buffer.AsSpan(_length));
            _length += _digitCount;
            buffer[_length++] = delimiter;
        }

        /// <summary>Adds one to <see cref="_digits"/>: a 9 turns 0 and carries; 99…9 gains a digit.</summary>
        private void Increment()
        {
            var at = _digitCount - 1;
            while (at >= 0 && _digits[at] == '9')
            {
                _digits[at--] = (byte)'0';
            }

            if (at >= 0)
            {
                _digits[at]++;
                return;
            }

            _digits[0] = (byte)'1';
            _digits[_digitCount++] = (byte)'0';
        }

        public void Flush()
        {
            RandomAccess.Write(target, buffer.AsSpan(0, _length), Written);
            Written += _length;
            _length = 0;
        }
    }
}
