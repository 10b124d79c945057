namespace CsKpi.Seed.Output;

public enum FileFormat
{
    Csv,
    Parquet,
    Jsonl,
}

public static class FileFormatExtensions
{
    public static string Extension(this FileFormat format) => format switch
    {
        FileFormat.Csv => ".csv",
        FileFormat.Parquet => ".parquet",
        FileFormat.Jsonl => ".jsonl",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
