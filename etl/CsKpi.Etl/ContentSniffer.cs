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

    public static string Describe(ContentKind kind) => kind switch
    {
        ContentKind.Parquet => "a Parquet file",
        ContentKind.Gzip => "a gzip-compressed file",
        ContentKind.Zip => "a zip archive",
        ContentKind.Xlsx => "an Excel workbook (.xlsx)",
        ContentKind.OldExcel => "an Excel 97-2003 workbook (.xls)",
        ContentKind.Utf16 => "UTF-16 text (what Excel saves as \"Unicode text\")",
        ContentKind.Binary => "binary data (it has NUL bytes in its first KB), not text",
        _ => "text",
    };

    /// <summary>What to do about a <paramref name="format"/> file (its content, when <paramref name="inner"/>) that is really <paramref name="kind"/>.</summary>
    public static string Advice(ContentKind kind, FileFormat format, bool inner = false)
    {
        var plainLabel = FilePreparer.Label(format, gzipped: false);
        return kind switch
        {
            ContentKind.Parquet when inner => "gunzip it and name it .parquet (Parquet is compressed inside already)",
            ContentKind.Parquet => "rename it to .parquet",
            ContentKind.Gzip when inner => $"it was compressed twice: gunzip it once and drop it again as {plainLabel}.gz",
            ContentKind.Gzip => $"rename it to {plainLabel}.gz",
            ContentKind.Zip => "unzip it and drop the files inside into the inbox",
            ContentKind.Xlsx => "rename it to .xlsx",
            ContentKind.OldExcel => "open it in Excel or WPS, save it as .xlsx, and drop the .xlsx file",
            ContentKind.Utf16 => "save or export it as UTF-8 (in Excel: \"CSV UTF-8\") and drop it again",
            _ => format switch
            {
                FileFormat.JsonLines => "check that it is the export you meant and export it again as JSON Lines",
                FileFormat.Parquet => "check that it is the export you meant and export it again as Parquet",
                FileFormat.Xlsx => "check that it is the export you meant and save it again as an Excel workbook (.xlsx)",
                _ => "check that it is the export you meant and export it again as CSV",
            },
        };
    }

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
