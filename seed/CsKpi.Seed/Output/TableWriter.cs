using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>Writes the batches of one contract table to one file, streaming: memory stays one batch deep.</summary>
public abstract class TableWriter(string path) : IDisposable
{
    public string Path { get; } = path;
    public long Rows { get; protected set; }

    public abstract void Write(RowBatch batch);

    public abstract void Dispose();

    public static TableWriter Create(string path, ContractTable table, FileFormat format, CsvDialect dialect) => format switch
    {
        FileFormat.Csv => new CsvTableWriter(path, table, dialect),
        FileFormat.Jsonl => new JsonlTableWriter(path, table),
        FileFormat.Parquet => new ParquetTableWriter(path, table),
        FileFormat.Xlsx => new XlsxTableWriter(path, table, HrSheet.For(table.Kind)),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>Plain formatting shared by the text formats.</summary>
internal static class CellFormat
{
    /// <summary>Fen (or hundredths) as a decimal with two places: 12345 → "123.45".</summary>
    public static int WriteHundredths(long value, Span<char> destination)
    {
        var negative = value < 0;
        var magnitude = Math.Abs(value);
        var pos = 0;
        if (negative)
        {
            destination[pos++] = '-';
        }

        (magnitude / 100).TryFormat(destination[pos..], out var written);
        pos += written;
        destination[pos++] = '.';
        var cents = (int)(magnitude % 100);
        destination[pos++] = (char)('0' + cents / 10);
        destination[pos++] = (char)('0' + cents % 10);
        return pos;
    }

    public static int WriteTimestamp(long ticks, string format, Span<char> destination)
    {
        new DateTime(ticks).TryFormat(destination, out var written, format, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }

    public static int WriteDate(long dayNumber, string format, Span<char> destination)
    {
        DateOnly.FromDayNumber((int)dayNumber).TryFormat(destination, out var written, format, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }
}
