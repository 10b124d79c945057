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

    [Fact]
    public void A_report_only_store_s_reports_of_older_months_wait_for_the_second_pass_and_its_roster_does_not()
    {
        var staging = Path.Combine(_root, "staging");
        var inbox = Path.Combine(_root, "inbox");
        var manifest = SeedRun.Run(new SeedOptions
        {
            OutputDirectory = staging, Agents = 4, Days = 40, Start = new DateOnly(2026, 2, 10), Layout = Layout.Taobao, Stores = 2, ReportOnlyStores = 1,
        });
        var reports = manifest.Files.Where(f => f.Kind == "agent_report").Select(f => f.Name).ToList();
        Assert.Contains("暖居家纺专营店/售前绩效_2026-02-10.xlsx", reports);

        DemoDataLoader.MoveBatch(staging, inbox, older: false, recent: "2026-03");
        bool InInbox(string name) => File.Exists(Path.Combine(inbox, name));
        Assert.True(InInbox("暖居家纺专营店/售前绩效_2026-03-01.xlsx") && InInbox("暖居家纺专营店/客服数据_20260301_20260321.csv"));
        Assert.False(InInbox("暖居家纺专营店/售前绩效_2026-02-10.xlsx") || InInbox("暖居家纺专营店/客服工作量_2026-02-10 ~ 2026-02-28.xlsx"));
        Assert.True(InInbox("agents_2026-02-10.xlsx"), "the first roster goes with the first pass");
        Assert.DoesNotContain(manifest.Files, f => f.Name == "chats_2026-03_s02.csv");
        DemoDataLoader.MoveBatch(staging, inbox, older: true, recent: "2026-03");

        Assert.All(manifest.Files, f => Assert.True(InInbox(f.Name), $"{f.Name} did not reach the inbox"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
