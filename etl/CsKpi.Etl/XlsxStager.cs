using System.Globalization;
using System.Text;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace CsKpi.Etl;

/// <summary>
/// Writes one sheet of an Excel workbook as the UTF-8 CSV that DuckDB stages, so a workbook goes through the same
/// bulk path as every other file. MiniExcel reads the sheet row by row (a streaming XML reader; shared strings past
/// 5 MB are cached on disk), so memory stays flat however long the sheet is.
/// </summary>
/// <remarks>
/// The copy starts at the header row (a title above it is skipped, see <see cref="HeaderRow"/>) and its first column,
/// <see cref="RowColumn"/>, is the row number Excel shows, which the loader uses as the line of every reject. Rows
/// with no value at all are left out: a spreadsheet's blank rows are not records. Cells right of the header's last
/// named column are ignored, as they belong to no column.
/// </remarks>
internal static class XlsxStager
{
    /// <summary>The staged copy's first column: the sheet row of each record. A name no export uses.</summary>
    public const string RowColumn = "cskpi_sheet_row";

    /// <summary>
    /// Sheet names that say a sheet holds a kind; when a workbook has one, it is read, else its first sheet. A workbook
    /// of several lists (花名册 beside a 说明 sheet) then loads the list, wherever its tab is.
    /// </summary>
    private static readonly Dictionary<FileKind, string[]> SheetNames = new()
    {
        [FileKind.Agents] = ["agents", "花名册", "客服花名册", "员工花名册", "客服名单", "人员名单", "名单"],
        [FileKind.Chats] = ["chats", "聊天记录", "聊天"],
        [FileKind.Orders] = ["orders", "订单", "订单列表", "订单报表", "订单明细"],
        [FileKind.Courses] = ["courses", "课程", "课程目录", "课程列表"],
        [FileKind.Training] = ["training", "培训记录", "培训", "考核记录"],
        [FileKind.Ratings] = ["ratings", "评价", "服务评价", "评价记录"],
        [FileKind.AgentReport] = ["agent_report", "客服数据", "售前", "客服绩效", "工作量"],
    };

    /// <summary>What was staged: the sheet read and the sheet row of its header.</summary>
    public readonly record struct Staged(string Sheet, int HeaderRow);

    /// <summary>Writes the sheet of <paramref name="path"/> that holds <paramref name="file"/>'s kind to <paramref name="target"/>.</summary>
    public static Staged Write(string path, ContractFile file, Stream target, string cacheDirectory)
    {
        CheckIsWorkbook(path);
        try
        {
            return WriteSheet(path, file, target, cacheDirectory);
        }
        // MiniExcel has no exception type of its own: a damaged archive, bad XML or a missing part surface as these.
        catch (Exception e) when (e is InvalidDataException or XmlException or InvalidOperationException or KeyNotFoundException
                                      or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new UnreadableFileException(new EtlReason("file.workbook_unreadable", ("message", FirstLine(e.Message))));
        }
    }

    private static Staged WriteSheet(string path, ContractFile file, Stream target, string cacheDirectory)
    {
        var sheets = MiniExcel.GetSheetNames(path);
        if (sheets.Count == 0)
        {
            throw new UnreadableFileException(new EtlReason("file.workbook_no_sheet"));
        }

        // A file whose kind only its header tells reads its first sheet.
        var sheet = (file.Kind is { } kind ? sheets.FirstOrDefault(s => SheetNames[kind].Contains(s.Trim(), StringComparer.OrdinalIgnoreCase)) : null) ?? sheets[0];
        var configuration = new OpenXmlConfiguration
        {
            // Row numbers must be the sheet's: empty rows are yielded (and skipped here), not dropped by the reader.
            IgnoreEmptyRows = false,
            FillMergedCells = false,
            EnableConvertByteArray = false,
            SharedStringCachePath = cacheDirectory,
        };

        using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var top = new List<(int Row, string?[] Cells)>();
        int? width = null;
        var headerRow = 0;
        var row = 0;
        foreach (IDictionary<string, object?> cells in MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet, configuration: configuration))
        {
            row++;
            var values = cells.Values.Select(Text).ToArray();
            if (values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (width is { } columns)
            {
                WriteRecord(writer, row, values, columns);
                continue;
            }

            // The header is decided once the top rows are in, or at the end of a short sheet.
            top.Add((row, values));
            if (top.Count == HeaderRow.Scan)
            {
                (width, headerRow) = WriteTop(writer, file.Kind, top);
            }
        }

        if (width is null)
        {
            if (top.Count == 0)
            {
                throw new UnreadableFileException(new EtlReason("file.sheet_empty", ("sheet", sheet)));
            }

            (_, headerRow) = WriteTop(writer, file.Kind, top);
        }

        return new Staged(sheet, headerRow);
    }

