using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Site;

/// <summary>What a page shows as a table, ready to download: column headers in the page's language, typed cells.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese right) and Excel (.xlsx) downloads. The .xlsx is
/// written here, one sheet of inline strings and numbers: a few dozen lines instead of a spreadsheet library.
/// </summary>
public static class Export
{
    public static FileContentResult File(ExportTable table, string format) => format == "xlsx"
        ? new FileContentResult(Xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { FileDownloadName = table.Name + ".xlsx" }
        : new FileContentResult(Csv(table), "text/csv; charset=utf-8") { FileDownloadName = table.Name + ".csv" };

    public static byte[] Csv(ExportTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows)
        {
            text.AppendJoin(',', row.Select(cell => Quote(Invariant(cell)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] Xlsx(ExportTable table)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Entry(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{Xml(SheetName(table.Name))}" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);

            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            Row(sheet, 1, table.Columns.Cast<object?>().ToArray());
            for (var i = 0; i < table.Rows.Count; i++)
            {
                Row(sheet, i + 2, table.Rows[i]);
            }

            sheet.Append("</sheetData></worksheet>");
            Entry(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
        }

        return buffer.ToArray();
    }

    private static void Row(StringBuilder sheet, int number, object?[] cells)
    {
        sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{number}\">");
        foreach (var cell in cells)
        {
            switch (cell)
            {
                case null:
                    sheet.Append("<c/>");
                    break;
                case int or long or double or decimal or float:
                    sheet.Append("<c><v>").Append(Invariant(cell)).Append("</v></c>");
                    break;
                default:
                    sheet.Append("<c t=\"inlineStr\"><is><t>").Append(Xml(Invariant(cell))).Append("</t></is></c>");
                    break;
            }
        }

        sheet.Append("</row>");
    }

    private static void Entry(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content.Trim());
    }

    /// <summary>Cells are written culture-free (2026-03-01, 1234.5), so a spreadsheet in any locale reads them.</summary>
    private static string Invariant(object? cell) => cell switch
    {
        null => "",
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Xml(string value) => SecurityElement.Escape(value) ?? "";

    private static string SheetName(string name)
    {
        var cleaned = new string(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return cleaned.Length > 31 ? cleaned[..31] : cleaned.Length == 0 ? "Sheet1" : cleaned;
    }
}
