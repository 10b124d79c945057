using System.IO.Compression;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace CsKpi.Seed.Output;

/// <summary>
/// One-sheet .xlsx files, written by MiniExcel (the seed promises byte-identical files for the same seed, and
/// MiniExcel stamps every zip entry with the time of writing): the workbook is built in memory, then re-packed
/// entry by entry, in MiniExcel's order and with a fixed entry time. Nothing else in MiniExcel's output varies.
/// </summary>
internal static class Xlsx
{
    private static readonly DateTimeOffset EntryTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
        foreach (var entry in source.Entries)
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    private static string ColumnLetter(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : ColumnLetter(index / 26 - 1) + (char)('A' + index % 26);
}
