using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace CsKpi.Etl;

/// <summary>The names <see cref="PreparedFile.Encoding"/> reports, so callers compare against constants, not literals.</summary>
public static class SourceEncoding
{
    public const string Utf8 = "utf-8";
    public const string Utf8WithBom = "utf-8 with BOM";

    /// <summary>GB18030 is a superset of GBK, so a GBK export is reported (and decoded) as this.</summary>
    public const string Gb18030 = "gb18030";

    public const string Binary = "binary";

    /// <summary>Excel's "Unicode text": UTF-16, little-endian as Windows writes it (big-endian is read too).</summary>
    public const string Utf16 = "utf-16";

    /// <summary>An Excel workbook (its XML is UTF-8 inside); the ledger's encoding also names the sheet read.</summary>
    public const string Xlsx = "xlsx";
}

/// <summary>What DuckDB should read for one inbox file. Dispose deletes the temporary file, if one was made.</summary>
public sealed class PreparedFile : IDisposable
{
    internal PreparedFile(string readPath, FileFormat format, string encoding, bool transcoded, long sourceBytes)
    {
        ReadPath = readPath;
        Format = format;
        Encoding = encoding;
        Transcoded = transcoded;
        SourceBytes = sourceBytes;
    }

    /// <summary>
    /// A copy of <paramref name="copied"/>, every property of it, with <paramref name="encoding"/> in place of its own
    /// when given; an initializer then sets what changes (the dialect, the numbered copy). The one place that lists them.
    /// </summary>
    internal PreparedFile(PreparedFile copied, string? encoding = null)
        : this(copied.ReadPath, copied.Format, encoding ?? copied.Encoding, copied.Transcoded, copied.SourceBytes)
    {
        Delimiter = copied.Delimiter;
        SkipLines = copied.SkipLines;
        LineColumn = copied.LineColumn;
        NumberedPath = copied.NumberedPath;
        NumberedRecords = copied.NumberedRecords;
        Numbering = copied.Numbering;
    }

    /// <summary>The original file, or a temporary UTF-8 file (never gzipped, never with a BOM).</summary>
    public string ReadPath { get; }

    public FileFormat Format { get; }

    /// <summary>The source's encoding: one of the <see cref="SourceEncoding"/> names.</summary>
    public string Encoding { get; }

    /// <summary>Whether <see cref="ReadPath"/> is a temporary transcoded or decompressed copy.</summary>
    public bool Transcoded { get; }

    /// <summary>The size of the original file in bytes.</summary>
    public long SourceBytes { get; }

    /// <summary>The field delimiter of CSV text: a comma, or a tab for Excel's "Unicode text".</summary>
    public char Delimiter { get; internal init; } = ',';

    /// <summary>Lines above the header (a title such as 2026年3月客服花名册) that the CSV reader skips.</summary>
    public int SkipLines { get; internal init; }

    /// <summary>
    /// The column of a staged workbook that holds each record's sheet row (the line a reject names), or null when the
    /// line is the record's place in the text.
    /// </summary>
    public string? LineColumn { get; internal init; }

    /// <summary>
    /// A copy of a chat CSV file with each record's line in front of it (<see cref="RecordNumbering"/>, first column
    /// <see cref="RecordNumbering.Column"/>), or null where the copy does not apply; the loader reads it instead of
    /// <see cref="ReadPath"/> when it can load the file straight from DuckDB's reader, else <see cref="ReadPath"/> as before.
    /// </summary>
    public string? NumberedPath { get; internal init; }

    /// <summary>The records after the header in <see cref="NumberedPath"/>.</summary>
    public long NumberedRecords { get; internal init; }

    /// <summary>What the numbering pass found besides the records: which columns need etl.clean_value, whether a totals row may be there.</summary>
    internal RecordNumbering.Numbered? Numbering { get; init; }

    public void Dispose()
    {
        if (Transcoded)
        {
            File.Delete(ReadPath);
        }

        if (NumberedPath is not null)
        {
            File.Delete(NumberedPath);
        }
    }
}

/// <summary>A file that cannot be read at all; the reason is the one a person can act on, as a code and its values.</summary>
public sealed class UnreadableFileException(EtlReason reason) : Exception(reason.Text())
{
    public EtlReason Reason { get; } = reason;
}

