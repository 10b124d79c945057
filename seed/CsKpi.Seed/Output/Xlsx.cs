using System.IO.Compression;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace CsKpi.Seed.Output;

/// <summary>
/// One-sheet .xlsx files, written by MiniExcel. The seed promises byte-identical files for the same seed, and
/// MiniExcel 1.47 varies two things between runs: every zip entry's time (the time of writing) and the sheet's
/// relationship id (R + a new GUID, in workbook.xml and its .rels). So the workbook is built in memory, then
/// re-packed entry by entry, in MiniExcel's order, with a fixed entry time and those ids renumbered in order of
/// appearance. Nothing else in its output varies (LayoutTests compares two runs byte for byte).
/// </summary>
internal static partial class Xlsx
{
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial System.Text.RegularExpressions.Regex RandomRelationshipId();

    /// <summary>
    /// Every row as cells: string (text), long or decimal (a number cell), DateTime (a real Excel date cell),
    /// null (an empty cell). No header is added: the first rows are whatever the file starts with (a title, the header).
    /// </summary>
    public static void Write(string path, IEnumerable<object?[]> rows, string sheetName)
    {
        var sheet = rows.Select(r =>
        {
            var cells = new Dictionary<string, object?>(r.Length);
            for (var i = 0; i < r.Length; i++)
            {
                cells[ColumnLetter(i)] = r[i];
            }

            return cells;
        });
        using var buffer = new MemoryStream();
        MiniExcel.SaveAs(buffer, sheet, printHeader: false, sheetName: sheetName, excelType: ExcelType.XLSX,
            configuration: new OpenXmlConfiguration { AutoFilter = false, FreezeRowCount = 0, TableStyles = TableStyles.None });
        buffer.Position = 0;
        using var source = new ZipArchive(buffer, ZipArchiveMode.Read);
        using var file = File.Create(path);
        using var target = new ZipArchive(file, ZipArchiveMode.Create);
        var ids = new Dictionary<string, string>();
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var from = entry.Open();
            using var bytes = new MemoryStream();
            from.CopyTo(bytes);
            // Latin-1 maps bytes to chars one to one, so the UTF-8 text (and its BOM) goes back unchanged around the ASCII ids.
            var text = System.Text.Encoding.Latin1.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
            text = RandomRelationshipId().Replace(text, m => ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"rIdSheet{ids.Count + 1}");
            using var to = copy.Open();
            to.Write(System.Text.Encoding.Latin1.GetBytes(text));
        }
    }

    private static string ColumnLetter(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnLetter(index / 26 - 1) + (char)('A' + index % 26);
}
