using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>
/// JSON Lines as a chat platform's API exports it: one object per line, English keys, numbers as numbers,
/// timestamps in ISO 8601 with the store's offset (+08:00), absent values as null.
/// </summary>
internal sealed class JsonlTableWriter : TableWriter
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'+08:00'";
    private readonly ContractTable _table;
    private readonly StreamWriter _out;
    private readonly string[] _keys;
    private readonly char[] _cell = new char[64];

    public JsonlTableWriter(string path, ContractTable table) : base(path)
    {
        _table = table;
        _out = new StreamWriter(path, append: false, CsvDialect.Utf8, bufferSize: 1 << 20);
        _keys = table.Columns.Select((c, i) => (i == 0 ? "{\"" : ",\"") + c.Name + "\":").ToArray();
    }

    public override void Write(RowBatch batch)
    {
        var columns = _table.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                _out.Write(_keys[c]);
                if (batch.HasRaw && batch.Raw[c]?[row] is { } raw)
                {
                    WriteString(raw);
                    continue;
                }

                WriteCell(batch, row, c, columns[c].Type);
            }

            _out.Write("}\n");
        }

        Rows += batch.Count;
    }

    private void WriteCell(RowBatch batch, int row, int c, ColumnType type)
    {
        if (type == ColumnType.Text)
        {
            var text = batch.Text[c][row];
            if (text is null)
            {
                _out.Write("null");
            }
            else
            {
                WriteString(text);
            }

            return;
        }

        if (!batch.Present[c][row])
        {
            _out.Write("null");
            return;
        }

        var value = batch.Number[c][row];
        switch (type)
        {
            case ColumnType.Integer:
                value.TryFormat(_cell, out var n);
                _out.Write(_cell, 0, n);
                break;
            case ColumnType.Timestamp:
                _out.Write('"');
                _out.Write(_cell, 0, CellFormat.WriteTimestamp(value, TimestampFormat, _cell));
                _out.Write('"');
                break;
            case ColumnType.Date:
                _out.Write('"');
                _out.Write(_cell, 0, CellFormat.WriteDate(value, "yyyy-MM-dd", _cell));
                _out.Write('"');
                break;
            default:
                _out.Write(_cell, 0, CellFormat.WriteHundredths(value, _cell));
                break;
        }
    }

    private void WriteString(string text)
    {
        _out.Write('"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch is '"' or '\\' or < ' ')
            {
                _out.Write(text.AsSpan(start, i - start));
                _out.Write(ch switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => $"\\u{(int)ch:x4}",
                });
                start = i + 1;
            }
        }

        _out.Write(text.AsSpan(start));
        _out.Write('"');
    }

    public override void Dispose() => _out.Dispose();
}
