using CsKpi.Etl.Tests.Support;
using CsKpi.Seed;
using SeedFormat = CsKpi.Seed.Output.FileFormat;

namespace CsKpi.Etl.Tests;

/// <summary>A seeded inbox of every kind, in every format, loads whole: the ETL and the seed agree on the contract.</summary>
public sealed class SeededInboxTests
{
    [Theory]
    [InlineData(SeedFormat.Csv, false)]
    [InlineData(SeedFormat.Csv, true)]
    [InlineData(SeedFormat.Jsonl, false)]
    [InlineData(SeedFormat.Parquet, false)]
    public void Every_kind_loads_and_every_row_is_accounted_for(SeedFormat format, bool gbk)
    {
        using var bed = new EtlTestBed();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 8, Days = 20, Start = new DateOnly(2026, 1, 20), Format = format, GbkOrders = gbk });

        var reports = bed.Ingest();

        Assert.Equal(manifest.Files.Count, reports.Count);
        foreach (var file in manifest.Files)
        {
            var report = Assert.Single(reports, r => r.File == file.Name);
            Assert.True(report.Outcome == FileOutcome.Loaded, $"{file.Name}: {report.Outcome} {report.Reason}");
            Assert.Equal(file.Rows, report.Read);
            Assert.Equal(report.Read, report.Loaded + report.Duplicates + report.Rejected);
            Assert.True(report.Rejected == 0, $"{file.Name}: {string.Join("; ", bed.Rejects(file.Name).Take(3))}");
        }

        Assert.Equal(manifest.RowsOf("chats"), bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(manifest.RowsOf("ratings"), bed.Scalar<long>("select count(*) from raw.rating"));
        Assert.Equal(manifest.RowsOf("training"), bed.Scalar<long>("select count(*) from raw.training_event"));
        Assert.Equal(24, bed.Scalar<long>("select count(*) from raw.course"));
        Assert.True(bed.Scalar<long>("select count(*) from raw.agent_version") >= 8);
    }

    [Fact]
    public void A_second_ingest_of_the_same_inbox_loads_nothing_and_says_so()
    {
        using var bed = new EtlTestBed();
        SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 5 });
        var first = bed.Ingest();
        var messages = bed.Scalar<long>("select count(*) from raw.chat_message");

        var second = bed.Ingest();

        Assert.All(second, r => Assert.Equal(FileOutcome.AlreadyLoaded, r.Outcome));
        Assert.All(second, r => Assert.Contains("nothing was read", r.Reason));
        Assert.Equal(first.Count, second.Count);
        Assert.Equal(messages, bed.Scalar<long>("select count(*) from raw.chat_message"));
    }

    [Fact]
    public void Bad_rows_of_the_seed_are_rejected_at_their_lines_and_the_rest_loads()
    {
        using var bed = new EtlTestBed();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 5, BadRows = 12 });

        var reports = bed.Ingest();

        foreach (var bad in manifest.BadRows)
        {
            var rejects = bed.Rejects(bad.File);
            Assert.Contains(rejects, r => r.Line == bad.Line && r.Column == bad.Column);
        }

        Assert.Equal(manifest.BadRows.Count, reports.Sum(r => r.Rejected));
    }
}
