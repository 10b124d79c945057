using CsKpi.Seed;
using CsKpi.Seed.Layouts;
using CsKpi.Web.Demo;

namespace CsKpi.Web.Tests.Demo;

/// <summary>The demo's move of seeded files into the inbox, with a platform layout (Demo:Layout) whose exports sit in store folders.</summary>
public sealed class DemoStagingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cskpi-demo-staging-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Both_passes_move_every_seeded_file_with_its_store_folder_and_leave_only_the_manifest()
    {
        var staging = Path.Combine(_root, "staging");
        var inbox = Path.Combine(_root, "inbox");
        var manifest = SeedRun.Run(new SeedOptions { OutputDirectory = staging, Agents = 4, Days = 40, Start = new DateOnly(2026, 2, 10), Layout = Layout.Jd });
        Assert.Contains(manifest.Files, f => f.Name.Contains('/', StringComparison.Ordinal));

        DemoDataLoader.MoveBatch(staging, inbox, older: false, recent: "2026-03");
        Assert.True(File.Exists(Path.Combine(inbox, "chats_2026-03.csv")));
        Assert.False(File.Exists(Path.Combine(inbox, "chats_2026-02.csv")));
        DemoDataLoader.MoveBatch(staging, inbox, older: true, recent: "2026-03");

        Assert.All(manifest.Files, f => Assert.True(File.Exists(Path.Combine(inbox, f.Name)), $"{f.Name} did not reach the inbox"));
        Assert.Equal([SeedManifest.FileName], Directory.GetFiles(staging, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
