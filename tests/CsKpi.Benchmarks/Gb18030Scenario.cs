using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using CsKpi.Etl;
using CsKpi.Seed;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Benchmarks;

/// <summary>
/// GBK to UTF-8: the ETL's own <see cref="Gb18030Transcoder"/> against the framework's
/// <see cref="Encoding.CreateTranscodingStream"/> over the GB18030 encoding of <see cref="CodePagesEncodingProvider"/>,
/// on a Taobao ExportOrderList as the seed writes it (GBK, every field quoted, Chinese names, addresses and items).
/// The seeded month's rows are repeated until the file holds at least 128 MB × scale. Both write the same bytes
/// (checked); each runs to a discarding stream (the CPU cost alone) and to a file (as FilePreparer does), alternately,
/// several times, and the best and the median of each are reported. Issue 15: the transcoder stays only if it wins clearly.
/// </summary>
internal static class Gb18030Scenario
{
    private const int Rounds = 5;

    public static IReadOnlyList<Figure> Run(int scale)
    {
        var root = Path.Combine(Path.GetTempPath(), $"cskpi-bench-gb18030-{Environment.ProcessId}");
        try
        {
            var gbk = Export(root, 128L * 1024 * 1024 * scale);
            var megabytes = new FileInfo(gbk).Length / 1e6;
            var framework = FrameworkEncoding();
            var output = Path.Combine(root, "utf8.csv");
            Action<Stream, Stream> ours = Gb18030Transcoder.Transcode;
            Action<Stream, Stream> theirs = (source, target) =>
            {
                using var utf8 = Encoding.CreateTranscodingStream(source, framework, Encoding.UTF8, leaveOpen: true);
                utf8.CopyTo(target, FilePreparer.BufferSize);
            };

            if (Hash(gbk, output, ours) != Hash(gbk, output, theirs))
            {
                throw new InvalidOperationException("the two transcoders wrote different UTF-8 for the same export");
            }

            List<double> oursNull = [], theirsNull = [], oursFile = [], theirsFile = [];
            for (var round = 0; round < Rounds; round++)
            {
                oursNull.Add(megabytes / Time(gbk, null, ours));
                theirsNull.Add(megabytes / Time(gbk, null, theirs));
                oursFile.Add(megabytes / Time(gbk, output, ours));
                theirsFile.Add(megabytes / Time(gbk, output, theirs));
            }

            var label = $"{megabytes:N0} MB Taobao ExportOrderList (GBK)";
            return
            [
                new($"ours, to nothing, best of {Rounds}", oursNull.Max(), "MB/s", $"{label}; median {Median(oursNull):N0}; ×{oursNull.Max() / theirsNull.Max():N2} the framework's best"),
                new($"framework CreateTranscodingStream, to nothing, best of {Rounds}", theirsNull.Max(), "MB/s", $"median {Median(theirsNull):N0}"),
                new($"ours, file to file, best of {Rounds}", oursFile.Max(), "MB/s", $"median {Median(oursFile):N0}; ×{oursFile.Max() / theirsFile.Max():N2} the framework's best"),
                new($"framework CreateTranscodingStream, file to file, best of {Rounds}", theirsFile.Max(), "MB/s", $"median {Median(theirsFile):N0}"),
            ];
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>GB18030 as the ETL decodes it: undefined bytes fail rather than turning into U+FFFD.</summary>
    private static Encoding FrameworkEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>Seconds to transcode the file at <paramref name="path"/> to <paramref name="output"/> (discarded when null).</summary>
    private static double Time(string path, string? output, Action<Stream, Stream> transcode)
    {
        using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FilePreparer.BufferSize, FileOptions.SequentialScan);
        using var target = output is null ? Stream.Null : new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, FilePreparer.BufferSize);
        var clock = Stopwatch.StartNew();
        transcode(source, target);
        target.Flush();
        return clock.Elapsed.TotalSeconds;
    }

    private static string Hash(string path, string output, Action<Stream, Stream> transcode)
    {
        Time(path, output, transcode);
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(output)));
        File.Delete(output);
        return hash;
    }

    /// <summary>A seeded Taobao store's order report, its data rows repeated until the file holds <paramref name="bytes"/>.</summary>
    private static string Export(string root, long bytes)
    {
        var inbox = Path.Combine(root, "seed");
        SeedRun.Run(new SeedOptions
        {
            OutputDirectory = inbox, Agents = 200, Days = 31, Start = new DateOnly(2026, 3, 1),
            Format = SeedFormat.Csv, Layout = CsKpi.Seed.Layouts.Layout.Taobao,
        });
        var seeded = Directory.EnumerateFiles(inbox, "ExportOrderList*.csv", SearchOption.AllDirectories).Single();
        var content = File.ReadAllBytes(seeded);
        var headerEnd = Array.IndexOf(content, (byte)'\n') + 1;
        var path = Path.Combine(root, Path.GetFileName(seeded));
        using (var export = File.Create(path))
        {
            export.Write(content);
            while (export.Length < bytes)
            {
                export.Write(content.AsSpan(headerEnd));
            }
        }

        Directory.Delete(inbox, recursive: true);
        return path;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
