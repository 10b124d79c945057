using CsKpi.Etl.Tests.Support;
using CsKpi.Seed;

namespace CsKpi.Etl.Tests;

/// <summary>The site runs ingests from the schedule and from "run now"; side by side they must act as one.</summary>
public sealed class ConcurrentIngestTests
{
    [Fact]
    public async Task Two_ingests_at_once_load_each_file_once()
    {
        using var bed = new EtlTestBed();
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = bed.Inbox, Agents = 6, Days = 10, ChatsOnly = true });

        var runs = await Task.WhenAll(Task.Run(bed.Ingest), Task.Run(bed.Ingest));

        Assert.Equal(manifest.RowsOf("chats"), bed.Scalar<long>("select count(*) from raw.chat_message"));
        Assert.Equal(manifest.Files.Count, bed.Scalar<long>("select count(*) from etl.file_ledger"));
        Assert.Equal(manifest.Files.Count, runs.SelectMany(r => r).Count(r => r.Outcome == FileOutcome.Loaded));
        Assert.Equal(manifest.Files.Count, runs.SelectMany(r => r).Count(r => r.Outcome == FileOutcome.AlreadyLoaded));
    }

    [Fact]
    public void A_transcoded_copy_left_by_a_killed_ingest_is_removed_by_the_next()
    {
        using var bed = new EtlTestBed();
        var temp = bed.Warehouse.CanonicalPath + ".etl";
        Directory.CreateDirectory(temp);
        var leftover = Path.Combine(temp, "cskpi-orders_2026-01-0123456789abcdef.csv");
        File.WriteAllText(leftover, "what a killed ingest left");
        var unrelated = Path.Combine(temp, "notes.txt");
        File.WriteAllText(unrelated, "not ours");

        bed.Ingest();

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }
}
