using System.IO.Compression;
using System.Text;
using CsKpi.Etl.Tests.Support;

namespace CsKpi.Etl.Tests;

/// <summary>
/// Files built to exhaust the loader (issue 13, item 8): a gzip that expands a thousandfold, a line of megabytes, a
/// header of hundreds of thousands of columns. Each is refused or rejected with a reason that names the limit, and
/// what can be loaded still loads.
/// </summary>
public sealed class OversizeInputTests
{
    private const string ChatHeader = "message_id,store_id,buyer_id,agent_id,sender,sent_at,content";

    [Fact]
    public void A_gzip_bomb_is_refused_once_it_passes_its_limit_and_leaves_nothing_on_disk()
    {
        using var bed = new EtlTestBed();
        // 300 MiB of blank lines after a header, as 300 gzip members of 1 MiB each: a file of about 300 KB.
        var path = Path.Combine(bed.Inbox, "chats_bomb.csv.gz");
        using (var file = File.Create(path))
        {
            file.Write(Gzip(Encoding.UTF8.GetBytes(ChatHeader + "\n")));
            var member = Gzip(new byte[1 << 20].Select(_ => (byte)'\n').ToArray());
            for (var i = 0; i < 300; i++)
            {
                file.Write(member);
            }
        }

        var size = new FileInfo(path).Length;
        Assert.True(size < 1 << 20, $"the bomb is {size} bytes");

        var report = bed.IngestOne("chats_bomb.csv.gz");

        Assert.Equal(FileOutcome.Rejected, report.Outcome);
        // 100 times 300 KB is below the 64 MiB any file may reach, so 64 MiB is where it stopped.
        Assert.Equal(
            $"this .csv.gz file expands to more than {64L << 20:N0} bytes once decompressed (a file may expand to 100 times its compressed size, here {size:N0} bytes), "
            + "so it was not unpacked further and nothing was loaded; a real export does not compress this far — check the file, or split it into smaller files",
            report.Reason);
        Assert.Equal(report.Reason, bed.Scalar<string>("select reason from etl.file_ledger where file_name = 'chats_bomb.csv.gz'"));
        Assert.Empty(Directory.GetFiles(Path.Combine(bed.Root, "cskpi.duckdb.etl")));
    }

    [Fact]
    public void A_gzip_past_the_limit_for_one_file_names_that_limit_and_a_smaller_one_loads()
    {
        using var bed = new EtlTestBed();
        var rows = new StringBuilder(ChatHeader + "\n");
        for (var i = 1; rows.Length < 300_000; i++)
        {
            rows.Append($"m{i},朵朵云,买家{i % 17},朵朵云:小A,buyer,2026-03-08 09:{i / 60 % 60:00}:{i % 60:00},第{i}条消息\n");
        }

        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_big.csv.gz"), Gzip(Encoding.UTF8.GetBytes(rows.ToString())));
        File.WriteAllBytes(Path.Combine(bed.Inbox, "chats_small.csv.gz"), Gzip(Encoding.UTF8.GetBytes($"{ChatHeader}\nw1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗\n")));
        var loader = new InboxLoader(bed.Warehouse, new EtlOptions { Inbox = bed.Inbox, Gzip = new GzipLimits(MaxBytes: 200_000, MaxRatio: 1_000, RatioFreeBytes: 0) });

        var reports = loader.IngestInbox();

        var big = Assert.Single(reports, r => r.File == "chats_big.csv.gz");
        Assert.Equal(FileOutcome.Rejected, big.Outcome);
        Assert.StartsWith("this .csv.gz file expands to more than 200,000 bytes once decompressed (the limit for one file is 200,000 bytes)", big.Reason, StringComparison.Ordinal);
        var small = Assert.Single(reports, r => r.File == "chats_small.csv.gz");
        Assert.Equal((FileOutcome.Loaded, 1L), (small.Outcome, small.Loaded));
    }

