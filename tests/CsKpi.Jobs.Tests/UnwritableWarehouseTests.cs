using CsKpi.Jobs.Tests.Support;

namespace CsKpi.Jobs.Tests;

/// <summary>
/// A warehouse in a folder this process cannot write: cskpi says which path and why, and does not suggest running
/// again, which cannot help.
/// </summary>
public sealed class UnwritableWarehouseTests : IDisposable
{
    private readonly CliTestBed bed = new();

    public void Dispose()
    {
        ReadOnlyFolder.Restore(bed.Root);
        bed.Dispose();
    }

    [Fact]
    public void Ingest_names_the_folder_it_cannot_write_and_stops()
    {
        bed.Seed(badRows: 0);
        var folder = ReadOnlyFolder.Make(bed.Root);

        var run = bed.Run("ingest", "--inbox", bed.Inbox, "--warehouse", Path.Combine(folder, "cskpi.duckdb"));

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{folder} is not writable", run.Error, StringComparison.Ordinal);
        Assert.Contains("Make that folder and file writable", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("again", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }
}
