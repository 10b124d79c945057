using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Scorecards;

/// <summary>
/// 绩效: each agent's scorecard — item scores, total, grade, ranks — and the team scores. A whole month reads the
/// kept marts.scorecard_monthly; any other period is scored on demand by marts.scorecard over the range. Both score a
/// period the data do not reach the end of by one rule (targets prorated, provisional), and each agent by the card of
/// their role: a table per card.
/// </summary>
public sealed class IndexModel(DuckDBConnection db) : SitePage(db)
{
    public IReadOnlyList<ScoreRow> Scores { get; private set; } = [];
    public IReadOnlyList<ItemScore> Items { get; private set; } = [];
    public IReadOnlyList<string> ItemMetrics { get; private set; } = [];
    public IReadOnlyList<(string Team, double Score, int Members)> TeamScores { get; private set; } = [];
    public string Source { get; private set; } = "";
    public DateOnly? ScorecardFrom { get; private set; }

    public sealed record ScoreRow
    {
        public string AgentId { get; init; } = "";
        public string AgentName { get; init; } = "";
        public string Team { get; init; } = "";
        public double Total { get; init; }
        public double MaxTotal { get; init; }
        public string Grade { get; init; } = "";
        public long TeamRank { get; init; }
        public long StoreRank { get; init; }
        public double TeamScore { get; init; }
        public DateOnly ScorecardFrom { get; init; }
        public string Role { get; init; } = "presale";
        public DateOnly ScoredTo { get; init; }
        public bool InProgress { get; init; }
        public bool IsProvisional { get; init; }
    }

    public sealed record ItemScore
    {
        public string AgentId { get; init; } = "";
        public string Metric { get; init; } = "";
        public double Weight { get; init; }
        public double Target { get; init; }
        public double? Actual { get; init; }
        public double Score { get; init; }
    }

    public ItemScore? Item(string agentId, string metric) => itemsByAgent[(agentId, metric)].FirstOrDefault();

    /// <summary>The agents by the card that scored them (presale first): items and ranks differ between cards.</summary>
    public IEnumerable<IGrouping<string, ScoreRow>> Cards => Scores.GroupBy(s => s.Role)
        .OrderBy(g => g.Key == "presale" ? 0 : g.Key == "aftersale" ? 1 : 2).ThenBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>The items of one card, in the card's order (weight, then metric).</summary>
    public IReadOnlyList<string> CardMetrics(IEnumerable<ScoreRow> card)
    {
        var agents = card.Select(s => s.AgentId).ToHashSet();
        return Items.Where(i => agents.Contains(i.AgentId)).GroupBy(i => i.Metric)
            .OrderByDescending(g => g.Max(i => i.Weight)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
    }

    /// <summary>The newest day a month in progress is scored to, when the scores shown are of one.</summary>
    public DateOnly? InProgressTo => Scores.Where(s => s.InProgress).Select(s => (DateOnly?)s.ScoredTo).Max();

    private ILookup<(string, string), ItemScore> itemsByAgent = Array.Empty<ItemScore>().ToLookup(i => (i.AgentId, i.Metric));

    /// <summary>The page shows one page of the agents (<see cref="SitePage.Pager"/>); team scores and the download count them all.</summary>
    public void OnGet()
    {
        Load();
        Scores = Paged(Scores);
    }

    public IActionResult OnGetExport(string? format)
    {
        Load();
        return Download(new ExportTable($"cskpi-scorecards-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            [Lang.T("客服账号", "Agent id"), Lang.T("客服", "Agent"), Lang.T("小组", "Team"), .. ItemMetrics.Select(Metrics.Name),
             Lang.T("总分", "Total"), Lang.T("满分", "Max"), Lang.T("等级", "Grade"), Lang.T("组内排名", "Team rank"), Lang.T("店内排名", "Store rank"), Lang.T("小组得分", "Team score"),
             Lang.T("考核岗位", "Card"), Lang.T("暂定", "Provisional")],
            Scores.Select(s => (object?[])[s.AgentId, s.AgentName, s.Team, .. ItemMetrics.Select(m => (object?)Item(s.AgentId, m)?.Score),
                s.Total, s.MaxTotal, s.Grade, s.TeamRank, s.StoreRank, s.TeamScore, ScorecardWords.RoleName(s.Role), s.IsProvisional]).ToList()), format);
    }

    /// <summary>A calendar month (whole, or up to the last day loaded) reads the kept monthly scorecard.</summary>
    public bool IsMonth => Period.From.Day == 1 && Period.To.Month == Period.From.Month && Period.To.Year == Period.From.Year
        && (Period.To == Period.From.AddMonths(1).AddDays(-1) || Period.DataTo == Period.LastDay);

    private void Load()
    {
        var month = Period.From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Source = IsMonth
            ? "(select *, month as period from marts.scorecard_monthly where month = $month)"
            : "marts.scorecard('range', $from, $to)";
        var parameters = Scope.Parameters(new { month, from = Period.From, to = Period.DataTo });
        var what = $"{Source}|{month}|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}";
        Scores = Cached("scorecards|" + what, () => Db.Query<ScoreRow>($"""
            select agent_id, agent_name, team, total, max_total, grade, team_rank, store_rank, team_score, scorecard_from,
                   role, scored_to, in_progress, is_provisional
            from {Source} where {Scope.Where()}
            order by role, store_rank, agent_id
            """, parameters).ToList());
        Items = Cached("scorecard-items|" + what, () => Db.Query<ItemScore>($"""
            select agent_id, item.metric, item.weight, item.target, item.actual, item.score
            from (select agent_id, unnest(items) as item from {Source} where {Scope.Where()})
            """, parameters).ToList());
        itemsByAgent = Items.ToLookup(i => (i.AgentId, i.Metric));
        ItemMetrics = Items.Select(i => i.Metric).Distinct().ToList();
        TeamScores = Scores.GroupBy(s => s.Team).Select(g => (g.Key, g.First().TeamScore, g.Count())).OrderByDescending(t => t.Item2).ToList();
        ScorecardFrom = Scores.FirstOrDefault()?.ScorecardFrom;
    }
}
