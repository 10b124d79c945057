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
/// Chat review (抽查): a week's sample per agent, or one agent's sampled receptions over the period (where the agent
/// page leads), and the good and bad examples as training material. A supervisor sees their team, an agent their
/// own (read-only); an admin picks the week's sample now (the weekly job's run, safe to repeat).
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    [BindProperty(SupportsGet = true)] public DateOnly? Week { get; set; }
    [BindProperty(SupportsGet = true)] public string? Agent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Reason { get; set; }

    public DateOnly WeekStart { get; private set; }
    public IReadOnlyList<SampledReception> Rows { get; private set; } = [];
    public IReadOnlyList<ReviewExample> Examples { get; private set; } = [];
    public IReadOnlyDictionary<string, AgentRow> Agents { get; private set; } = new Dictionary<string, AgentRow>();
    public string? Message { get; private set; }

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
        if (Agent is not null)
        {
            if (!Agents.ContainsKey(Agent))
            {
                return false;
            }

            Rows = ChatReviews.ForAgent(warehouse, Agent, Period.From, Period.DataTo)
                .Where(r => Reason is null || r.Reason == Reason).ToList();
        }
        else
        {
            Rows = ChatReviews.Sample(warehouse, WeekStart).Where(r => Agents.ContainsKey(r.AgentId)).ToList();
        }

        // A week of a big store samples every agent: the page shows one page of the sample.
        Rows = Paged(Rows);
        Examples = ChatReviews.Examples(warehouse).Where(e => Agents.ContainsKey(e.AgentId)).Take(100).ToList();
        return true;
    }

    /// <summary>The newest week with a sample, else the week of the last day with data.</summary>
    private DateOnly DefaultWeek() =>
        Db.ExecuteScalar<DateOnly?>("select max(week_start) from app.review_sample") ?? LastDay;

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
