using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Charts;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Agents;

/// <summary>
/// One agent: KPIs against the previous period, attendance (the 赤兔 遵时率 report), trends, monthly scorecards and ranks, the orders credited to them
/// with the trace of why, the receptions that decided nothing, and the level and team history. The two long lists are
/// paged (<see cref="RowsPerPage"/> rows, <c>orders</c> and <c>receptions</c> in the query string) and buyers are masked
/// as on /reviews (<see cref="BuyerMask"/>), in the downloads too. A supervisor sees
/// only their team's agents and an agent only themselves; anyone else's page, chart or download is a 404, so the
/// answer does not even say whether the agent exists.
/// </summary>
public sealed class DetailModel(DuckDBConnection db) : SitePage(db)
{
    /// <summary>Rows a page of the orders or the receptions shows; the downloads have them all.</summary>
    public const int RowsPerPage = 20;

    public AgentVersion? Agent { get; private set; }
    public KpiTotals? Now { get; private set; }
    public KpiTotals? Before { get; private set; }
    public IReadOnlyList<AgentVersion> History { get; private set; } = [];
    public IReadOnlyList<ScorecardMonth> Scorecards { get; private set; } = [];
    public IReadOnlyList<CreditedOrder> Orders { get; private set; } = [];
    public long OrderCount { get; private set; }
    /// <summary>The page of the credited orders (<c>?orders=</c>, 1 first), drawn by the site's pager (_Pager).</summary>
    public Pager OrderRows { get; private set; } = new(1, RowsPerPage, 0, "orders");
    public IReadOnlyList<UndecidedReception> Undecided { get; private set; } = [];
    public long UndecidedCount { get; private set; }
    /// <summary>The page of the receptions that decided nothing (<c>?receptions=</c>).</summary>
    public Pager UndecidedRows { get; private set; } = new(1, RowsPerPage, 0, "receptions");

    public sealed record AgentVersion
    {
        public string AgentId { get; init; } = "";
        public string StoreId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Team { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Level { get; init; }
        public double? Coefficient { get; init; }
        public DateOnly? HiredOn { get; init; }
        public DateOnly? LeftOn { get; init; }
        public DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
    }

    public sealed record ScorecardMonth
    {
        public string Month { get; init; } = "";
        public DateOnly PeriodStart { get; init; }
        public double Total { get; init; }
        public double MaxTotal { get; init; }
        public string Grade { get; init; } = "";
        public int TeamRank { get; init; }
        public int StoreRank { get; init; }
        public double TeamScore { get; init; }
        public string Team { get; init; } = "";
        public string Role { get; init; } = "presale";
        public bool IsProvisional { get; init; }
        public bool InProgress { get; init; }
        public DateOnly ScoredTo { get; init; }
    }

    /// <summary>A credited order and why it is this agent's: the rule, the deciding message and the window searched.</summary>
    public sealed record CreditedOrder
    {
        public string OrderId { get; init; } = "";
        public string BuyerId { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime? PaidAt { get; init; }
        public double Amount { get; init; }
        public string? Status { get; init; }
        public string Rule { get; init; } = "";
        public string? Basis { get; init; }
        public string? MessageKey { get; init; }
        public DateTime? MessageAt { get; init; }
        /// <summary>The deciding message's text, buyer masked (<see cref="BuyerMask.Text"/>).</summary>
        public string? MessageText { get; init; }
        public DateTime? WindowFrom { get; init; }
        public DateTime? WindowTo { get; init; }
    }

    /// <summary>
    /// A reception that led nowhere: never answered, or an inquiry with no paid order credited to this agent — lost, or
    /// pending while the day's final conversion is provisional (marts.undecided_reception).
    /// </summary>
    public sealed record UndecidedReception
    {
        public DateOnly BusinessDay { get; init; }
        public string BuyerId { get; init; } = "";
        public DateTime FirstBuyerAt { get; init; }
        public int BuyerMessages { get; init; }
        public int Questions { get; init; }
        public int AnsweredQuestions { get; init; }
        public double? FirstResponseSeconds { get; init; }
        public string Outcome { get; init; } = "";
    }

    public IActionResult OnGet(string id)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        Load();
        return Page();
    }

    public IActionResult OnGetChart(string id, string name)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        if (name == "scorecard")
        {
            var months = LoadScorecards();
            return Png((fonts, chinese) => ChartRenderer.Render(new LineChart(new("月度绩效总分与店内排名", "Monthly score and store rank"), new("总分", "Score"),
                [
                    new ChartSeries(new("总分", "Score"), months.Select(m => m.PeriodStart).ToList(), months.Select(m => (double?)m.Total).ToList()),
                    new ChartSeries(new("店内排名", "Store rank"), months.Select(m => m.PeriodStart).ToList(), months.Select(m => (double?)m.StoreRank).ToList(), RightAxis: true),
                ], RightAxis: new("排名", "Rank"), RightAxisIsRank: true), fonts, chinese));
        }

