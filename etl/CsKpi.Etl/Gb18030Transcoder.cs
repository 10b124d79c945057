using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace CsKpi.Etl;

/// <summary>
/// Streams GBK/GB18030 text into UTF-8. GB18030 (code page 54936) is a superset of GBK: every GBK byte sequence
/// decodes the same, plus the four-byte sequences that reach all of Unicode.
/// </summary>
/// <remarks>
/// The framework's decoder runs at about 300 MB/s and then needs a second pass from UTF-16 to UTF-8. This goes from
/// GB18030 bytes to UTF-8 bytes in one pass: ASCII runs are copied as they are (vectorised search), and two-byte and
/// BMP four-byte characters come from tables of their UTF-8 bytes. The tables are filled from the framework's own
/// decoder on first use, and everything outside them (undefined bytes, 0x80, the supplementary planes) is decoded by
/// the framework one character at a time, so the result is the framework's by construction.
/// </remarks>
internal static class Gb18030Transcoder
{
    private static readonly Encoding Gb18030 = CreateEncoding();

    public static void Transcode(Stream source, Stream target)
    {
        var tables = Tables.Instance;
        var input = ArrayPool<byte>.Shared.Rent(FilePreparer.BufferSize);
        // Three UTF-8 bytes per input byte at most (0x80 becomes €), plus room for a table entry's 4-byte store.
        var output = ArrayPool<byte>.Shared.Rent((3 * FilePreparer.BufferSize) + 16);
        try
        {
            var position = new Position(0, 0);
            var carried = 0;
            var first = true;
            while (true)
            {
                var read = source.ReadAtLeast(input.AsSpan(carried, FilePreparer.BufferSize - carried), FilePreparer.BufferSize - carried, throwOnEndOfStream: false);
                var final = carried + read < FilePreparer.BufferSize;
                var block = input.AsSpan(0, carried + read);
                // GB18030 can encode a BOM too (84 31 95 33); the UTF-8 copy carries none.
                var start = first && block.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33]) ? 4 : 0;
                first = false;

                var (consumed, written) = Decode(block, start, output, final, tables, position);
                target.Write(output.AsSpan(0, written));
                position = new Position(position.Offset + consumed, position.Lines + block[..consumed].Count((byte)'\n'));
                if (final)
                {
                    return;
                }

                // A character cut by the block's end is carried to the front of the next block.
                block[consumed..].CopyTo(input);
                carried = block.Length - consumed;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>Where a block starts in the file, for the line and byte a reason names.</summary>
    private readonly record struct Position(long Offset, long Lines);

    /// <summary>Decodes <paramref name="block"/> from <paramref name="i"/>; stops before a character the block does not finish unless <paramref name="final"/>.</summary>
    private static (int Consumed, int Written) Decode(ReadOnlySpan<byte> block, int i, Span<byte> output, bool final, Tables tables, Position position)
    {
        // The unchecked writes below rely on this: no input byte makes more than three UTF-8 bytes, and a table
        // entry is stored as four bytes of which the last may spill one byte past the character.
        Debug.Assert(output.Length >= (3 * (block.Length - i)) + 4);
        var twoByte = tables.TwoByte;
        var fourByte = tables.FourByte;
        ref var source = ref MemoryMarshal.GetReference(block);
        ref var target = ref MemoryMarshal.GetReference(output);
        ref var two = ref MemoryMarshal.GetArrayDataReference(twoByte);
        var end = block.Length;
        var o = 0;
        while (i < end)
        {
            var b1 = Unsafe.Add(ref source, i);
            if (b1 < 0x80)
            {
                // ASCII between Chinese text comes in short runs (a comma, a date): copy byte by byte, and search
                // vectorised only once a run proves long.
                var probe = Math.Min(end, i + 16);
                do
                {
                    Unsafe.Add(ref target, o++) = b1;
                    i++;
                }
                while (i < probe && (b1 = Unsafe.Add(ref source, i)) < 0x80);

                if (i == probe && i < end && b1 < 0x80)
                {
                    var run = block[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
                    run = run < 0 ? end - i : run;
                    block.Slice(i, run).CopyTo(output[o..]);
                    (i, o) = (i + run, o + run);
                }

                continue;
            }

            // The common case, a GBK two-byte character, without bounds checks; everything else takes the general path.
            if ((uint)(b1 - 0x81) <= 0xFE - 0x81 && i + 1 < end)
            {
                var second = Unsafe.Add(ref source, i + 1);
                if ((uint)(second - 0x40) <= 0xFE - 0x40 && Unsafe.Add(ref two, ((b1 - 0x81) * 191) + (second - 0x40)) is var hit and not 0)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref target, o), BitConverter.IsLittleEndian ? hit : BinaryPrimitives.ReverseEndianness(hit));
                    o += (int)(hit >> 24);
                    i += 2;
                    continue;
                }
            }

            uint entry = 0;
            int length;
            if (b1 is < 0x81 or > 0xFE)
            {
                length = 1;
            }
            else if (i + 1 == block.Length)
            {
                if (!final)
                {
                    break;
                }

                length = 1;
            }
            else
            {
                var b2 = block[i + 1];
                length = 2;
                if (b2 is >= 0x40 and <= 0xFE)
                {
                    entry = twoByte[((b1 - 0x81) * 191) + (b2 - 0x40)];
                }
                else if (b2 is >= 0x30 and <= 0x39)
                {
                    if (i + 3 >= block.Length)
                    {
                        if (!final)
                        {
                            break;
                        }

                        length = block.Length - i;
                    }
                    else
                    {
                        length = 4;
                        var (b3, b4) = (block[i + 2], block[i + 3]);
                        if (b3 is >= 0x81 and <= 0xFE && b4 is >= 0x30 and <= 0x39)
                        {
                            var linear = ((b1 - 0x81) * 12600) + ((b2 - 0x30) * 1260) + ((b3 - 0x81) * 10) + (b4 - 0x30);
                            entry = linear < fourByte.Length ? fourByte[linear] : 0;
                        }
                    }
                }
            }

            if (entry != 0)
            {
                // The entry holds the UTF-8 bytes in its low three bytes and their count in the top one.
                BinaryPrimitives.WriteUInt32LittleEndian(output[o..], entry);
                o += (int)(entry >> 24);
            }
            else
            {
                o += DecodeOne(block.Slice(i, length), output[o..], block[..i], position);
            }

            i += length;
        }

