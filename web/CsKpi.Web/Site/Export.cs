using System.Globalization;
using System.Text;
using CsKpi.Warehouse.Downloads;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Site;

/// <summary>What a page shows as a table, ready to download: column headers in the page's language, typed cells.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese right) through the downloads' one writer,
/// <see cref="CsvDownload"/>, which keeps text from becoming a formula; and Excel (.xlsx), one sheet of inline strings
/// and numbers written by Microsoft's Open XML SDK. Inline strings are never evaluated, so an .xlsx keeps text as it
/// is; what XML 1.0 forbids (control characters the ETL accepts, lone surrogates) is dropped, or the file is invalid.
/// </summary>
public static class Export
{
    public static FileContentResult File(ExportTable table, string format) => format == "xlsx"
        ? new FileContentResult(Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = table.Name + ".xlsx" }
        : new FileContentResult(Csv(table), "text/csv; charset=utf-8") { FileDownloadName = table.Name + ".csv" };

    public static byte[] Csv(ExportTable table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvDownload(text);
        csv.Row(table.Columns);
        foreach (var row in table.Rows)
        {
            csv.Row(row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheet))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                Row(writer, table.Columns.Cast<object?>());
                foreach (var row in table.Rows)
                {
                    Row(writer, row);
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(table.Name) }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static void Row(OpenXmlWriter writer, IEnumerable<object?> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var cell in cells)
        {
            writer.WriteElement(cell switch
            {
                null => new Cell(),
                double d when !double.IsFinite(d) => Text(d.ToString(CultureInfo.InvariantCulture)),
                float f when !float.IsFinite(f) => Text(f.ToString(CultureInfo.InvariantCulture)),
                sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
                    new Cell { DataType = CellValues.Number, CellValue = new CellValue(((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture)) },
                _ => Text(Invariant(cell)),
            });
        }

        writer.WriteEndElement();
    }

    private static Cell Text(string value) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }),
    };

    /// <summary>Cells are written culture-free (2026-03-01, 2026-03-01 09:30:00, true), as in the CSV.</summary>
    private static string Invariant(object cell) => cell switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>
    /// The text without what XML 1.0 cannot hold (control characters other than tab, line feed and carriage return;
    /// U+FFFE, U+FFFF; lone surrogates), and with Excel's own escape <c>_xHHHH_</c> escaped (as <c>_x005F_xHHHH_</c>)
    /// so a value that happens to read like one is shown as written.
    /// </summary>
    internal static string XmlSafe(string value)
    {
        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                kept.Append(c).Append(value[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= ' ' && c < '\uD800') || (c >= '\uE000' && c <= '\uFFFD'))
            {
                if (c == '_' && IsExcelEscape(value, i))
                {
                    kept.Append("_x005F");
                }

                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private static bool IsExcelEscape(string value, int at) =>
        at + 6 < value.Length && value[at + 1] == 'x' && value[at + 6] == '_' && value.AsSpan(at + 2, 4).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    private static string SheetName(string name)
    {
        var cleaned = new string(XmlSafe(name).Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned.Length == 0 ? "Sheet1" : cleaned;
    }
}
