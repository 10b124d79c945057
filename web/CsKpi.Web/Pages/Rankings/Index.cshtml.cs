using CsKpi.Web.Charts;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Rankings;

/// <summary>
/// 排名: agents ranked on one metric over the period, within the store or within each team (metrics.md): ties share a
/// rank, agents below min_inquiries_for_rank inquiry buyers (or with no value) are listed apart, unranked.
/// </summary>
public sealed class IndexModel(DuckDBConnection db) : SitePage(db)
{
    /// <summary>The metrics agents can be ranked on: the registry's scorecard metrics, in its order.</summary>
    public IReadOnlyList<string> Choices => Metrics.Scorecard;

    /// <summary>The metric ranked; when none is chosen, the first of the registry's <c>ranking</c> list.</summary>
    public string Metric { get; private set; } = "";
    public bool ByTeam { get; private set; }
    /// <summary>The ranked agents of the page: one page of the list (<see cref="SitePage.Pages"/>); the chart and the download have them all.</summary>
    public IReadOnlyList<RankRow> Ranked { get; private set; } = [];

    /// <summary>The agents listed apart, unranked: a page of them too (query parameter <see cref="ApartPage"/>).</summary>
    public IReadOnlyList<RankRow> Apart { get; private set; } = [];

    /// <summary>The query parameter of the unranked list's pages.</summary>
    public const string ApartPage = "apart";

    private IReadOnlyList<RankRow> allRanked = [];
    public int MinInquiries { get; private set; }

    public sealed record RankRow
    {
        public string AgentId { get; init; } = "";
        public string AgentName { get; init; } = "";
        public string Team { get; init; } = "";
        public double? Value { get; init; }
        public long? Rank { get; init; }
        public bool IsSmallSample { get; init; }
        public long InquiryBuyers { get; init; }
        public int MinInquiriesForRank { get; init; }
        public bool IsTie { get; init; }
    }

    public override IEnumerable<KeyValuePair<string, string?>> Keep => [new("metric", Metric), new("scope", ByTeam ? "team" : null)];

    public void OnGet(string? metric, string? scope)
    {
        Load(metric, scope);
        Ranked = Paged(Ranked);
        Apart = Paged(Apart, ApartPage);
    }

    public IActionResult OnGetExport(string? format, string? metric, string? scope)
    {
        Load(metric, scope);
        return Download(new ExportTable($"cskpi-ranking-{Metric}-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            [Lang.T("名次", "Rank"), Lang.T("客服账号", "Agent id"), Lang.T("客服", "Agent"), Lang.T("小组", "Team"), Metrics.Name(Metric), Metrics.Name("inquiry_buyers"), Lang.T("样本不足", "Sample too small")],
            Ranked.Concat(Apart).Select(r => new object?[] { r.Rank, r.AgentId, r.AgentName, r.Team, r.Value, r.InquiryBuyers, r.IsSmallSample }).ToList()), format);
    }

    public IActionResult OnGetChart(string? metric, string? scope)
    {
        Load(metric, scope);
        var chart = Chart();
        return Png((fonts, chinese) => chart.Render(fonts, chinese));
    }

    /// <summary>The ranked agents as bars, best at the top (the best and the weakest when there are many, <see cref="RankingChart.Of"/>); the page sizes the image by its height.</summary>
    public RankingChart Chart()
    {
        var text = Metrics.Text(Metric);
        var percent = Metrics.IsPercent(Metric);
        return RankingChart.Of(text, new(text.Chinese + (percent ? " (%)" : ""), text.English + (percent ? " (%)" : "")),
            allRanked.Select(r => r.AgentName).ToList(), allRanked.Select(r => r.Value ?? 0).ToList(), percent);
    }

    private void Load(string? metric, string? scope)
    {
        Metric = metric is not null && Choices.Contains(metric) ? metric : Metrics.DefaultRanking;
        ByTeam = scope == "team";
        var rank = ByTeam ? "team_rank" : "store_rank";
        var rows = Cached($"ranking|{rank}|{Metric}|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}", () => Db.Query<RankRow>($"""
            select agent_id, agent_name, team, value, {rank} as rank, is_small_sample, inquiry_buyers, min_inquiries_for_rank,
                   {rank} is not null and count(*) over (partition by {(ByTeam ? "team, " : "")}{rank}) > 1 as is_tie
            from marts.agent_ranking('range', $from, $to)
            where metric = $metric and {Scope.Where()}
            order by {(ByTeam ? "team, " : "")}{rank} nulls last, inquiry_buyers desc, agent_id
            """, Scope.Parameters(new { from = Period.From, to = Period.DataTo, metric = Metric })).ToList());
        Ranked = allRanked = rows.Where(r => r.Rank is not null).ToList();
        Apart = rows.Where(r => r.Rank is null).ToList();
        MinInquiries = rows.FirstOrDefault()?.MinInquiriesForRank ?? 0;
    }
}