        return (i, o);
    }

    /// <summary>The framework's verdict on one sequence the tables do not hold: its UTF-8 bytes, or the reason it is not text.</summary>
    private static int DecodeOne(ReadOnlySpan<byte> sequence, Span<byte> output, ReadOnlySpan<byte> before, Position position)
    {
        Span<char> chars = stackalloc char[8];
        try
        {
            var count = Gb18030.GetChars(sequence, chars);
            return Encoding.UTF8.GetBytes(chars[..count], output);
        }
        catch (DecoderFallbackException)
        {
            var hex = string.Join(' ', sequence.ToArray().Select(b => $"0x{b:X2}"));
            throw new UnreadableFileException(new EtlReason("file.not_gb18030",
                ("line", position.Lines + before.Count((byte)'\n') + 1), ("byte", position.Offset + before.Length), ("bytes", hex)));
        }
    }

    private static Encoding CreateEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, new WindowsGbkEuroFallback());
    }

    /// <summary>The UTF-8 bytes of every two-byte sequence and every BMP four-byte sequence, as the framework decodes them.</summary>
    private sealed class Tables
    {
        /// <summary>Four-byte sequences from 81 30 81 30 up to 84 31 A4 39 hold the BMP characters GBK lacks.</summary>
        private const int FourByteBmpCount = 39420;

        private Tables()
        {
            Span<byte> sequence = stackalloc byte[4];
            TwoByte = new uint[126 * 191];
            for (var lead = 0x81; lead <= 0xFE; lead++)
            {
                for (var trail = 0x40; trail <= 0xFE; trail++)
                {
                    (sequence[0], sequence[1]) = ((byte)lead, (byte)trail);
                    TwoByte[((lead - 0x81) * 191) + (trail - 0x40)] = Entry(sequence[..2]);
                }
            }

            FourByte = new uint[FourByteBmpCount];
            for (var linear = 0; linear < FourByteBmpCount; linear++)
            {
                sequence[0] = (byte)(0x81 + (linear / 12600));
                sequence[1] = (byte)(0x30 + (linear / 1260 % 10));
                sequence[2] = (byte)(0x81 + (linear / 10 % 126));
                sequence[3] = (byte)(0x30 + (linear % 10));
                FourByte[linear] = Entry(sequence);
            }
        }

        public static Tables Instance { get; } = new();

        public uint[] TwoByte { get; }

        public uint[] FourByte { get; }

        /// <summary>0 (ask the framework) unless the sequence is exactly one BMP character of at most three UTF-8 bytes.</summary>
        private static uint Entry(ReadOnlySpan<byte> sequence)
        {
            Span<char> chars = stackalloc char[8];
            Span<byte> utf8 = stackalloc byte[4];
            int count;
            try
            {
                count = Gb18030.GetChars(sequence, chars);
            }
            catch (DecoderFallbackException)
            {
                return 0;
            }

            if (count != 1 || char.IsSurrogate(chars[0]))
            {
                return 0;
            }

            var length = Encoding.UTF8.GetBytes(chars[..1], utf8);
            return utf8[0] | ((uint)utf8[1] << 8) | ((uint)utf8[2] << 16) | ((uint)length << 24);
        }
    }

    /// <summary>
    /// Windows' GBK (code page 936, what Excel and most Chinese back-ends write as "GBK") encodes € as the single byte
    /// 0x80, which GB18030 leaves undefined. Decoding that byte as € keeps such exports readable; every other
    /// undefined sequence still fails.
    /// </summary>
    private sealed class WindowsGbkEuroFallback : DecoderFallback
    {
        public override int MaxCharCount => 1;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new EuroBuffer();

        private sealed class EuroBuffer : DecoderFallbackBuffer
        {
            private int _remaining;

            public override int Remaining => _remaining;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                if (bytesUnknown is [0x80])
                {
                    _remaining = 1;
                    return true;
                }

                throw new DecoderFallbackException("bytes undefined in GB18030", bytesUnknown, index);
            }

            public override char GetNextChar()
            {
                if (_remaining == 0)
                {
                    return '\0';
                }

                _remaining--;
                return '€';
            }

            public override bool MovePrevious()
            {
                if (_remaining > 0)
                {
                    return false;
                }

                _remaining++;
                return true;
            }

            public override void Reset() => _remaining = 0;
        }
    }
}