        if (!TrendCharts.Names.Contains(name))
        {
            return NotFound();
        }

        var (from, to, grain) = Period.Trend();
        var rows = KpiRows(grain, from, to, AgentScope, Agent!.AgentId);
        return Png((fonts, chinese) => ChartRenderer.Render(TrendCharts.Chart(name, rows, Metrics), fonts, chinese));
    }

    /// <summary>CSV or Excel of one of the page's tables: kpis (default, attendance included), orders, receptions, scorecards, history.</summary>
    public IActionResult OnGetExport(string id, string? format, string? table)
    {
        if (!Find(id))
        {
            return NotFound();
        }

        Load(all: true);
        var name = $"cskpi-{Agent!.AgentId.Replace(':', '-')}-{table ?? "kpis"}-{Period.Iso(Period.From)}-{Period.Iso(Period.To)}";
        ExportTable export = table switch
        {
            "orders" => new(name,
                ["order_id", "buyer_id", "created_at", "paid_at", "amount", "status", "rule", "basis", "message_key", "message_at", "message_text", "window_from", "window_to"],
                Orders.Select(o => new object?[] { o.OrderId, o.BuyerId, o.CreatedAt, o.PaidAt, o.Amount, o.Status, o.Rule, o.Basis, o.MessageKey, o.MessageAt, o.MessageText, o.WindowFrom, o.WindowTo }).ToList()),
            "receptions" => new(name,
                ["business_day", "buyer_id", "first_buyer_at", "buyer_messages", "questions", "answered_questions", "first_response_seconds", "outcome"],
                Undecided.Select(r => new object?[] { r.BusinessDay, r.BuyerId, r.FirstBuyerAt, r.BuyerMessages, r.Questions, r.AnsweredQuestions, r.FirstResponseSeconds, r.Outcome }).ToList()),
            "scorecards" => new(name,
                ["month", "team", "total", "max_total", "grade", "team_rank", "store_rank", "team_score"],
                Scorecards.Select(s => new object?[] { s.Month, s.Team, s.Total, s.MaxTotal, s.Grade, s.TeamRank, s.StoreRank, s.TeamScore }).ToList()),
            "history" => new(name,
                ["valid_from", "valid_to", "team", "role", "level", "coefficient"],
                History.Select(h => new object?[] { h.ValidFrom, h.ValidTo, h.Team, h.Role, h.Level, h.Coefficient }).ToList()),
            _ => new(name,
                [Lang.T("指标", "Metric"), "code", Lang.T("本期", "This period"), Lang.T("上期", "Previous period"), Lang.T("延迟统计", "Provisional")],
                Metrics.On("headline").Concat(Metrics.On("attendance")).Where(m => Now?.Value(m) is not null || Before?.Value(m) is not null)
                    .Select(m => new object?[] { Metrics.Name(m), m, Now?.Value(m), Before?.Value(m), Now?.IsProvisional(m) == true }).ToList()),
        };
        return Download(export, format);
    }

    private Scope AgentScope => Scope with { Store = Agent!.StoreId, Team = null, Agent = Agent.AgentId };

    /// <summary>The agent's current version, if the viewer may see them.</summary>
    private bool Find(string id)
    {
        Agent = Db.QuerySingleOrDefault<AgentVersion>(
            "select * from core.dim_agent where agent_id = $id and is_current and is_registered", new { id });
        return Agent is not null && Viewer.MaySee(Agent.AgentId, Agent.StoreId, Agent.Team);
    }

