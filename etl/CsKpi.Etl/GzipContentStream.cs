using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace CsKpi.Etl;

/// <summary>
/// The decompressed content of a gzip file, every member of it, each member checked against its trailer (CRC-32 and
/// length). <see cref="GZipStream"/> is not used because it treats the end of a cut file as the end of the data: a
/// truncated export would load its first half as if it were the whole. Damage is reported as
/// <see cref="InvalidDataException"/> whose message says what is wrong; more output than the caller allows stops the
/// reading with <see cref="GzipTooLargeException"/>, so a gzip bomb is never unpacked whole.
/// </summary>
internal sealed class GzipContentStream : Stream
{
    private readonly FileStream _file;
    private readonly InputWindow _input;
    private readonly long _allowed;
    private long _total;
    private DeflateStream? _member;
    // gzip's CRC-32 (ISO-HDLC, the reflected polynomial 0xEDB88320) is System.IO.Hashing's Crc32.
    private readonly Crc32 _crc = new();
    private uint _length;
    private int _members;
    private bool _ended;

    private GzipContentStream(FileStream file, long allowed)
    {
        _file = file;
        _input = new InputWindow(file);
        _allowed = allowed;
    }

    /// <param name="allowed">The most decompressed bytes to hand out, over every member.</param>
    public static GzipContentStream Open(string path, long allowed = long.MaxValue) =>
        // The FileStream buffers: headers are parsed a byte at a time and the inflater asks for 8 KB at a time.
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FilePreparer.BufferSize, FileOptions.SequentialScan), allowed);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_ended)
        {
            if (_member is null && !BeginMember())
            {
                _ended = true;
                break;
            }

            int read;
            try
            {
                read = _member!.Read(buffer);
            }
            catch (InvalidDataException)
            {
                // zlib's own message ("unsupported compression method") misleads about a plain bit error.
                throw new InvalidDataException($"the compressed data is damaged near byte {_input.End} of {_file.Length}");
            }

            if (read > 0)
            {
                _total += read;
                if (_total > _allowed)
                {
                    throw new GzipTooLargeException(_allowed);
                }

                _crc.Append(buffer[..read]);
                _length += (uint)read;
                return read;
            }

            EndMember();
        }

        return 0;
    }

    /// <summary>Reads one member's header and starts inflating its data; false at a clean end of the file.</summary>
    private bool BeginMember()
    {
        var start = _file.Position;
        var first = _file.ReadByte();
        if (first < 0 && _members > 0)
        {
            return false;
        }

        if (first == 0 && _members > 0 && RestIsZero())
        {
            // Some tools pad a gzip file to a block size with zeros; gzip itself ignores them.
            return false;
        }

        if (first != 0x1F || _file.ReadByte() != 0x8B)
        {
            throw new InvalidDataException(_members == 0
                ? "it does not start with the gzip marker"
                : $"{_file.Length - start} bytes of unknown data follow the end of the compressed data");
        }

        if (HeaderByte() is var method and not 8)
        {
            throw new InvalidDataException($"it uses compression method {method}, not deflate");
        }

        var flags = HeaderByte();
        if ((flags & 0xE0) != 0)
        {
            throw new InvalidDataException("its header has reserved flags set");
        }

        SkipHeader(6); // modification time, extra flags, operating system
        if ((flags & 0x04) != 0)
        {
            SkipHeader(HeaderByte() | (HeaderByte() << 8));
        }

        if ((flags & 0x08) != 0)
        {
            SkipZeroTerminated(); // original file name
        }

        if ((flags & 0x10) != 0)
        {
            SkipZeroTerminated(); // comment
        }

        if ((flags & 0x02) != 0)
        {
            SkipHeader(2); // header CRC-16
        }

        _input.Restart();
        _member = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _length = 0;
        return true;
    }

    /// <summary>
    /// Finds the member's 8-byte trailer right after its deflate data and continues after it. The inflater asks for a
    /// new block of input only once it has used up the one before, so the deflate data ends within the last two blocks
    /// it was handed; the trailer is the first place there holding this member's CRC-32 and length (a chance match in
    /// compressed bytes is a 1 in 2^64 event per position).
    /// </summary>
    private void EndMember()
    {
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], _length);

        var from = _input.SearchFrom;
        var window = new byte[(int)(Math.Min(_file.Length, _input.End + trailer.Length) - from)];
        _file.Position = from;
        _file.ReadExactly(window);
        var at = window.AsSpan().IndexOf(trailer);
        if (at < 0)
        {
            // The length alone still locates an intact trailer whose checksum disagrees with the data.
            var length = window.AsSpan(Math.Min(4, window.Length)).IndexOf(trailer[4..]);
            throw new InvalidDataException(length >= 0 ? "the data does not match its gzip checksum"
                : _input.End >= _file.Length ? "the file ends before its compressed data does"
                : "the compressed data does not match the length in its gzip trailer");
        }

        _file.Position = from + at + trailer.Length;
        _member!.Dispose();
        _member = null;
        _members++;
    }

    private bool RestIsZero()
    {
        Span<byte> block = stackalloc byte[8192];
        int read;
        while ((read = _file.Read(block)) > 0)
        {
            if (block[..read].ContainsAnyExcept((byte)0))
            {
                return false;
            }
        }

        return true;
    }

    private int HeaderByte()
    {
        var value = _file.ReadByte();
        return value >= 0 ? value : throw new InvalidDataException("the file ends inside a gzip header");
    }

    private void SkipHeader(int count)
    {
        for (var i = 0; i < count; i++)
        {
            HeaderByte();
        }
    }

    private void SkipZeroTerminated()
    {
        while (HeaderByte() != 0)
        {
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The compressed bytes handed to the inflater, remembering where its last two blocks lie in the file.</summary>
    private sealed class InputWindow(FileStream file) : Stream
    {
        private long _lastStart;

        /// <summary>Where the second-to-last block handed out starts: the earliest the deflate data can have ended.</summary>
        public long SearchFrom { get; private set; }

        /// <summary>The file offset just past the last byte handed out.</summary>
        public long End { get; private set; }

        public void Restart() => SearchFrom = _lastStart = End = file.Position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var start = file.Position;
            var read = file.Read(buffer);
            if (read > 0)
            {
                (SearchFrom, _lastStart, End) = (_lastStart, start, start + read);
            }

            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
