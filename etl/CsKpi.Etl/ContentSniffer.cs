namespace CsKpi.Etl;

/// <summary>What a file's first bytes say it really is, whatever its name claims.</summary>
internal enum ContentKind
{
    Text,
    Parquet,
    Gzip,
    Zip,
    Xlsx,
    OldExcel,
    Utf16,
    Binary,
}

/// <summary>
/// Recognises the files people most often drop under a wrong name (a Parquet or gzip file renamed, an Excel workbook
/// saved with a .csv name, Excel's "Unicode text") by their magic bytes, so the reason says what the file is and what
/// to do, instead of DuckDB's parse error on line 1.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>Identifies <paramref name="head"/>, the first bytes (up to 1 KB) of a file or of its decompressed content.</summary>
    public static ContentKind Identify(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PAR1"u8))
        {
            return ContentKind.Parquet;
        }

        if (head is [0x1F, 0x8B, ..])
        {
            return ContentKind.Gzip;
        }

        if (head.StartsWith("PK\x03\x04"u8))
        {
            // An .xlsx is a zip whose first entries are its manifest and the xl/ folder.
            return head.IndexOf("[Content_Types].xml"u8) >= 0 || head.IndexOf("xl/"u8) >= 0 ? ContentKind.Xlsx : ContentKind.Zip;
        }

        if (head is [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..])
        {
            // The OLE compound file of Excel 97-2003 (.xls).
            return ContentKind.OldExcel;
        }

        if (head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] || LooksLikeUtf16WithoutBom(head))
        {
            return ContentKind.Utf16;
        }

        return head.Contains((byte)0) ? ContentKind.Binary : ContentKind.Text;
    }

    /// <summary>What the content is, as a reason code (<c>content.*</c> in <see cref="EtlReasons"/>).</summary>
    public static string Describe(ContentKind kind) => kind switch
    {
        ContentKind.Parquet => "content.parquet",
        ContentKind.Gzip => "content.gzip",
        ContentKind.Zip => "content.zip",
        ContentKind.Xlsx => "content.xlsx",
        ContentKind.OldExcel => "content.old_excel",
        ContentKind.Utf16 => "content.utf16",
        ContentKind.Binary => "content.binary",
        _ => "content.text",
    };

    /// <summary>The reason a <paramref name="label"/> file (<paramref name="code"/>: file.really, file.not_gzip…) that is really <paramref name="kind"/> is refused.</summary>
    public static EtlReason Really(string code, string label, ContentKind kind, FileFormat format, bool inner = false) =>
        new(code, ("label", label), ("content", Describe(kind)), ("advice", Advice(kind, format, inner)), ("plain", FilePreparer.Label(format, gzipped: false)));

    /// <summary>What to do about a <paramref name="format"/> file (its content, when <paramref name="inner"/>) that is really <paramref name="kind"/>.</summary>
    /// <remarks>A reason code (<c>advice.*</c> in <see cref="EtlReasons"/>); <c>advice.gzip</c> names the plain label, the reason's <c>plain</c>.</remarks>
    public static string Advice(ContentKind kind, FileFormat format, bool inner = false) => kind switch
    {
        ContentKind.Parquet when inner => "advice.parquet_inner",
        ContentKind.Parquet => "advice.parquet",
        ContentKind.Gzip when inner => "advice.gzip_inner",
        ContentKind.Gzip => "advice.gzip",
        ContentKind.Zip => "advice.zip",
        ContentKind.Xlsx => "advice.xlsx",
        ContentKind.OldExcel => "advice.old_excel",
        ContentKind.Utf16 => "advice.utf16",
        _ => format switch
        {
            FileFormat.JsonLines => "advice.export_jsonl",
            FileFormat.Parquet => "advice.export_parquet",
            FileFormat.Xlsx => "advice.export_xlsx",
            _ => "advice.export_csv",
        },
    };

    /// <summary>ASCII written as UTF-16 without a BOM has a NUL in every other byte and none in between.</summary>
    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> head)
    {
        if (head.Length < 8)
        {
            return false;
        }

        var (evenNul, oddNul) = (0, 0);
        for (var i = 0; i < head.Length; i++)
        {
            if (head[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenNul++;
                }
                else
                {
                    oddNul++;
                }
            }
        }

        var half = head.Length / 2;
        return (oddNul >= half * 9 / 10 && evenNul == 0) || (evenNul >= half * 9 / 10 && oddNul == 0);
    }
}
