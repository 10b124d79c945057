using System.Globalization;
using System.Text;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Career;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Promotions;

/// <summary>
/// 晋升 (hr, admin): a half (default the latest with data, see <see cref="DefaultHalf"/>), running its review, the proposals with every criterion's
/// value, threshold and verdict, filtered by kind and status; approving or rejecting one or many with a comment and
/// an effective date; HR's manual level and coefficient change (a reason is required); the audit log; the monthly
/// bonus of the half's months with its payroll CSV. Every change goes through the career engine, which audits it and
/// recomputes before it returns.
/// </summary>
public sealed class IndexModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    /// <summary>The filter of kinds: the engine's kinds, with the coefficient split into up and down.</summary>
    public static readonly IReadOnlyList<string> KindFilters = ["promote", "warning", "coefficient_up", "coefficient_down", "unchanged"];

    public HalfYear Half { get; private set; }
    public string? Kind { get; private set; }
    public string? Status { get; private set; }
    public IReadOnlyList<ReviewProposal> Proposals { get; private set; } = [];
    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];
    public IReadOnlyList<BonusRow> BonusRows { get; private set; } = [];
    public IReadOnlyList<AgentChoice> AgentChoices { get; private set; } = [];
    public IReadOnlyList<LevelChoice> Levels { get; private set; } = [];
    public IReadOnlyList<string> Messages { get; private set; } = [];
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public sealed record AgentChoice
    {
        public string AgentId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Team { get; init; } = "";
        public string? Level { get; init; }
        public double? Coefficient { get; init; }
    }

    public sealed record LevelChoice
    {
        public string Level { get; init; } = "";
        public string Name { get; init; } = "";
        public decimal CoefficientMin { get; init; }
        public decimal CoefficientMax { get; init; }
    }

    public override IEnumerable<KeyValuePair<string, string?>> Keep => [new("half", Half.ToString()), new("kind", Kind), new("status", Status)];

    public static string ActionName(string action) => action switch
    {
        "promote" => Lang.T("晋升", "promote"),
        "coefficient_up" => Lang.T("系数上调", "coefficient up"),
        "coefficient_down" => Lang.T("系数下调", "coefficient down"),
        "unchanged" => Lang.T("不变", "unchanged"),
        "warning" => Lang.T("预警", "warning"),
        _ => action,
    };

    public static string StatusName(string status) => CareerWords.Status(status);

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.CurrentCulture) ?? "—";

    public IActionResult OnGet(string? half, string? kind, string? status)
    {
        Load(half, kind, status);
        return Page();
    }

    /// <summary>Runs (or reruns) the review of the half: pending proposals are rewritten, decided ones kept.</summary>
    public IActionResult OnPostRun(string? half)
    {
        Load(half, null, null);
        Act(() =>
        {
            var result = HalfReview.Run(warehouse, Half, Today);
            return Lang.T($"{Half} 评审完成：待定 {result.Pending} 条，已决定 {result.Decided} 条。", $"Review of {Half} done: {result.Pending} pending, {result.Decided} decided.");
        });
        Load(Half.ToString(), null, null);
        return Page();
    }

    /// <summary>Approves or rejects the ticked proposals with one comment (all or none).</summary>
    public IActionResult OnPostDecide(string? half, string? kind, string? status, List<long> ids, string? decision, string? comment, DateOnly? effectiveFrom)
    {
        Load(half, kind, status);
        Act(() =>
        {
            if (decision is not ("approve" or "reject"))
            {
                throw new ArgumentException(Lang.T("请选择批准或驳回。", "Choose approve or reject."));
            }

            var approve = decision == "approve";
            var result = HalfReview.Decide(warehouse, ids, approve, comment ?? "", Viewer.UserName, approve ? effectiveFrom ?? Half.DayAfter : null);
            return approve
                ? Lang.T($"已批准 {result.ProposalIds.Count} 条建议。", $"Approved {result.ProposalIds.Count} proposal(s).")
                : Lang.T($"已驳回 {result.ProposalIds.Count} 条建议。", $"Rejected {result.ProposalIds.Count} proposal(s).");
        });
        Load(Half.ToString(), Kind, Status);
        return Page();
    }

    /// <summary>
    /// Approves every pending "unchanged" proposal of the half at once (a half's review is mostly these): the ids are
    /// the server's own list, not the form's, and each goes through the engine's decision, audited like a single one.
    /// </summary>
    public IActionResult OnPostApproveUnchanged(string? half, string? comment, DateOnly? effectiveFrom)
    {
        Load(half, null, null);
        Act(() =>
        {
            var ids = PendingUnchanged.Select(p => p.ProposalId).ToList();
            if (ids.Count == 0)
            {
                throw new ArgumentException(Lang.T("没有待定的“不变”建议。", "No unchanged proposal is pending."));
            }

            var result = HalfReview.Decide(warehouse, ids, true, comment ?? "", Viewer.UserName, effectiveFrom ?? Half.DayAfter);
            return Lang.T($"已批准 {result.ProposalIds.Count} 条“不变”建议。", $"Approved {result.ProposalIds.Count} unchanged proposal(s).");
        });
        Load(Half.ToString(), null, null);
        return Page();
    }

    /// <summary>The proposals by action, promotions first and the many unchanged last, so the few that need a decision lead.</summary>
    public IEnumerable<IGrouping<string, ReviewProposal>> Groups => Proposals.GroupBy(p => p.Action)
        .OrderBy(g => GroupOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal);

    private static int GroupOrder(string action) => KindFilters.Contains(action) ? KindFilters.ToList().IndexOf(action) : KindFilters.Count;

    /// <summary>How many proposals each action has in all (the page shows one page of them).</summary>
    public IReadOnlyDictionary<string, int> GroupSizes { get; private set; } = new Dictionary<string, int>();

    /// <summary>The bonus table's own pager, beside the proposals'.</summary>
    public const string BonusPage = "bonus_page";

    /// <summary>The half's pending proposals that change nothing: what "approve all unchanged" decides.</summary>
    public IReadOnlyList<ReviewProposal> PendingUnchanged { get; private set; } = [];

    /// <summary>HR's manual change of an agent's level and/or coefficient from a day, with the reason (audited).</summary>
    public IActionResult OnPostChange(string? half, string? agentId, string? level, decimal? coefficient, DateOnly? effectiveFrom, string? reason)
    {
        Load(half, null, null);
        Act(() =>
        {
            if (string.IsNullOrWhiteSpace(agentId) || effectiveFrom is null)
            {
                throw new ArgumentException(Lang.T("请选择客服和生效日期。", "Choose the agent and the effective date."));
            }

            CareerChanges.ChangeLevel(warehouse, agentId, string.IsNullOrWhiteSpace(level) ? null : level, coefficient, effectiveFrom.Value, reason ?? "", Viewer.UserName);
            return Lang.T($"{agentId} 的等级/系数已修改，自 {Date(effectiveFrom.Value)} 起生效。", $"{agentId}'s level/coefficient changed from {Date(effectiveFrom.Value)}.");
        });
        Load(Half.ToString(), null, null);
        return Page();
    }

    /// <summary>The bonus of the half's months for payroll: the career engine's CSV, UTF-8 with a byte-order mark.</summary>
    public IActionResult OnGetBonus(string? half)
    {
        Half = ChooseHalf(half);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        Bonus.WriteCsv(writer, Bonus.Monthly(warehouse, FirstMonth, LastMonth));
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(writer.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"cskpi-bonus-{Half}.csv");
    }

    private string FirstMonth => Half.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private string LastMonth => Half.End.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string Date(DateOnly day) => Lang.Date(day);

    /// <summary>Runs a change; its message, or the engine's refusal (bad input, a decided proposal, a half not ended).</summary>
    private void Act(Func<string> change)
    {
        try
        {
            Messages = [change()];
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            Errors = [CareerWords.Refusal(e) ?? e.Message];
        }
    }

    private HalfYear ChooseHalf(string? half)
    {
        if (HalfYear.TryParse(half, out var chosen, out var problem))
        {
            return chosen;
        }

        if (!string.IsNullOrWhiteSpace(half))
        {
            Errors = [Lang.T($"“{half}”不是半年：请写年份加 H1（1–6 月）或 H2（7–12 月），如 2026H1。", problem)];
        }

        return DefaultHalf();
    }

    /// <summary>Whether the half is over by today: only then may its review run.</summary>
    public bool HalfEnded => Half.HasEndedBy(Today);

    /// <summary>
    /// The half the page opens on: the newest that has ended and has numbers or proposals; when no ended half has
    /// either, the half in progress that holds the numbers (the page says when its review can run). A half without
    /// data would only give every agent an "unchanged" proposal.
    /// </summary>
    private HalfYear DefaultHalf()
    {
        var lastEnded = HalfYear.LastEndedBefore(Today);
        var newestDay = Db.ExecuteScalar<DateOnly?>(
            "select max(business_day) from marts.kpi_store_daily where business_day <= $end", new { end = lastEnded.End });
        var reviewed = Db.Query<string>("select distinct half from app.review_proposal")
            .Select(h => HalfYear.TryParse(h, out var parsed, out _) ? parsed : (HalfYear?)null)
            .OfType<HalfYear>().Where(h => h.HasEndedBy(Today));
        var candidates = reviewed.Concat(newestDay is { } day ? [HalfYear.Containing(day)] : []).ToList();
        if (candidates.Count > 0)
        {
            return candidates.MaxBy(h => h.Start);
        }

        return HasData ? HalfYear.Containing(LastDay) : lastEnded;
    }

    /// <summary>
    /// What the review's tables hold, as a key: the proposals (a run rewrites the pending ones and stamps reviewed_at, a
    /// decision stamps decided_at), the audit log and HR's level changes. Read on every request (five aggregates over
    /// a few thousand rows) each time the page loads its lists, also after a change in the same request, so a change
    /// made by anyone, on any server of the site, is a new key at once.
    /// </summary>
    private string ReviewVersion() => Db.ExecuteScalar<string>("""
        select concat_ws('.',
            (select concat_ws('-', count(*), coalesce(max(proposal_id), 0), coalesce(epoch_us(max(reviewed_at)), 0), coalesce(epoch_us(max(decided_at)), 0))
             from app.review_proposal),
            (select coalesce(max(entry_id), 0) from app.audit_log),
            (select coalesce(max(change_id), 0) from app.agent_career_change))
        """) ?? "";

    private void Load(string? half, string? kind, string? status)
    {
        Half = ChooseHalf(half);
        Kind = KindFilters.Contains(kind) ? kind : null;
        Status = HalfReview.Statuses.Contains(status) ? status : null;
        var engineKind = Kind is "coefficient_up" or "coefficient_down" ? "coefficient" : Kind;
        // The lists are cached per data version (loads, recomputes, settings) and per ReviewVersion (runs, decisions,
        // HR's changes, the audit log), which the data version does not see: a decision shows on the next view, and
        // repeated views ask the warehouse nothing. The viewer's scope is part of every key (SitePage.Cached).
        var key = $"promotions|{ReviewVersion()}|{Half}|{Period.Iso(Today)}";
        var proposals = Cached($"{key}|proposals|{Kind}|{Status}", () => HalfReview.Proposals(warehouse, new ProposalFilter(Half.ToString(), engineKind, Status))
            .Where(p => Kind is not ("coefficient_up" or "coefficient_down") || p.Action == Kind)
            .ToList());
        // Paged in the groups' order, so a page continues the group the last one ended in; the headers count the whole group.
        GroupSizes = proposals.GroupBy(p => p.Action).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Proposals = Paged(proposals.OrderBy(p => GroupOrder(p.Action)).ThenBy(p => p.Action, StringComparer.Ordinal).ToList());
        PendingUnchanged = Cached($"{key}|pending-unchanged", () => HalfReview.Proposals(warehouse, new ProposalFilter(Half.ToString(), "unchanged", "pending")));
        Audit = Cached($"{key}|audit", () => CareerChanges.AuditLog(warehouse, null, 200));
        BonusRows = Paged(Cached($"{key}|bonus", () => Bonus.Monthly(warehouse, FirstMonth, LastMonth)), BonusPage);
        var today = Today;
        AgentChoices = Cached($"{key}|agent-choices", () => Db.Query<AgentChoice>("""
            select agent_id, name, team, level, coefficient from core.dim_agent
            where is_current and is_registered and (left_on is null or left_on > $today)
            order by team, agent_id
            """, new { today }).ToList());
        Levels = Cached($"{key}|levels", () => Db.Query<LevelChoice>("""
            select distinct level, name, coefficient_min, coefficient_max, level_rank from marts.career_level_on($today)
            order by level_rank, level
            """, new { today }).ToList());
    }
}
