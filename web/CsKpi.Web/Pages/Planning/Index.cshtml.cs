using System.Globalization;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Charts;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Planning;

/// <summary>
/// Campaign planning (planning.md): the staffing calculator — every input with its source, typed or from the
/// history of the picker's period — with the hour-by-hour Erlang C plan, the agents online by hour (from the attendance
/// report) beside the inquiry load, and the revenue what-if of two scenarios.
/// Everything is read from the query string (a GET form): nothing is saved, so a plan is a link that can be shared.
/// The staffing plan's history is <c>cskpi staffing</c>'s default (the 28 days up to the store's last day with data), so
/// the page and the command agree for the same inputs, unless the form asks for the picker's period (<c>history=period</c>).
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public const string Typed = "typed";

    // Staffing inputs: yuan, %, %, receptions per agent per day.
    [BindProperty(SupportsGet = true)] public decimal? Target { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Aov { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Share { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Conversion { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Receptions { get; set; }

    // What-if: base = agent | team | typed; alt = agent | best | typed; rates in %.
    [BindProperty(SupportsGet = true)] public string? Base { get; set; }
    [BindProperty(SupportsGet = true)] public string? BaseAgent { get; set; }
    [BindProperty(SupportsGet = true)] public string? Alt { get; set; }
    [BindProperty(SupportsGet = true)] public string? AltAgent { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? BaseReceptions { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? BaseConversion { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? BaseAov { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? AltReceptions { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? AltConversion { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? AltAov { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Margin { get; set; }
    [BindProperty(SupportsGet = true)] public decimal? Cost { get; set; }

    public StaffingPlan? Plan { get; private set; }

    /// <summary><c>period</c>: the staffing history is the picker's period; otherwise the command's default window.</summary>
    [BindProperty(SupportsGet = true)] public string? History { get; set; }

    public bool PeriodChosen => History == "period";

    /// <summary>The <c>cskpi staffing</c> command that gives this plan from a shell.</summary>
    public string? Command { get; private set; }
    public string? PlanError { get; private set; }
    public RevenueWhatIf? WhatIf { get; private set; }
    public string? WhatIfError { get; private set; }
    public string? CostSource { get; private set; }
    public IReadOnlyList<AgentOption> Agents { get; private set; } = [];
    /// <summary>The team's (else the store's) agents online by hour beside the inquiry load; empty without an attendance report.</summary>
    public IReadOnlyList<OnlineHour> Online { get; private set; } = [];

    public sealed record AgentOption(string AgentId, string Name, string Team);

    public override IEnumerable<KeyValuePair<string, string?>> Keep =>
        new (string Key, object? Value)[]
        {
            ("target", Target), ("history", PeriodChosen ? "period" : null), ("aov", Aov), ("share", Share), ("conversion", Conversion), ("receptions", Receptions),
            ("base", Base), ("baseagent", BaseAgent), ("alt", Alt), ("altagent", AltAgent),
            ("basereceptions", BaseReceptions), ("baseconversion", BaseConversion), ("baseaov", BaseAov),
            ("altreceptions", AltReceptions), ("altconversion", AltConversion), ("altaov", AltAov), ("margin", Margin), ("cost", Cost),
        }.Select(k => new KeyValuePair<string, string?>(k.Key, k.Value switch
        {
            null => null,
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            var v => v.ToString(),
        }));

    public IActionResult OnGet()
    {
        Agents = VisibleAgents();
        Plan = Staffing(out var error);
        PlanError = error;
        (WhatIf, WhatIfError) = Compare();
        Online = Scope.Store is { } store ? OnlineByHour.Read(Db, store, Scope.Team, Period.From, Period.DataTo) : [];
        return Page();
    }

    public IActionResult OnGetChart(string? name)
    {
        if (name != "hourly")
        {
            return NotFound();
        }

        var hours = Staffing(out _)?.Hourly?.Hours
            .Select(h => new StaffingHour(h.Hour, h.CampaignArrivals, h.AgentsNeeded)).ToList() ?? [];
        return Png((fonts, chinese) => StaffingChart.Render(hours, fonts, chinese));
    }

    /// <summary>The hour-by-hour plan (CSV or Excel).</summary>
    public IActionResult OnGetExport(string? format)
    {
        var plan = Staffing(out _);
        var rows = plan?.Hourly?.Hours.Select(h => new object?[]
        {
            h.Hour, h.NormalArrivals, h.CampaignArrivals, h.AgentsNeeded, plan.Roster?.OnShift[h.Hour], h.Queue.WaitProbability, h.Queue.ServiceLevel,
            h.Queue.AverageSpeedOfAnswerSeconds,
        }).ToList() ?? [];
        return Download(new ExportTable($"cskpi-staffing-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}",
            ["hour", "normal_inquiries", "campaign_inquiries", "agents", "on_shift", "probability_of_waiting", "service_level", "average_speed_of_answer"], rows), format);
    }

    /// <summary>Yuan amounts in the page's culture, without decimals past the fen.</summary>
    public static string Yuan(decimal? value) => value is { } v ? v.ToString("N2", CultureInfo.CurrentCulture) : "—";

    public static string Percent(decimal value) => (value * 100).ToString("0.##", CultureInfo.CurrentCulture) + " %";

    /// <summary>
    /// How an input was learned from the history, in the viewer's language; nothing for a typed one (its source says
    /// so). The engine's <see cref="StaffingInput.Detail"/> is cskpi's English.
    /// </summary>
    public static string HowLearned(StaffingInput input, string chinese, string english) =>
        input.Source == InputSource.Typed ? "" : Lang.T(chinese, english);

    /// <summary>Why the plan has no hour-by-hour part, in the viewer's language.</summary>
    public static string HourlyMissingWords(StaffingPlan plan)
    {
        var window = plan.From is { } from && plan.To is { } to ? $"{Lang.Date(from)} – {Lang.Date(to)}" : "";
        return plan.Missing switch
        {
            HourlyMissing.NoStore => Lang.T("仓库里还没有店铺，没有可用于分时段排班的历史。", "The warehouse holds no store yet, so there is no history for an hour-by-hour plan."),
            HourlyMissing.NoPaidOrders => Lang.T($"{window} 没有付款订单，无法由平日推算大促当天。", $"No paid orders in {window}, so a campaign day cannot be scaled from a normal one."),
            HourlyMissing.NoRepliedInquiries => Lang.T($"{window} 没有已回复的询单，没有处理时长可用于排班。", $"No replied inquiries in {window}, so there is no handling time to plan with."),
            _ => "",
        };
    }

    public string Source(InputSource source) => source == InputSource.Typed ? Lang.T("输入", "typed") : Lang.T("历史", "history");

    private StaffingPlan? Staffing(out string? error)
    {
        error = null;
        if (Target is not { } target)
        {
            return null;
        }

        try
        {
            var plan = StaffingPlanner.Plan(warehouse, new StaffingRequest(target, Aov, Share / 100, Conversion / 100, Receptions,
                PeriodChosen ? Period.From : null, PeriodChosen ? Period.DataTo : null, Scope.Store));
            Command = CommandFor(plan);
            return plan;
        }
        catch (Exception e) when (e is PlanningException or ArgumentException)
        {
            error = PlanningWords.Say(e);
            return null;
        }
    }

    /// <summary>The shell command with the same inputs and the same history window.</summary>
    private string CommandFor(StaffingPlan plan)
    {
        static string N(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
        var parts = new List<string> { "cskpi staffing", "--target-sales " + N(plan.Headcount.TargetSales) };
        parts.AddRange(new (string Option, decimal? Value)[]
            {
                ("--aov", Aov), ("--cs-share", Share is { } s ? s / 100 : null), ("--conversion", Conversion is { } c ? c / 100 : null),
                ("--max-receptions", Receptions),
            }
            .Where(o => o.Value is not null).Select(o => $"{o.Option} {N(o.Value!.Value)}"));
        if (plan.StoreId is { } store)
        {
            parts.Add("--store " + (store.All(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' or '.') ? store : $"'{store.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        }

        if (PeriodChosen && plan.From is { } from && plan.To is { } to)
        {
            parts.Add($"--from {Period.Iso(from)} --to {Period.Iso(to)}");
        }

        return string.Join(' ', parts);
    }

    private (RevenueWhatIf?, string?) Compare()
    {
        if (Base is null || Alt is null)
        {
            return (null, null);
        }

        try
        {
            var from = Period.From;
            var to = Period.DataTo;
            RevenueScenario baseline = Base switch
            {
                "agent" => RevenueHistory.Agent(warehouse, Visible(BaseAgent), from, to),
                "team" => RevenueHistory.Team(warehouse, Scope.Store!, TeamOf(null), from, to),
                _ => RevenueScenario.Typed(Lang.T("方案 A", "Scenario A"), Required(BaseReceptions), Required(BaseConversion) / 100, Required(BaseAov)),
            };
            RevenueScenario alternative = Alt switch
            {
                "agent" => RevenueHistory.Agent(warehouse, Visible(AltAgent), from, to),
                "best" => RevenueHistory.BestAgentOfTeam(warehouse, Scope.Store!, TeamOf(Base == "agent" ? BaseAgent : null), from, to),
                _ => RevenueScenario.Typed(Lang.T("方案 B", "Scenario B"), Required(AltReceptions), Required(AltConversion) / 100, Required(AltAov)),
            };
            var cost = Cost;
            CostSource = cost is null ? null : Lang.T("输入", "typed");
            if (cost is null && Margin is not null && (Base == "team" || Base == "agent"))
            {
                cost = RevenueHistory.MeanMonthlyCost(warehouse, Scope.Store!, TeamOf(Base == "agent" ? BaseAgent : null));
                CostSource = cost is null ? null : Lang.T("小组平均月成本（花名册）", "the team's mean monthly cost (roster)");
            }

            return (RevenueComparison.Compare(baseline, alternative, Margin / 100, cost), null);
        }
        catch (Exception e) when (e is PlanningException or ArgumentException)
        {
            return (null, PlanningWords.Say(e));
        }
    }

    private static decimal Required(decimal? value) =>
        value ?? throw new ArgumentException(Lang.T("请填写方案的接待量、转化率和客单价。", "Type the scenario's receptions, conversion and AOV."));

    /// <summary>An agent the viewer may see (a supervisor: their team), else an error next to the form.</summary>
    private string Visible(string? agentId) =>
        agentId is not null && Agents.Any(a => a.AgentId == agentId)
            ? agentId
            : throw new ArgumentException(Lang.T("请选择一位客服。", "Choose an agent."));

    /// <summary>The team of the scenario: the agent's, else the team filter.</summary>
    private string TeamOf(string? agentId) =>
        (agentId is null ? Scope.Team : Agents.FirstOrDefault(a => a.AgentId == agentId)?.Team)
        ?? throw new ArgumentException(Lang.T("请在上方选择一个小组。", "Choose a team in the filters above."));

    private List<AgentOption> VisibleAgents() => Db.Query<(string AgentId, string Name, string Team, string StoreId)>(
            "select agent_id, name, team, store_id from core.dim_agent where is_current and is_registered and store_id = $store order by team, name",
            new { store = Scope.Store })
        .Where(a => Viewer.MaySee(a.AgentId, a.StoreId, a.Team))
        .Select(a => new AgentOption(a.AgentId, a.Name, a.Team))
        .ToList();
}
