using System.Globalization;
using CsKpi.Jobs;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Reviews;

/// <summary>
/// Chat review (抽查): a week's sample grouped by agent, or one agent's sampled receptions over the period grouped by
/// week (where the agent page leads), and the good and bad examples as training material. Only weeks that have ended
/// are shown and sampled: the week still running (by the site's clock) would be judged on part of its receptions.
/// A supervisor sees their team, an agent their own (read-only); an admin picks an ended week's sample now (the
/// weekly job's run, safe to repeat).
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    [BindProperty(SupportsGet = true)] public DateOnly? Week { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }

    public DateOnly WeekStart { get; private set; }
    public IReadOnlyList<SampledReception> Rows { get; private set; } = [];

    /// <summary>The rows per agent (a week's sample) or per week (one agent's), each with its review progress.</summary>
    public IReadOnlyList<SampleGroup> Groups { get; private set; } = [];

    /// <summary>Whether the chosen week is over by today; a week still running is neither shown nor sampled.</summary>
    public bool WeekEnded { get; private set; }
    public IReadOnlyList<ReviewExample> Examples { get; private set; } = [];
    public IReadOnlyDictionary<string, AgentRow> Agents { get; private set; } = new Dictionary<string, AgentRow>();
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>One agent's receptions of a week's sample, or one week's of an agent's.</summary>
    /// <param name="Key">the agent id or the week's Monday (yyyy-MM-dd): the group's anchor on the page.</param>
    public sealed record SampleGroup(string Key, string AgentId, DateOnly WeekStart, IReadOnlyList<SampledReception> Rows)
    {
        public int Reviewed => Rows.Count(r => r.ReviewScore is not null);

        public double? AverageScore => Rows.Select(r => r.ReviewScore).Average();

        public int Examples => Rows.Count(r => r.Example is not null);
    }

    public sealed record AgentRow(string AgentId, string StoreId, string Name, string Team);

    /// <summary>The week, agent and reason chosen, kept by the pager's links.</summary>
    public override IEnumerable<KeyValuePair<string, string?>> Keep =>
        [new("week", Week is { } week ? Period.Iso(week) : null), new("agent", Agent), new("reason", Reason)];

    public static readonly IReadOnlyList<string> Reasons = ["slowest", "unanswered", "unconverted", "largest_order", "random"];

    public static string ReasonText(string reason) => reason switch
    {
        "slowest" => Lang.T("响应最慢", "slowest response"),
        "unanswered" => Lang.T("未回复", "unanswered"),
        "unconverted" => Lang.T("询单未转化", "unconverted inquiry"),
        "largest_order" => Lang.T("最大订单", "largest order"),
        "random" => Lang.T("随机", "random"),
        _ => reason,
    };

    public IActionResult OnGet() => Show() ? Page() : NotFound();

    /// <summary>Runs the weekly sampling for the chosen week now (admin).</summary>
    public IActionResult OnPostSample(DateOnly? week)
    {
        if (!Viewer.IsAdmin)
        {
            return Forbid();
        }

        Week = Monday(week ?? DefaultWeek());
        if (!ChatSamplingJob.HasEnded(Week.Value, Today))
        {
            Error = Lang.T($"{Lang.Date(Week.Value)} 起的一周到 {Lang.Date(Week.Value.AddDays(6))} 才结束，结束后才能抽取。",
                $"The week of {Lang.Date(Week.Value)} runs to {Lang.Date(Week.Value.AddDays(6))}; it can be sampled once it has ended.");
            Show();
            return Page();
        }

        var result = ChatSamplingJob.Run(warehouse, Week.Value);
        Message = Lang.T($"已抽取 {result.Picked} 条接待（本周共 {result.SampleSize} 条，{result.AgentsSampled} 位客服；之前已抽过的 {result.AgentsAlreadySampled} 位保持不变）。",
            $"Picked {result.Picked} receptions ({result.SampleSize} in the week, {result.AgentsSampled} agents; the {result.AgentsAlreadySampled} already sampled keep theirs).");
        Show();
        return Page();
    }

    public string AgentName(string agentId) => Agents.TryGetValue(agentId, out var a) ? a.Name : agentId;

    public string ReviewLink(ulong key) => "/reviews/" + key.ToString(CultureInfo.InvariantCulture);

    private bool Show()
    {
        Agents = Db.Query<AgentRow>("select agent_id, store_id, name, team from core.dim_agent where is_current and is_registered")
            .Where(a => Viewer.MaySee(a.AgentId, a.StoreId, a.Team))
            .ToDictionary(a => a.AgentId);
        WeekStart = Monday(Week ?? DefaultWeek());
        WeekEnded = ChatSamplingJob.HasEnded(WeekStart, Today);
        if (Agent is not null)
        {
            if (!Agents.ContainsKey(Agent))
            {
                return false;
            }

            Rows = ChatReviews.ForAgent(warehouse, Agent, Period.From, Period.DataTo)
                .Where(r => (Reason is null || r.Reason == Reason) && ChatSamplingJob.HasEnded(r.WeekStart, Today)).ToList();
            Groups = Rows.GroupBy(r => r.WeekStart).OrderByDescending(g => g.Key)
                .Select(g => new SampleGroup(Period.Iso(g.Key), Agent, g.Key, g.ToList())).ToList();
        }
        else
        {
            Rows = WeekEnded ? ChatReviews.Sample(warehouse, WeekStart).Where(r => Agents.ContainsKey(r.AgentId)).ToList() : [];
            Groups = Rows.GroupBy(r => r.AgentId).OrderBy(g => Agents[g.Key].Team, NaturalOrder.Instance).ThenBy(g => Agents[g.Key].Name, StringComparer.Ordinal)
                .Select(g => new SampleGroup(g.Key, g.Key, WeekStart, g.ToList())).ToList();
        }

        // A week of a big store samples every agent: the page shows one page of the sample.
        Rows = Paged(Rows);
        Examples = ChatReviews.Examples(warehouse).Where(e => Agents.ContainsKey(e.AgentId)).Take(100).ToList();
        return true;
    }

    /// <summary>
    /// The newest week that has ended by today and has data: the week of the last day with numbers, or the week before
    /// it when that one is still running (what the Monday job samples).
    /// </summary>
    private DateOnly DefaultWeek()
    {
        var dataWeek = Monday(LastDay);
        var lastWhole = ChatSamplingJob.LastWholeWeek(Today);
        return dataWeek < lastWhole ? dataWeek : lastWhole;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
