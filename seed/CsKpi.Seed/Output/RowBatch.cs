using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>
/// Rows of one contract table held column by column, so that a batch goes to Parquet as column chunks
/// without per-row objects. Text cells are string references (usually shared instances from a phrase
/// bank); other cells are a long (ticks, day number, fen, ×100) plus a presence flag.
/// </summary>
public sealed class RowBatch
{
    private readonly bool[] _isText;

    public RowBatch(ContractTable table, int capacity)
    {
        Table = table;
        Capacity = capacity;
        var n = table.Columns.Count;
        Text = new string?[n][];
        Number = new long[n][];
        Present = new bool[n][];
        Raw = new string?[n][];
        _isText = new bool[n];
        for (var c = 0; c < n; c++)
        {
            _isText[c] = table.Columns[c].Type == ColumnType.Text;
            if (_isText[c])
            {
                Text[c] = new string?[capacity];
            }
            else
            {
                Number[c] = new long[capacity];
                Present[c] = new bool[capacity];
            }
        }
    }

    public ContractTable Table { get; }
    public int Capacity { get; }
    public int Count { get; private set; }
    public bool IsFull => Count == Capacity;

    /// <summary>Per text column, the cell values (null = empty).</summary>
    public string?[][] Text { get; }

    /// <summary>Per typed column, the cell values; see <see cref="ColumnType"/> for the unit.</summary>
    public long[][] Number { get; }

    public bool[][] Present { get; }

    /// <summary>
    /// Verbatim text that replaces a cell in CSV and JSON Lines: how the seed writes the intentionally bad
    /// values of <c>--bad-rows</c> that no typed column could hold (a timestamp "yesterday noon").
    /// </summary>
    public string?[][] Raw { get; }

    public bool HasRaw { get; private set; }

    /// <summary>Starts a new row with every cell empty and returns its index.</summary>
    public int AddRow()
    {
        if (IsFull)
        {
            throw new InvalidOperationException("The batch is full; write it before adding rows.");
        }

        var row = Count++;
        for (var c = 0; c < _isText.Length; c++)
        {
            if (_isText[c])
            {
                Text[c][row] = null;
            }
            else
            {
                Present[c][row] = false;
            }
        }

        if (HasRaw)
        {
            for (var c = 0; c < Raw.Length; c++)
            {
                if (Raw[c] is { } raw)
                {
                    raw[row] = null;
                }
            }
        }

        return row;
    }

    public void SetText(int row, int column, string? value) => Text[column][row] = value;

    public void SetNumber(int row, int column, long value)
    {
        Number[column][row] = value;
        Present[column][row] = true;
    }

    /// <summary>
    /// Whole seconds (see <see cref="ColumnType.Timestamp"/>): the text formats print seconds, so the fraction the
    /// generator's arithmetic leaves is cut here, and a Parquet file holds the same instants as its CSV twin.
    /// </summary>
    public void SetTimestamp(int row, int column, DateTime value) =>
        SetNumber(row, column, value.Ticks - value.Ticks % TimeSpan.TicksPerSecond);

    public void SetDate(int row, int column, DateOnly value) => SetNumber(row, column, value.DayNumber);

    public void SetRaw(int row, int column, string value)
    {
        (Raw[column] ??= new string?[Capacity])[row] = value;
        HasRaw = true;
    }

    public void Clear()
    {
        Count = 0;
        if (HasRaw)
        {
            foreach (var raw in Raw)
            {
                if (raw is not null)
                {
                    Array.Clear(raw);
                }
            }

            HasRaw = false;
        }
    }
}