    /// <summary>Finds the header among the top rows, writes it and the rows below it; returns the header's width and row.</summary>
    private static (int Width, int HeaderRow) WriteTop(StreamWriter writer, FileKind? kind, List<(int Row, string?[] Cells)> top)
    {
        var at = HeaderRow.Find(kind, top.Select(t => (IReadOnlyList<string?>)t.Cells).ToList()) ?? 0;
        var header = top[at].Cells;
        var width = Array.FindLastIndex(header, cell => !string.IsNullOrWhiteSpace(cell)) + 1;
        writer.Write(RowColumn);
        for (var i = 0; i < width; i++)
        {
            writer.Write(',');
            // A column without a name still needs one in the copy; the loader lists it as an extra column.
            WriteField(writer, string.IsNullOrWhiteSpace(header[i]) ? $"column{i + 1}" : header[i]);
        }

        writer.Write('\n');
        foreach (var (row, cells) in top.Skip(at + 1))
        {
            WriteRecord(writer, row, cells, width);
        }

        return (width, top[at].Row);
    }

    private static void WriteRecord(StreamWriter writer, int row, string?[] cells, int width)
    {
        if (cells.Take(width).All(string.IsNullOrWhiteSpace))
        {
            // Values only right of the header: a note beside the table, not a record.
            return;
        }

        writer.Write(row.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < width; i++)
        {
            writer.Write(',');
            WriteField(writer, i < cells.Length ? cells[i] : null);
        }

        writer.Write('\n');
    }

    /// <summary>An empty cell stays unquoted (DuckDB reads it as NULL); anything else is quoted, quotes doubled.</summary>
    private static void WriteField(StreamWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\""));
        writer.Write('"');
    }

    /// <summary>A cell as text in the contract's forms: ISO dates and times, numbers without exponent or float noise.</summary>
    internal static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime moment => Moment(moment),
        TimeSpan time => $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}",
        double number => Number(number),
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// A real Excel date cell: a date alone when it has no time of day (入职日期), else a time to the second (Excel
    /// stores times as fractions of a day, so 09:30 can come back as 09:29:59.9999).
    /// </summary>
    private static string Moment(DateTime moment)
    {
        var rounded = new DateTime((moment.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
        return rounded.TimeOfDay == TimeSpan.Zero
            ? rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A number cell. Whole numbers are ids and counts: every digit the cell holds, never 3.515313147329358E+16.
    /// Fractions are what Excel shows, 15 significant digits, so 0.1+0.2 is 0.3 and not 0.30000000000000004.
    /// An id typed into Excel as a number keeps only 15 digits in the workbook itself; exports write ids as text.
    /// </summary>
    internal static string Number(double number)
    {
        if (!double.IsFinite(number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        var text = number == Math.Floor(number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : number.ToString("G15", CultureInfo.InvariantCulture);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
            ? exact.ToString(CultureInfo.InvariantCulture)
            : text;
    }

    /// <summary>An .xlsx is a zip archive; anything else named .xlsx gets a reason saying what it really is.</summary>
    private static void CheckIsWorkbook(string path)
    {
        Span<byte> head = stackalloc byte[1024];
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
        {
            head = head[..source.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
        }

        if (head.IsEmpty)
        {
            throw new UnreadableFileException(new EtlReason("file.zero_bytes"));
        }

        var kind = ContentSniffer.Identify(head);
        var reason = kind switch
        {
            ContentKind.Xlsx or ContentKind.Zip => null,
            // Excel encrypts a workbook with a password into the same compound file as the old .xls format.
            ContentKind.OldExcel => new EtlReason("file.xlsx_old_or_protected"),
            ContentKind.Text => new EtlReason("file.xlsx_text"),
            _ => ContentSniffer.Really("file.really", ".xlsx", kind, FileFormat.Xlsx),
        };
        if (reason is not null)
        {
            throw new UnreadableFileException(reason);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