    /// <summary>The page's numbers and the current page of each long list, or every row of both (<paramref name="all"/>, downloads).</summary>
    private void Load(bool all = false)
    {
        var agent = Agent!;
        Now = KpiTotalsOf(Period.From, Period.DataTo, AgentScope, agent.AgentId);
        var previous = Period.Previous();
        Before = KpiTotalsOf(previous.From, previous.To, AgentScope, agent.AgentId);
        History = Db.Query<AgentVersion>(
            "select * from core.dim_agent where agent_id = $id and is_registered order by valid_from", new { id = agent.AgentId }).ToList();
        Scorecards = LoadScorecards();

        var parameters = new { id = agent.AgentId, store = agent.StoreId, from = Period.From, to = Period.DataTo };
        // Each list is read once per data version, period and viewer scope, whole: its count is its length and a page
        // is a slice of it, so paging through it or opening a download asks the warehouse nothing more. The credited
        // orders come from marts.agent_order (stored by agent), not from both whole facts.
        var key = $"agent|{agent.AgentId}|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}";
        var orders = Cached(key + "|orders", () => Db.Query<CreditedOrder>("""
            select store_id, order_id, buyer_id, created_at, paid_at, amount, status, rule, basis, message_key, message_at, window_from, window_to
            from marts.agent_order
            where agent_id = $id and store_id = $store and paid_day between $from and $to
            order by paid_at desc, order_id
            """, parameters).ToList(), AgentScope);
        OrderCount = orders.Count;
        OrderRows = Paging("orders", OrderCount, RowsPerPage, whole: all);
        var shown = all ? orders : orders.Skip(OrderRows.Offset).Take(RowsPerPage).ToList();
        // The deciding message's text is read for the shown rows only: raw.chat_message is the largest table.
        var texts = Cached($"{key}|order-texts|{all}|{OrderRows.Offset}", () => MessageTexts(agent.StoreId, shown), AgentScope)
            .ToLookup(m => (m.MessageKey, m.SentAt), m => m.Content);
        Orders = shown
            .Select(o => o with
            {
                BuyerId = BuyerMask.Buyer(o.BuyerId),
                MessageText = BuyerMask.Text(o.MessageKey is { } k && o.MessageAt is { } at ? texts[(k, at)].FirstOrDefault() : null, o.BuyerId),
            })
            .ToList();

        // What counts as lost or unanswered is marts.undecided_reception's (sql/macros).
        var undecided = Cached(key + "|undecided", () => Db.Query<UndecidedReception>("""
            select r.business_day, r.buyer_id, r.first_buyer_at, r.buyer_messages, r.questions, r.answered_questions, r.first_response_seconds,
                   r.outcome
            from marts.undecided_reception($from, $to, only_agent := $id) as r
            where r.agent_id = $id and r.store_id = $store
            order by r.first_buyer_at desc, r.buyer_id
            """, parameters).ToList(), AgentScope);
        UndecidedCount = undecided.Count;
        UndecidedRows = Paging("receptions", UndecidedCount, RowsPerPage, whole: all);
        Undecided = (all ? undecided : undecided.Skip(UndecidedRows.Offset).Take(RowsPerPage))
            .Select(r => r with { BuyerId = BuyerMask.Buyer(r.BuyerId) })
            .ToList();
    }

    /// <summary>The text of the deciding messages of <paramref name="orders"/> (raw.chat_message), one query for them all.</summary>
    private IReadOnlyList<MessageText> MessageTexts(string store, IReadOnlyList<CreditedOrder> orders)
    {
        var decided = orders.Where(o => o.MessageKey is not null && o.MessageAt is not null).ToList();
        if (decided.Count == 0)
        {
            return [];
        }

        // The messages' own times bound the scan (raw.chat_message is stored in time order), the keys pick them.
        return Db.Query<MessageText>("""
            select message_key, sent_at, content from raw.chat_message
            where store_id = $store and sent_at between $first and $last and message_key in $keys
            """, new { store, first = decided.Min(o => o.MessageAt), last = decided.Max(o => o.MessageAt), keys = decided.Select(o => o.MessageKey!).Distinct().ToList() })
            .ToList();
    }

    private sealed record MessageText
    {
        public string MessageKey { get; init; } = "";
        public DateTime SentAt { get; init; }
        public string? Content { get; init; }
    }

    /// <summary>The career section's data (_Career.cshtml), once per data version and day for this agent and viewer.</summary>
    public AgentCareer Career(WarehouseDatabase warehouse) =>
        Cached<AgentCareer>($"agent-career|{Agent!.AgentId}|{Period.Iso(LastDay)}", () => [AgentCareer.Load(warehouse, Agent.AgentId, Agent.StoreId, LastDay)], AgentScope)[0];

    /// <summary>The diagnosis of the period in a language (_Diagnosis.cshtml), once per data version; a refusal is not kept.</summary>
    public KpiDiagnosis Diagnosis(WarehouseDatabase warehouse, string language) =>
        Cached<KpiDiagnosis>($"agent-diagnosis|{Agent!.AgentId}|{Period.Iso(Period.From)}|{Period.Iso(Period.DataTo)}|{language}",
            () => [KpiDiagnostics.ForAgent(warehouse, Agent.AgentId, Period.From, Period.DataTo, language)], AgentScope)[0];

    private IReadOnlyList<ScorecardMonth> LoadScorecards() => Db.Query<ScorecardMonth>("""
        select month, period_start, total, max_total, grade, team_rank, store_rank, team_score, team, role, is_provisional, in_progress, scored_to
        from marts.scorecard_monthly where agent_id = $id and store_id = $store order by period_start
        """, new { id = Agent!.AgentId, store = Agent.StoreId }).ToList();
}
