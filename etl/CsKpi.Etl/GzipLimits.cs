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
    internal EtlReason Reason(string label, long compressedBytes)
    {
        var allowed = AllowedFor(compressedBytes);
        static string N(long n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        return allowed == MaxBytes
            ? new EtlReason("file.gzip_too_large", ("label", label), ("allowed", N(allowed)), ("max", N(MaxBytes)))
            : new EtlReason("file.gzip_ratio", ("label", label), ("allowed", N(allowed)), ("ratio", MaxRatio), ("compressed", N(compressedBytes)));
    }
}

/// <summary>A gzip file produced more bytes than its <see cref="GzipLimits"/> allow.</summary>
internal sealed class GzipTooLargeException(long allowed) : IOException($"more than {allowed} decompressed bytes");
