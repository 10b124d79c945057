using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>
/// JSON Lines as a chat platform's API exports it: one object per line, English keys, numbers as numbers,
/// timestamps in ISO 8601 with the store's offset (+08:00), absent values as null. Each object is written by
/// <see cref="Utf8JsonWriter"/> (escaping included); the file gets the buffered lines a megabyte at a time.
/// </summary>
internal sealed class JsonlTableWriter : TableWriter
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'+08:00'";
    private const int FlushAt = 1 << 20;

    // Chinese text stays readable, as the platforms write it; quotes, backslashes and control characters are escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ContractTable _table;
    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _lines = new(FlushAt + (64 * 1024));
    private readonly Utf8JsonWriter _json;
    private readonly JsonEncodedText[] _keys;
    private readonly char[] _cell = new char[64];

    public JsonlTableWriter(string path, ContractTable table) : base(path)
    {
        _table = table;
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        _json = new Utf8JsonWriter(_lines, Options);
        _keys = [.. table.Columns.Select(c => JsonEncodedText.Encode(c.Name, Options.Encoder))];
    }

    public override void Write(RowBatch batch)
    {
        var columns = _table.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            _json.WriteStartObject();
            for (var c = 0; c < columns.Count; c++)
            {
                _json.WritePropertyName(_keys[c]);
                if (batch.HasRaw && batch.Raw[c]?[row] is { } raw)
                {
                    _json.WriteStringValue(raw);
                    continue;
                }

                WriteCell(batch, row, c, columns[c].Type);
            }

            _json.WriteEndObject();
            EndLine();
        }

        Rows += batch.Count;
    }

    /// <summary>Ends the object's line; the next object is a new top-level value, which the writer only allows after a reset.</summary>
    private void EndLine()
    {
        _json.Flush();
        _lines.GetSpan(1)[0] = (byte)'\n';
        _lines.Advance(1);
        _json.Reset();
        if (_lines.WrittenCount >= FlushAt)
        {
            FlushLines();
        }
    }

    private void FlushLines()
    {
        _file.Write(_lines.WrittenSpan);
        _lines.ResetWrittenCount();
    }

    private void WriteCell(RowBatch batch, int row, int c, ColumnType type)
    {
        if (type == ColumnType.Text)
        {
            if (batch.Text[c][row] is { } text)
            {
                _json.WriteStringValue(text);
            }
            else
            {
                _json.WriteNullValue();
            }

            return;
        }

        if (!batch.Present[c][row])
        {
            _json.WriteNullValue();
            return;
        }

        var value = batch.Number[c][row];
        switch (type)
        {
            case ColumnType.Integer:
                _json.WriteNumberValue(value);
                break;
            case ColumnType.Timestamp:
                _json.WriteStringValue(_cell.AsSpan(0, CellFormat.WriteTimestamp(value, TimestampFormat, _cell)));
                break;
            case ColumnType.Date:
                _json.WriteStringValue(_cell.AsSpan(0, CellFormat.WriteDate(value, "yyyy-MM-dd", _cell)));
                break;
            default:
                // Money keeps its two places (12.50, not 12.5), as the platforms' exports have it.
                _json.WriteRawValue(_cell.AsSpan(0, CellFormat.WriteHundredths(value, _cell)), skipInputValidation: true);
                break;
        }
    }

    public override void Dispose()
    {
        FlushLines();
        _json.Dispose();
        _file.Dispose();
    }
}
