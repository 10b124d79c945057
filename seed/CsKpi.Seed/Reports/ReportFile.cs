using System.Globalization;
using CsKpi.Seed.Layouts;
using CsKpi.Seed.Output;

namespace CsKpi.Seed.Reports;

/// <summary>One report row's cells: long and decimal are numbers (number cells in a workbook), strings as the tool prints them.</summary>
internal static class ReportCells
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A rate the way 赤兔 prints it, <c>85.30%</c>; <c>-</c> when there is nothing to divide by (empty, never 0).</summary>
    public static string Percent(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.00", Invariant) + "%";

    /// <summary>A rate as a fraction, <c>0.8530</c> (千牛's 客服数据).</summary>
    public static string Fraction(long part, long whole) => whole == 0 ? "-" : ((double)part / whole).ToString("0.0000", Invariant);

    /// <summary>A rate as a percentage without the sign, <c>85.30</c> (a reader takes a rate above 1 as a percentage).</summary>
    public static string PercentNumber(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("0.00", Invariant);

    /// <summary>A mean of seconds, <c>35.21</c>.</summary>
    public static string Seconds(double total, long count) => count == 0 ? "-" : (total / count).ToString("0.00", Invariant);

    /// <summary>A mean of seconds as a duration, <c>0:00:35</c> (rounded to the second, as the tools print it).</summary>
    public static string Duration(double total, long count) => count == 0 ? "-" : Clock(total / count);

    /// <summary>Seconds as <c>H:mm:ss</c>; hours may pass 24 in a month's total.</summary>
    public static string Clock(double seconds)
    {
        var s = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}";
    }

    public static object Ratio(long part, long whole) => whole == 0 ? "-" : Math.Round((decimal)part / whole, 2);

    public static object Yuan(long fen) => fen / 100m;

    public static object Mean(long fen, long count) => count == 0 ? "-" : Math.Round(fen / 100m / count, 2);

    public static string Text(object? cell) => cell switch
    {
        null => "",
        decimal d => d.ToString("0.00", Invariant),
        long l => l.ToString(Invariant),
        IFormattable f => f.ToString(null, Invariant),
        _ => cell.ToString() ?? "",
    };
}

/// <summary>How a report file is written: a workbook as the tool downloads it, or the CSV it exports (GBK, CRLF).</summary>
internal enum ReportFormat { Xlsx, GbkCsv }

internal static class ReportFile
{
    /// <summary>Writes the header and rows into the store's inbox sub-folder (the reports have no store column) and returns the manifest entry.</summary>
    public static SeedFile Write(string directory, string storeId, string name, ReportFormat format, IReadOnlyList<string> header,
        IReadOnlyList<object?[]> rows)
    {
        var folder = Path.Combine(directory, storeId);
        Directory.CreateDirectory(folder);
        var fileName = name + (format == ReportFormat.Xlsx ? ".xlsx" : ".csv");
        var path = Path.Combine(folder, fileName);
        if (format == ReportFormat.Xlsx)
        {
            Xlsx.Write(path, rows.Prepend(header.Cast<object?>().ToArray()), "Sheet1");
        }
        else
        {
            using var csv = new PlatformCsv(path, CsvDialect.Gbk, quoteEvery: false, newLine: "\r\n");
            csv.Header(header);
            foreach (var row in rows)
            {
                csv.Row(row.Select(ReportCells.Text).ToArray());
            }
        }

        return new SeedFile($"{storeId}/{fileName}", "agent_report", rows.Count);
    }
}
