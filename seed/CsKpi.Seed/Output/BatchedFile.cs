using CsKpi.Seed.Contract;

namespace CsKpi.Seed.Output;

/// <summary>A file being written one batch at a time: fill <see cref="Batch"/>, and it goes to disk when full.</summary>
public sealed class BatchedFile : IDisposable
{
    private readonly TableWriter _writer;

    public BatchedFile(string directory, string baseName, ContractTable table, SeedOptions options, int batchRows)
    {
        Table = table;
        var format = options.FormatOf(table.Kind);
        FileName = baseName + format.Extension();
        Batch = new RowBatch(table, batchRows);
        _writer = TableWriter.Create(Path.Combine(directory, FileName), table, format, CsvDialect.For(table.Kind, options.GbkOrders));
    }

    public ContractTable Table { get; }
    public string FileName { get; }
    public RowBatch Batch { get; }
    public long Rows => _writer.Rows + Batch.Count;

    public void FlushIfFull()
    {
        if (Batch.IsFull)
        {
            Flush();
        }
    }

    public void Flush()
    {
        _writer.Write(Batch);
        Batch.Clear();
    }

    public void Dispose()
    {
        if (Batch.Count > 0)
        {
            Flush();
        }

        _writer.Dispose();
    }
}
