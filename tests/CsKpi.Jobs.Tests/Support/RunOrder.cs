using CsKpi.Tests.Shared;

[assembly: TestCollectionOrderer("CsKpi.Jobs.Tests.Support.RunOrder", "CsKpi.Jobs.Tests")]

namespace CsKpi.Jobs.Tests.Support;

/// <summary>
/// This project's longest test classes, longest first (tests/Shared/LongestFirst.cs): per-class times of the r24 run
/// (docs/benchmarks.md, "Test suite time"), where the crash torture test started 24 minutes into a 35-minute run and
/// ran alone for the last 10 (one core idle for a third of the run).
/// </summary>
public sealed class RunOrder : LongestFirst
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        nameof(CrashTortureTests),
        nameof(OwedWorkTests),
        nameof(Career.DecisionTests),
        nameof(Analyst.SnapshotReplacementTests),
        nameof(Analyst.SandboxTests),
        nameof(IngestCommandTests),
        nameof(IngestCrashTests),
        nameof(Planning.OneAgentMacroTests),
        nameof(CommandLineTests),
        nameof(Shards.ShardStoreListTests),
        nameof(Career.ReviewCommandTests),
        nameof(Career.HalfReviewJobTests),
        nameof(RecomputeCommandTests),
        nameof(StopSignalTests),
    ];
}
