namespace CsKpi.Etl;

/// <summary>
/// How far a gzip file may expand before the ETL stops unpacking it. A 2 MB file of repeated bytes can expand to
/// gigabytes on disk (a "zip bomb"); real exports compress chat text and orders 4 to 20 times. So a file may expand
/// to <see cref="MaxRatio"/> times its compressed size, never past <see cref="MaxBytes"/>, and any file may reach
/// <see cref="RatioFreeBytes"/> whatever its ratio (a small, very repetitive export is harmless).
/// </summary>
public sealed record GzipLimits(long MaxBytes, int MaxRatio, long RatioFreeBytes)
{
    public static readonly GzipLimits Default = new(MaxBytes: 4L << 30, MaxRatio: 100, RatioFreeBytes: 64L << 20);

    /// <summary>The decompressed bytes a file of <paramref name="compressedBytes"/> may produce.</summary>
    public long AllowedFor(long compressedBytes)
    {
        var byRatio = compressedBytes > long.MaxValue / Math.Max(MaxRatio, 1) ? long.MaxValue : compressedBytes * MaxRatio;
        return Math.Min(MaxBytes, Math.Max(RatioFreeBytes, byRatio));
    }

    /// <summary>The reason a file that went past its allowance is refused, naming the limit it hit.</summary>
    internal string Reason(string label, long compressedBytes)
    {
        var allowed = AllowedFor(compressedBytes);
        var limit = allowed == MaxBytes
            ? $"the limit for one file is {MaxBytes:N0} bytes"
            : $"a file may expand to {MaxRatio} times its compressed size, here {compressedBytes:N0} bytes";
        return $"this {label} file expands to more than {allowed:N0} bytes once decompressed ({limit}), so it was not "
            + "unpacked further and nothing was loaded; a real export does not compress this far — check the file, or "
            + "split it into smaller files";
    }
}

/// <summary>A gzip file produced more bytes than its <see cref="GzipLimits"/> allow.</summary>
internal sealed class GzipTooLargeException(long allowed) : IOException($"more than {allowed} decompressed bytes");