/// <summary>
/// Turns an inbox file into something DuckDB reads directly: the file itself when it already is UTF-8, else a
/// temporary UTF-8 copy (decompressed, transcoded from GBK/GB18030, or without a BOM that DuckDB refuses). Every pass
/// streams the file through <see cref="BufferSize"/> blocks, so memory stays flat whatever the file's size.
/// </summary>
public static class FilePreparer
{
    /// <summary>
    /// Bytes read, checked and written per block. Big blocks keep system calls and per-call overhead negligible; the
    /// tests place multi-byte characters across this boundary.
    /// </summary>
    public const int BufferSize = 1 << 20;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The bytes at the end of a block that begin a character the block does not finish.</summary>
    internal static int IncompleteUtf8Tail(ReadOnlySpan<byte> block)
    {
        for (var back = 1; back <= Math.Min(3, block.Length); back++)
        {
            var b = block[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            return Utf8Length(b) > back ? back : 0;
        }

        return 0;
    }

    /// <summary>The bytes of the UTF-8 character <paramref name="lead"/> begins (1 for ASCII and for a byte no character begins with).</summary>
    internal static int Utf8Length(byte lead) => lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;

    /// <param name="gzip">How far a gzip file may expand (default <see cref="GzipLimits.Default"/>).</param>
    /// <param name="store">The store the file was filed under (folder or --store): a transcript's messages are that store's.</param>
    public static PreparedFile Prepare(string absolutePath, ContractFile file, string tempDirectory, GzipLimits? gzip = null, string? store = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(absolutePath);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(tempDirectory);

        var sourceBytes = new FileInfo(absolutePath).Length;
        if (file.Format == FileFormat.Parquet)
        {
            if (file.Gzipped)
            {
                throw new ArgumentException("a gzipped Parquet file is not a contract file (DataContract.Classify rejects it)", nameof(file));
            }

            CheckParquet(absolutePath, sourceBytes);
            return new PreparedFile(absolutePath, FileFormat.Parquet, SourceEncoding.Binary, false, sourceBytes);
        }

        if (sourceBytes == 0)
        {
            throw Empty(file, "empty.zero_bytes");
        }

        if (file.Format == FileFormat.Xlsx)
        {
            return PrepareWorkbook(absolutePath, file, tempDirectory, sourceBytes);
        }

        if (file.Format == FileFormat.Transcript)
        {
            return PrepareTranscript(absolutePath, file, tempDirectory, sourceBytes, gzip ?? GzipLimits.Default, store);
        }

        if (file.Kind == FileKind.Chats && file.Format == FileFormat.Csv && !file.Gzipped && Utf16Order(absolutePath) is null)
        {
            return PrepareChats(absolutePath, file, tempDirectory, sourceBytes);
        }

        var prepared = file.Gzipped
            ? PrepareGzipped(absolutePath, file, tempDirectory, sourceBytes, gzip ?? GzipLimits.Default)
            : PreparePlain(absolutePath, file, tempDirectory, sourceBytes);
        if (prepared.Format != FileFormat.Csv)
        {
            return prepared;
        }

        var dialect = WithDialect(prepared, file.Kind);
        return file.Kind == FileKind.Chats ? Numbered(dialect, tempDirectory) : dialect;
    }

    /// <summary>
    /// A chat CSV file as it came (not gzipped): its numbering, which checks the bytes' UTF-8 as it reads them (one read
    /// of the file, not a read for the check and another for the numbering: at 10 million messages, 1.3 GB, a read is
    /// ≈ 0.2 CPU s, the check ≈ 0.3), while the content hash reads the file on another thread. The numbering takes the
    /// file for the UTF-8 it almost always is; a copy made means every byte was, and the check then reads only the
    /// file's head (what it is, its BOM, some content). Otherwise (not UTF-8, or a file the numbering leaves to the
    /// staged way) the check reads the whole file as before, and a file it finds GB18030 is prepared as any other CSV,
    /// with the same verdict and message as before.
    /// </summary>
    private static PreparedFile PrepareChats(string path, ContractFile file, string tempDirectory, long sourceBytes)
    {
        var numbered = Numbered(WithDialect(new PreparedFile(path, FileFormat.Csv, SourceEncoding.Utf8, false, sourceBytes), file.Kind), tempDirectory,
            checkUtf8: true);
        PreparedFile prepared;
        try
        {
            prepared = PreparePlain(path, file, tempDirectory, sourceBytes, utf8Known: numbered.NumberedPath is not null);
        }
        catch
        {
            numbered.Dispose();
            throw;
        }

        if (prepared.Transcoded || prepared.ReadPath != path)
        {
            numbered.Dispose();
            try
            {
                return Numbered(WithDialect(prepared, file.Kind), tempDirectory);
            }
            catch
            {
                prepared.Dispose();
                throw;
            }
        }

        return new PreparedFile(numbered, prepared.Encoding);
    }

    /// <summary>
    /// The chat file with its numbered copy beside it (<see cref="PreparedFile.NumberedPath"/>), or as it was when the
    /// copy does not apply (<see cref="RecordNumbering"/> says when). One more pass over the text on this thread,
    /// while the content hash reads the file on another.
    /// </summary>
    /// <param name="checkUtf8">Whether the numbering also checks that the file is UTF-8 (no copy when it is not).</param>
    private static PreparedFile Numbered(PreparedFile prepared, string tempDirectory, bool checkUtf8 = false)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(Path.GetFullPath(tempDirectory), $"cskpi-numbered-{Guid.NewGuid():N}.csv");
        RecordNumbering.Numbered? records;
        try
        {
            using var target = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            records = RecordNumbering.Write(prepared.ReadPath, target, prepared.Delimiter, prepared.SkipLines, checkUtf8: checkUtf8);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        if (records is null)
        {
            File.Delete(path);
            return prepared;
        }

        return new PreparedFile(prepared)
        {
            NumberedPath = path,
            NumberedRecords = records.Value.Records,
            Numbering = records,
        };
    }

    /// <summary>
    /// A transcript copied from the chat window as a contract chats CSV, its first column each message's line in the
    /// transcript (see <see cref="TranscriptStager"/>). The text is decoded first like any CSV (UTF-8 with or without
    /// BOM, UTF-16, else GB18030; gzip unpacked), then parsed line by line into a second temporary file.
    /// </summary>
    private static PreparedFile PrepareTranscript(string path, ContractFile file, string tempDirectory, long sourceBytes, GzipLimits gzip, string? store)
    {
        var text = file with { Format = FileFormat.Csv };
        using var decoded = file.Gzipped
            ? PrepareGzipped(path, text, tempDirectory, sourceBytes, gzip)
            : PreparePlain(path, text, tempDirectory, sourceBytes);
        var staged = WriteTemporary(tempDirectory, file, sourceBytes, target =>
        {
            if (TranscriptStager.Write(decoded.ReadPath, target, store) == 0)
            {
                throw new UnreadableFileException(new EtlReason("file.no_transcript_message"));
            }

            return decoded.Encoding;
        });
        return new PreparedFile(staged.ReadPath, FileFormat.Csv, staged.Encoding, true, sourceBytes) { LineColumn = TranscriptStager.LineColumn };
    }

    /// <summary>One sheet as UTF-8 CSV from its header row on, its first column the sheet row (see <see cref="XlsxStager"/>).</summary>
    private static PreparedFile PrepareWorkbook(string path, ContractFile file, string tempDirectory, long sourceBytes)
    {
        XlsxStager.Staged staged = default;
        var prepared = WriteTemporary(tempDirectory, file, sourceBytes, target =>
        {
            staged = XlsxStager.Write(path, file, target, Path.GetFullPath(tempDirectory));
            return SourceEncoding.Xlsx;
        });
        return new PreparedFile(prepared.ReadPath, FileFormat.Csv, $"{SourceEncoding.Xlsx}, sheet {staged.Sheet}", true, sourceBytes)
        {
            LineColumn = XlsxStager.RowColumn,
        };
    }

    /// <summary>
    /// The delimiter and the title lines above the header, from the first lines of the UTF-8 text DuckDB will read.
    /// Comma-separated files stay comma-separated; UTF-16 text (Excel's "Unicode text") is tab-separated unless its
    /// header says otherwise.
    /// </summary>
    private static PreparedFile WithDialect(PreparedFile prepared, FileKind? kind)
    {
        // The first MB at most: a header and a title block are far shorter, and a file of one endless line stays cheap.
        var head = new char[1 << 20];
        int length;
        using (var reader = new StreamReader(prepared.ReadPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            length = reader.ReadBlock(head);
        }

        var lines = new string(head, 0, length).Split('\n').Take(HeaderRow.Scan).Select(line => line.TrimEnd('\r')).ToList();

        char[] candidates = prepared.Encoding == SourceEncoding.Utf16 ? ['\t', ','] : [','];
        foreach (var delimiter in candidates)
        {
            if (HeaderRow.Find(kind, lines.Select(line => (IReadOnlyList<string?>)Fields(line, delimiter)).ToList()) is { } header)
            {
                return new PreparedFile(prepared)
                {
                    Delimiter = delimiter,
                    SkipLines = header,
                };
            }
        }

        // No known header: read as before, so the missing columns are named in the reason.
        var first = lines.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "";
        return new PreparedFile(prepared)
        {
            Delimiter = candidates.Length > 1 && first.Contains('\t') ? '\t' : ',',
        };
    }

    /// <summary>The fields of one line of delimited text, quotes removed; enough to recognise a header.</summary>
    private static List<string?> Fields(string line, char delimiter)
    {
        var fields = new List<string?>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    /// <param name="utf8Known">Every byte of the file is known to be UTF-8: the check reads only as far as it needs for the rest.</param>
    private static PreparedFile PreparePlain(string path, ContractFile file, string tempDirectory, long sourceBytes, bool utf8Known = false)
    {
        if (file.Format == FileFormat.Csv && Utf16Order(path) is { } bigEndian)
        {
            return WriteTemporary(tempDirectory, file, sourceBytes, target =>
            {
                using var source = OpenSequential(path);
                TranscodeUtf16(source, target, bigEndian, file);
                return SourceEncoding.Utf16;
            });
        }

        TextScan scan;
        using (var source = OpenSequential(path))
        {
            scan = Scan(source, file, copy: null, inner: false, utf8Known);
        }

        if (!scan.IsUtf8)
        {
            return WriteTemporary(tempDirectory, file, sourceBytes, target =>
            {
                using var source = OpenSequential(path);
                Gb18030Transcoder.Transcode(source, target);
                return SourceEncoding.Gb18030;
            });
        }

        // DuckDB's read_csv skips a BOM itself, but read_json in newline_delimited mode fails on it
        // ("byte order mark (BOM) is not supported"), so JSON Lines get a copy without it.
        if (scan.HasBom && file.Format == FileFormat.JsonLines)
        {
            return WriteTemporary(tempDirectory, file, sourceBytes, target =>
            {
                using var source = OpenSequential(path);
                source.Position = Utf8Bom.Length;
                source.CopyTo(target, BufferSize);
                return SourceEncoding.Utf8WithBom;
            });
        }

        return new PreparedFile(path, file.Format, scan.HasBom ? SourceEncoding.Utf8WithBom : SourceEncoding.Utf8, false, sourceBytes);
    }

    private static PreparedFile PrepareGzipped(string path, ContractFile file, string tempDirectory, long sourceBytes, GzipLimits limits)
    {
        using (var source = OpenSequential(path))
        {
            Span<byte> head = stackalloc byte[1024];
            head = head[..source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
            if (head is not [0x1F, 0x8B, ..])
            {
                var kind = ContentSniffer.Identify(head);
                var label = Label(file);
                throw new UnreadableFileException(ContentSniffer.Really(kind == ContentKind.Text ? "file.not_gzip_text" : "file.not_gzip", label, kind, file.Format));
            }
        }

        var allowed = limits.AllowedFor(sourceBytes);
        try
        {
            return WriteTemporary(tempDirectory, file, sourceBytes, target =>
            {
                // Decompressing once while checking UTF-8 and copying at the same time is the common case's single
                // pass; only a GBK file pays a second decompression, into the same temporary file.
                TextScan scan;
                using (var content = GzipContentStream.Open(path, allowed))
                {
                    scan = Scan(content, file, target, inner: true);
                }

                if (scan.IsUtf8)
                {
                    return scan.HasBom ? SourceEncoding.Utf8WithBom : SourceEncoding.Utf8;
                }

                target.SetLength(0);
                using (var content = GzipContentStream.Open(path, allowed))
                {
                    Gb18030Transcoder.Transcode(content, target);
                }

                return SourceEncoding.Gb18030;
            });
        }
        catch (InvalidDataException damage)
        {
            throw new UnreadableFileException(new EtlReason("file.gzip_damaged", ("message", damage.Message)));
        }
        catch (GzipTooLargeException)
        {
            // WriteTemporary has deleted the part written so far.
            throw new UnreadableFileException(limits.Reason(Label(file), sourceBytes));
        }
    }

    private readonly record struct TextScan(bool IsUtf8, bool HasBom);

    /// <summary>Whether the file is UTF-16 text (by its BOM, or NULs in every other byte) and if so, whether big-endian.</summary>
    private static bool? Utf16Order(string path)
    {
        Span<byte> head = stackalloc byte[1024];
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            head = head[..source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }

        if (ContentSniffer.Identify(head) != ContentKind.Utf16)
        {
            return null;
        }

        // Without a BOM, ASCII in big-endian UTF-16 has its NUL first.
        return head is [0xFE, 0xFF, ..] || (head is not [0xFF, 0xFE, ..] && head is [0, ..]);
    }

    /// <summary>
    /// Streams UTF-16 text into UTF-8 without its BOM. The decoder is strict: a file cut in the middle of a character
    /// or with a lone surrogate is refused rather than loaded with replacement characters.
    /// </summary>
    private static void TranscodeUtf16(Stream source, Stream target, bool bigEndian, ContractFile file)
    {
        var decoder = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetDecoder();
        var encoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetEncoder();
        var input = ArrayPool<byte>.Shared.Rent(BufferSize);
        var chars = ArrayPool<char>.Shared.Rent(BufferSize);
        var output = ArrayPool<byte>.Shared.Rent(3 * BufferSize);
        try
        {
            var first = true;
            var content = false;
            while (true)
            {
                var read = source.ReadAtLeast(input.AsSpan(0, BufferSize), BufferSize, throwOnEndOfStream: false);
                var final = read < BufferSize;
                var block = input.AsSpan(0, read);
                if (first && (block.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || block.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])))
                {
                    block = block[2..];
                }

                first = false;
                int decoded;
                try
                {
                    decoded = decoder.GetChars(block, chars, flush: final);
                }
                catch (DecoderFallbackException)
                {
                    throw new UnreadableFileException(new EtlReason("file.utf16_damaged"));
                }

                content = content || chars.AsSpan(0, decoded).ContainsAnyExcept(" \t\r\n\f\v");
                var written = encoder.GetBytes(chars.AsSpan(0, decoded), output, flush: final);
                target.Write(output.AsSpan(0, written));
                if (final)
                {
                    break;
                }
            }

            if (!content)
            {
                throw Empty(file, "empty.bom_only");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>
    /// One streaming pass over CSV or JSON Lines content: what it really is (magic bytes), whether it starts with a
    /// BOM, whether it holds anything but white space, and whether all of it is valid UTF-8. Stops at the first byte
    /// that is not UTF-8. When <paramref name="copy"/> is given, the content after any BOM is written to it as it goes.
    /// With <paramref name="utf8Known"/> (every byte already checked) it stops at the first block with content.
    /// </summary>
    private static TextScan Scan(Stream content, ContractFile file, Stream? copy, bool inner, bool utf8Known = false)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var read = content.ReadAtLeast(buffer.AsSpan(0, BufferSize), BufferSize, throwOnEndOfStream: false);
            var head = buffer.AsSpan(0, Math.Min(read, 1024));
            var kind = ContentSniffer.Identify(head);
            if (kind != ContentKind.Text)
            {
                throw new UnreadableFileException(ContentSniffer.Really(inner ? "file.really_inner" : "file.really", Label(file), kind, file.Format, inner));
            }

            var hasBom = head.StartsWith(Utf8Bom);
            var skip = hasBom ? Utf8Bom.Length : 0;
            var check = new Utf8Check(hasBom);
            var carried = 0;
            while (true)
            {
                var final = carried + read < BufferSize;
                var data = buffer.AsSpan(0, carried + read);
                copy?.Write(data[Math.Max(carried, skip)..]);
                skip = 0;

                // A character cut by the block's end is carried to the front of the next block, not judged half-read.
                var tail = final ? 0 : IncompleteUtf8Tail(data);
                if (!check.Accept(data[..^tail]))
                {
                    return new TextScan(IsUtf8: false, HasBom: false);
                }

                if (final || (utf8Known && check.SawContent))
                {
                    break;
                }

                data[^tail..].CopyTo(buffer);
                carried = tail;
                read = content.ReadAtLeast(buffer.AsSpan(carried, BufferSize - carried), BufferSize - carried, throwOnEndOfStream: false);
            }

            if (!check.SawContent)
            {
                throw Empty(file, check.Bytes == 0 ? (inner ? "empty.zero_bytes_inner" : "empty.zero_bytes")
                    : hasBom ? "empty.bom_only" : "empty.white_space");
            }

            return new TextScan(IsUtf8: true, hasBom);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void CheckParquet(string path, long length)
    {
        if (length == 0)
        {
            throw new UnreadableFileException(new EtlReason("file.zero_bytes"));
        }

        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        Span<byte> head = stackalloc byte[1024];
        head = head[..source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        Span<byte> end = stackalloc byte[4];
        var hasEnd = false;
        if (length >= 12)
        {
            source.Position = length - 4;
            source.ReadExactly(end);
            hasEnd = end.SequenceEqual("PAR1"u8);
        }

        if (head.StartsWith("PAR1"u8))
        {
            if (!hasEnd)
            {
                throw new UnreadableFileException(new EtlReason("file.parquet_truncated"));
            }

            return;
        }

        var kind = ContentSniffer.Identify(head);
        throw new UnreadableFileException(kind switch
        {
            ContentKind.Text when head.TrimStart(" \t\r\n"u8).StartsWith("{"u8) => new EtlReason("file.not_parquet_jsonl"),
            ContentKind.Text => new EtlReason("file.not_parquet_csv"),
            ContentKind.Gzip => new EtlReason("file.not_parquet_gzip"),
            _ => ContentSniffer.Really("file.not_parquet", ".parquet", kind, FileFormat.Parquet),
        });
    }

    /// <summary>Runs <paramref name="write"/> into a new uniquely named file, deleting that file again if anything fails.</summary>
    private static PreparedFile WriteTemporary(string tempDirectory, ContractFile file, long sourceBytes, Func<FileStream, string> write)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(Path.GetFullPath(tempDirectory), TemporaryName(file));
        try
        {
            string encoding;
            // No FileStream buffer: every write is already a block of up to a few MB.
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1))
            {
                encoding = write(target);
            }

            return new PreparedFile(path, file.Format, encoding, true, sourceBytes);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>
    /// The original name stays visible in DuckDB's error messages, reduced to characters that need no quoting in a SQL
    /// string literal or a shell; the extension is .csv or .jsonl so nothing takes the copy for a compressed file.
    /// </summary>
    private static string TemporaryName(ContractFile file)
    {
        var name = Path.GetFileName(file.RelativePath.Replace('\\', '/'));
        if (file.Gzipped && name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        var stem = new string(Path.GetFileNameWithoutExtension(name)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')
            .Take(60)
            .ToArray());
        var extension = file.Format == FileFormat.JsonLines ? ".jsonl" : ".csv";
        return $"cskpi-{stem}-{Guid.NewGuid():N}{extension}";
    }

    private static FileStream OpenSequential(string path) =>
        // bufferSize 1 turns FileStream's own buffer off: every read here is a block of BufferSize already.
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    /// <param name="what">What the file holds, as a reason code (<c>empty.*</c>).</param>
    private static UnreadableFileException Empty(ContractFile file, string what) =>
        new(new EtlReason(file.Format == FileFormat.JsonLines ? "file.empty_jsonl" : "file.empty", ("what", what)));

    internal static string Label(ContractFile file) => Label(file.Format, file.Gzipped);

    internal static string Label(FileFormat format, bool gzipped) =>
        format switch { FileFormat.JsonLines => ".jsonl", FileFormat.Parquet => ".parquet", FileFormat.Xlsx => ".xlsx", FileFormat.Transcript => ".txt", _ => ".csv" } + (gzipped ? ".gz" : "");

    /// <summary>The UTF-8 verdict on a stream of blocks, with what a reason needs should a block fail.</summary>
    private sealed class Utf8Check(bool hasBom)
    {
        /// <summary>
        /// Multi-byte characters, counted up to this many, that decide whether a file failing UTF-8 is GBK or damaged
        /// UTF-8. GBK text makes a valid UTF-8 sequence by chance for about one character in ten, so 16 of them before
        /// the first bad byte is UTF-8 with odds of more than a billion to one.
        /// </summary>
        private const int Evidence = 16;

        private static readonly SearchValues<byte> WhiteSpace = SearchValues.Create(" \t\r\n\f\v"u8);

        private long _offset;
        private long _lines;
        private int _multiByte;
        private bool _first = true;

        public bool SawContent { get; private set; }

        /// <summary>The bytes accepted so far.</summary>
        public long Bytes => _offset;

        /// <summary>Whether <paramref name="block"/> is valid UTF-8; throws when it is damaged UTF-8 rather than another encoding.</summary>
        public bool Accept(ReadOnlySpan<byte> block)
        {
            var text = _first && hasBom ? block[Utf8Bom.Length..] : block;
            _first = false;
            if (!Utf8.IsValid(block))
            {
                Reject(block);
                return false;
            }

            SawContent = SawContent || text.ContainsAnyExcept(WhiteSpace);
            _multiByte = CountMultiByte(block, _multiByte);
            _lines += block.Count((byte)'\n');
            _offset += block.Length;
            return true;
        }

        /// <summary>
        /// Without this, a UTF-8 export with one character cut in half (a message truncated at a byte limit) would
        /// fail UTF-8 and be decoded as GB18030, which accepts most UTF-8 bytes: the whole file would load as mojibake.
        /// </summary>
        private void Reject(ReadOnlySpan<byte> block)
        {
            var bad = FirstInvalid(block);
            var before = CountMultiByte(block[..bad], _multiByte);
            var (valid, invalid) = Sample(block[bad..]);
            var line = _lines + block[..bad].Count((byte)'\n') + 1;
            (string, object?)[] at = [("line", line), ("byte", _offset + bad), ("bytes", Hex(block[bad..]))];
            if (hasBom)
            {
                throw new UnreadableFileException(new EtlReason("file.utf8_bom_invalid", at));
            }

            var evidence = before + valid;
            if (evidence >= Evidence && evidence >= 8 * invalid)
            {
                throw new UnreadableFileException(new EtlReason("file.utf8_invalid", at));
            }
        }

        private static int FirstInvalid(ReadOnlySpan<byte> block)
        {
            var at = 0;
            while (at < block.Length)
            {
                if (Rune.DecodeFromUtf8(block[at..], out _, out var used) != System.Buffers.OperationStatus.Done)
                {
                    return at;
                }

                at += used;
            }

            return block.Length;
        }

        /// <summary>Valid multi-byte characters and invalid sequences in the next 64 KB, skipping over bad bytes.</summary>
        private static (int Valid, int Invalid) Sample(ReadOnlySpan<byte> rest)
        {
            rest = rest[..Math.Min(rest.Length, 64 * 1024)];
            var (valid, invalid) = (0, 0);
            while (!rest.IsEmpty)
            {
                var status = Rune.DecodeFromUtf8(rest, out _, out var used);
                if (status == System.Buffers.OperationStatus.NeedMoreData)
                {
                    break;
                }

                if (status != System.Buffers.OperationStatus.Done)
                {
                    invalid++;
                }
                else if (used > 1)
                {
                    valid++;
                }

                rest = rest[used..];
            }

            return (valid, invalid);
        }

        private static int CountMultiByte(ReadOnlySpan<byte> block, int count)
        {
            // Each multi-byte character has exactly one lead byte in C2..F4; counting stops at the evidence needed.
            while (count < Evidence)
            {
                var lead = block.IndexOfAnyInRange((byte)0xC2, (byte)0xF4);
                if (lead < 0)
                {
                    break;
                }

                count++;
                block = block[(lead + 1)..];
            }

            return count;
        }

        private static string Hex(ReadOnlySpan<byte> bytes) =>
            string.Join(' ', bytes[..Math.Min(4, bytes.Length)].ToArray().Select(b => $"0x{b:X2}"));
    }
}
