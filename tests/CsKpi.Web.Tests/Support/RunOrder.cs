using CsKpi.Tests.Shared;

[assembly: TestCollectionOrderer("CsKpi.Web.Tests.Support.RunOrder", "CsKpi.Web.Tests")]

namespace CsKpi.Web.Tests.Support;

/// <summary>
/// This project's longest test collections, longest first (tests/Shared/LongestFirst.cs), from per-class times of a
/// whole run (r25): the page tests' shared site (one collection, its classes one after another, about 80 % of the run's
/// length on its own) started 5 minutes in, and a quarter of the run had one test running.
/// </summary>
public sealed class RunOrder : LongestFirst
{
    protected override IReadOnlyList<string> Longest { get; } =
    [
        SiteCollection.Name,
        nameof(SiteCrashTests),
        nameof(Site.LanguageWalkTests),
        nameof(Pages.Account.SessionTests),
        nameof(Site.SiteMemoryTests),
        nameof(Pages.Promotions.PromotionsCacheTests),
        nameof(Charts.ChartCacheTests),
        nameof(JobsTests),
        nameof(Site.QueryCacheTests),
        nameof(Demo.DemoDataTests),
        nameof(WarehouseLifetimeTests),
        nameof(Site.SignInLimitTests),
    ];
}
