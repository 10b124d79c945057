using CsKpi.Seed.Contract;
using Parquet;
using Parquet.Schema;

namespace CsKpi.Seed.Output;

/// <summary>
/// Parquet with native types (TIMESTAMP without time zone, DATE, DECIMAL(18,2), INT64), one row group per batch.
/// Typed files cannot hold the unparsable values of <c>--bad-rows</c>; the bad-row plan gives Parquet only
/// violations a typed file can carry (negative money, unknown sender, missing required values).
/// </summary>
internal sealed class ParquetTableWriter : TableWriter
{
    private readonly ContractTable _table;
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;
    private long?[]? _longs;
    private DateTime?[]? _times;
    private decimal?[]? _decimals;

    public ParquetTableWriter(string path, ContractTable table) : base(path)
    {
        _table = table;
        _fields = table.Columns.Select(FieldFor).ToArray();
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        // Snappy: what most tools write. Text is dictionary-encoded (stores, agents, senders and phrases repeat):
        // without the hint Parquet.Net 6.1 writes strings PLAIN, UTF-8-encoding every value, which was over 40% of
        // the time of writing chats.
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (var column in table.Columns.Where(c => c.Type == ColumnType.Text))
        {
            options.ColumnEncodingHints[column.Name] = EncodingHint.Dictionary;
        }
        _writer = ParquetWriter.CreateAsync(new ParquetSchema(_fields), _stream, options).GetAwaiter().GetResult();
    }

    private static DataField FieldFor(Column column) => column.Type switch
    {
        ColumnType.Text => new DataField<string>(column.Name),
        ColumnType.Integer => new DataField<long?>(column.Name),
        ColumnType.Timestamp => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, false, DateTimeTimeUnit.Millis, true),
        ColumnType.Date => new DateTimeDataField(column.Name, DateTimeFormat.Date, false, null, true),
        _ => new DecimalDataField(column.Name, 18, 2, false, true),
    };

    public override void Write(RowBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (batch.HasRaw)
        {
            throw new InvalidOperationException("A Parquet file cannot carry verbatim bad values; the bad-row plan must not give it any.");
        }

        var n = batch.Count;
        using var group = _writer.CreateRowGroup();
        for (var c = 0; c < _fields.Length; c++)
        {
            var type = _table.Columns[c].Type;
            var present = batch.Present[c];
            var numbers = batch.Number[c];
            switch (type)
            {
                case ColumnType.Text:
                    group.WriteAsync(_fields[c], new ArraySegment<string>(batch.Text[c]!, 0, n)).GetAwaiter().GetResult();
                    break;
                case ColumnType.Integer:
                    var longs = Buffer(ref _longs, batch.Capacity);
                    for (var i = 0; i < n; i++)
                    {
                        longs[i] = present[i] ? numbers[i] : null;
                    }

                    group.WriteAsync<long>(_fields[c], new ReadOnlyMemory<long?>(longs, 0, n)).GetAwaiter().GetResult();
                    break;
                case ColumnType.Timestamp or ColumnType.Date:
                    var times = Buffer(ref _times, batch.Capacity);
                    for (var i = 0; i < n; i++)
                    {
                        times[i] = !present[i] ? null
                            : type == ColumnType.Date ? DateOnly.FromDayNumber((int)numbers[i]).ToDateTime(TimeOnly.MinValue)
                            : new DateTime(numbers[i]);
                    }

                    group.WriteAsync<DateTime>(_fields[c], new ReadOnlyMemory<DateTime?>(times, 0, n)).GetAwaiter().GetResult();
                    break;
                default:
                    var decimals = Buffer(ref _decimals, batch.Capacity);
                    for (var i = 0; i < n; i++)
                    {
                        decimals[i] = present[i] ? numbers[i] / 100m : null;
                    }

                    group.WriteAsync<decimal>(_fields[c], new ReadOnlyMemory<decimal?>(decimals, 0, n)).GetAwaiter().GetResult();
                    break;
            }
        }

        Rows += n;
    }

    private static T[] Buffer<T>(ref T[]? buffer, int capacity) => buffer is not null && buffer.Length >= capacity ? buffer : buffer = new T[capacity];

    public override void Dispose()
    {
        _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
