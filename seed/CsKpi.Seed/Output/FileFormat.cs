namespace CsKpi.Seed.Output;

public enum FileFormat
{
    Csv,
    Parquet,
    Jsonl,
    /// <summary>Only for the HR files and Pinduoduo orders of a platform layout (see <see cref="Layouts.Layout"/>); not a --format.</summary>
    Xlsx,
}

public static class FileFormatExtensions
{
    public static string Extension(this FileFormat format) => format switch
    {
        FileFormat.Csv => ".csv",
        FileFormat.Parquet => ".parquet",
        FileFormat.Jsonl => ".jsonl",
        FileFormat.Xlsx => ".xlsx",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
