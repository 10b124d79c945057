using CsKpi.Tests.Shared;

[assembly: TestCollectionOrderer("CsKpi.Etl.Tests.Support.RunOrder", "CsKpi.Etl.Tests")]

namespace CsKpi.Etl.Tests.Support;

/// <summary>This project's longest test classes, longest first (tests/Shared/LongestFirst.cs), from the r24 run's per-class times.</summary>
public sealed class RunOrder : LongestFirst
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        nameof(OptionalColumnTests),
        nameof(BadInputTests),
        nameof(SeededInboxTests),
        nameof(LayoutTests),
        nameof(TranscriptTests),
        nameof(ReasonCodeTests),
        nameof(AgentReportTests),
        nameof(OversizeInputTests),
    ];
}