    [Theory]
    [InlineData("\n", 0)]
    [InlineData("\r\n", 0)]
    // Past the rows DuckDB's sniffer samples (20,480), where DuckDB itself cut the line inside a character.
    [InlineData("\r\n", 25_000)]
    public void A_line_longer_than_the_limit_is_rejected_at_its_own_line_and_the_good_rows_load(string lineEnd, int rowsBefore)
    {
        using var bed = new EtlTestBed();
        var huge = new string('长', 1_000_000); // 3,000,000 bytes of UTF-8: more than a line may hold
        var before = string.Concat(Enumerable.Range(1, rowsBefore).Select(i => $"b{i},朵朵云,买家{i % 17},朵朵云:小A,buyer,2026-03-08 10:00:00,第{i}条\n"));
        bed.Write("chats_long_line.csv", ($"""
            {ChatHeader}
            {before}m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗
            m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,"{huge}"
            m3,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:20,在的
            m4,朵朵云,小红,朵朵云:小A,buyer,2026-03-08 09:01:00,发货了吗

            """).ReplaceLineEndings(lineEnd));

        var report = bed.IngestOne("chats_long_line.csv");

        Assert.True(report.Outcome == FileOutcome.Loaded, $"{report.Outcome}: {report.Reason}");
        Assert.Equal((rowsBefore + 4L, rowsBefore + 3L, 1L), (report.Read, report.Loaded, report.Rejected));
        var reject = Assert.Single(bed.Rejects("chats_long_line.csv"));
        Assert.Equal(rowsBefore + 3, reject.Line);
        Assert.StartsWith("the line is 3000", reject.Reason, StringComparison.Ordinal);
        Assert.Contains("bytes long, more than the 2000000 bytes a line may hold", reject.Reason, StringComparison.Ordinal);
        Assert.StartsWith("m2,朵朵云,小明,朵朵云:小A,agent,2026-03-08 09:00:10,\"长长", reject.Value, StringComparison.Ordinal);
        Assert.True(reject.Value!.Length <= 201, $"the stored value is {reject.Value.Length} characters");
        // The good rows keep their own lines: m3 is the line after the long one.
        Assert.Equal(
            [("m1", rowsBefore + 2L), ("m3", rowsBefore + 4L), ("m4", rowsBefore + 5L)],
            bed.Query<(string, long)>("select message_id, line from raw.chat_message where message_id like 'm%' order by 1"));
    }

    [Fact]
    public void A_header_of_300000_columns_is_refused_naming_line_1_and_the_limit()
    {
        using var bed = new EtlTestBed();
        bed.Write("chats_wide.csv", ChatHeader + string.Concat(Enumerable.Range(0, 300_000).Select(i => $",extra{i}")) + "\n"
            + "m1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗\n");
        bed.Write("orders_wide.csv", "order_id,store_id,buyer_id,created_at,amount" + string.Concat(Enumerable.Range(0, 1_500).Select(i => $",x{i}")) + "\n"
            + "T1,朵朵云,小明,2026-03-08 10:00:00,9.90\n");

        var reports = bed.Ingest();

        var wide = Assert.Single(reports, r => r.File == "chats_wide.csv");
        Assert.Equal(FileOutcome.Rejected, wide.Outcome);
        Assert.StartsWith("line 1, the header, is longer than 2,000,000 bytes, the most a line may hold", wide.Reason, StringComparison.Ordinal);
        var columns = Assert.Single(reports, r => r.File == "orders_wide.csv");
        Assert.Equal(FileOutcome.Rejected, columns.Outcome);
        Assert.StartsWith("line 1, the header, has 1,505 columns; a file may have at most 1,000", columns.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_limited_to_courses_and_training_loads_and_reports_only_those()
    {
        using var bed = new EtlTestBed();
        bed.Write("courses_1.csv", "course_id,title,category,pass_score,valid_months,required_for_level,hours\nC01,产品知识入门,产品,60,12,L2,1.5\n");
        bed.Write("chats_1.csv", $"{ChatHeader}\nm1,朵朵云,小明,朵朵云:小A,buyer,2026-03-08 09:00:00,在吗\n");
        bed.Write("notes.txt", "not a contract file");
        var loader = new InboxLoader(bed.Warehouse, new EtlOptions { Inbox = bed.Inbox, Kinds = [FileKind.Courses, FileKind.Training] });

        var reports = loader.IngestInbox();

        Assert.Equal(["courses_1.csv"], reports.Select(r => r.File));
        Assert.Equal(0, bed.Scalar<long>("select count(*) from raw.chat_message"));
        // The rest waits for the next full run.
        bed.Ingest();
        Assert.Equal(1, bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
