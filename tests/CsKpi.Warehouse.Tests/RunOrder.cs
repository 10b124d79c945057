using CsKpi.Tests.Shared;

[assembly: TestCollectionOrderer("CsKpi.Warehouse.Tests.RunOrder", "CsKpi.Warehouse.Tests")]

namespace CsKpi.Warehouse.Tests;

/// <summary>This project's longest test classes, longest first (tests/Shared/LongestFirst.cs), from the r24 run's per-class times.</summary>
public sealed class RunOrder : LongestFirst
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        nameof(Marts.FullAndIncrementalTests),
        nameof(Marts.ConversionTests),
        nameof(LakeTests),
        nameof(Marts.AttributionTests),
        nameof(Marts.GeneratedRollupTests),
        nameof(Marts.SettingsTests),
        nameof(PathTests),
        nameof(Marts.ReceptionTests),
        nameof(Marts.ReconciliationTests),
        nameof(Marts.AgentReportMartTests),
        nameof(Marts.AttendanceTests),
        nameof(WalReplayTests),
    ];
}
