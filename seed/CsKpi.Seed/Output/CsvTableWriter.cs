using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>RFC 4180 CSV: comma, double quotes around a field that needs them, doubled quotes inside, LF rows.</summary>
internal sealed class CsvTableWriter : TableWriter
{
    private readonly ContractTable _table;
    private readonly CsvDialect _dialect;
    private readonly StreamWriter _out;
    private readonly IReadOnlyDictionary<string, string>?[] _textWording;
    private readonly IReadOnlyDictionary<long, string>?[] _integerWording;
    private readonly char[] _cell = new char[64];

    public CsvTableWriter(string path, ContractTable table, CsvDialect dialect) : base(path)
    {
        _table = table;
        _dialect = dialect;
        _out = new StreamWriter(path, append: false, dialect.Encoding, bufferSize: 1 << 20);
        _textWording = table.Columns.Select(c => dialect.TextWording?.GetValueOrDefault(c.Name)).ToArray();
        _integerWording = table.Columns.Select(c => dialect.IntegerWording?.GetValueOrDefault(c.Name)).ToArray();
        _out.Write(string.Join(',', table.Columns.Select(c => dialect.ChineseHeaders ? c.ChineseName : c.Name)));
        _out.Write('\n');
    }

    public override void Write(RowBatch batch)
    {
        var columns = _table.Columns;
        for (var row = 0; row < batch.Count; row++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    _out.Write(',');
                }

                if (batch.HasRaw && batch.Raw[c]?[row] is { } raw)
                {
                    WriteText(raw);
                    continue;
                }

                WriteCell(batch, row, c, columns[c].Type);
            }

            _out.Write('\n');
        }

        Rows += batch.Count;
    }

    private void WriteCell(RowBatch batch, int row, int c, ColumnType type)
    {
        if (type == ColumnType.Text)
        {
            var text = batch.Text[c][row];
            if (text is not null && _textWording[c] is { } wording)
            {
                text = wording.GetValueOrDefault(text, text);
            }

            WriteText(text);
            return;
        }

        if (!batch.Present[c][row])
        {
            return;
        }

        var value = batch.Number[c][row];
        if (type == ColumnType.Integer && _integerWording[c]?.GetValueOrDefault(value) is { } word)
        {
            WriteText(word);
            return;
        }

        var length = type switch
        {
            ColumnType.Integer => value.TryFormat(_cell, out var n) ? n : 0,
            ColumnType.Timestamp => CellFormat.WriteTimestamp(value, _dialect.TimestampFormat, _cell),
            ColumnType.Date => CellFormat.WriteDate(value, _dialect.DateFormat, _cell),
            _ => CellFormat.WriteHundredths(value, _cell),
        };
        _out.Write(_cell, 0, length);
    }

    private void WriteText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0 && text[0] != ' ' && text[^1] != ' ')
        {
            _out.Write(text);
            return;
        }

        _out.Write('"');
        _out.Write(text.Replace("\"", "\"\""));
        _out.Write('"');
    }

    public override void Dispose() => _out.Dispose();
}
