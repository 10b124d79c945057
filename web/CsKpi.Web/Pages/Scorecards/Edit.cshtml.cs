using System.Globalization;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Scorecards;

/// <summary>
/// Editing a role's scorecard (admin): items, weights, targets and directions saved as a new version of the store's
/// scorecards from an effective date (settings are data: last month keeps last month's rules); a version holds every
/// role's card, so the other roles' cards in force are copied into it unchanged. Before saving, a preview scores the
/// last month with the proposed items inside a transaction that is rolled back, by the same rule as the kept monthly
/// cards (a month in progress to its newest day, targets prorated), and shows how the total and rank of every agent
/// of that card would move. The page explains the maximum (cap × the weights' total) and warns when the weights do
/// not total 100.
/// </summary>
public sealed class EditModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public const int Rows = 12;

    [BindProperty]
    public List<ItemForm> Items { get; set; } = [];

    [BindProperty]
    public DateOnly EffectiveFrom { get; set; }

    /// <summary>The role whose card is edited (presale, aftersale, both, or a store's own).</summary>
    [BindProperty(SupportsGet = true)]
    public string Role { get; set; } = "presale";

    /// <summary>The roles a card can be edited for: the contract's, and any a version of the store already names.</summary>
    public IReadOnlyList<string> Roles { get; private set; } = ScorecardWords.ContractRoles;

    /// <summary>Whether the role has its own card in force; without one its agents are scored by the presale card.</summary>
    public bool HasOwnCard { get; private set; } = true;

    /// <summary>The cap of an item (scorecard_cap in force): an item scores at most weight × cap.</summary>
    public decimal Cap { get; private set; } = 1.15m;

    /// <summary>The month the preview scored is in progress: scored to this day, targets prorated.</summary>
    public DateOnly? PreviewInProgressTo { get; private set; }

    public DateOnly? CurrentFrom { get; private set; }
    public IReadOnlyList<PreviewRow> Preview { get; private set; } = [];
    public string PreviewMonth { get; private set; } = "";
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public sealed class ItemForm
    {
        public string? Metric { get; set; }
        public decimal Weight { get; set; }
        public decimal Target { get; set; }
        public string Direction { get; set; } = "higher";
    }

    public sealed record PreviewRow
    {
        public string AgentId { get; init; } = "";
        public string AgentName { get; init; } = "";
        public string Team { get; init; } = "";
        public double? OldTotal { get; init; }
        public long? OldRank { get; init; }
        public string? OldGrade { get; init; }
        public double NewTotal { get; init; }
        public long NewRank { get; init; }
        public string NewGrade { get; init; } = "";
    }

    /// <summary>An agent's card as marts.scorecard scores it.</summary>
    public sealed record ScoredRow
    {
        public string AgentId { get; init; } = "";
        public string AgentName { get; init; } = "";
        public string Team { get; init; } = "";
        public double Total { get; init; }
        public long StoreRank { get; init; }
        public string Grade { get; init; } = "";
        public bool InProgress { get; init; }
        public DateOnly ScoredTo { get; init; }
    }

    /// <summary>The metrics an item may score: the registry's scorecard metrics, in its order.</summary>
    public IReadOnlyList<string> Choices => Metrics.Scorecard;

    public void OnGet()
    {
        LoadCard();
        var current = Db.Query<ItemForm>("""
            select metric, weight, target, direction from app.scorecard_in_force($store, $day, card_role := $role)
            order by weight desc, metric
            """, new { store = Scope.Store, day = LastDay, role = Role }).ToList();
        CurrentFrom = Db.ExecuteScalar<DateOnly?>("""
            select any_value(effective_from) from app.scorecards_in_force($store, $day)
            """, new { store = Scope.Store, day = LastDay });
        Items = [.. current, .. Enumerable.Range(0, Math.Max(0, Rows - current.Count)).Select(_ => new ItemForm())];
        EffectiveFrom = new DateOnly(LastDay.Year, LastDay.Month, 1).AddMonths(1);
    }

    /// <summary>The weights' total of the items filled in.</summary>
    public decimal WeightTotal => Filled.Sum(i => i.Weight);

    /// <summary>The most a card can score: cap × the weights' total (115 for weights of 100 at a cap of 1.15).</summary>
    public decimal MaxTotal => Cap * WeightTotal;

    public IActionResult OnPostPreview()
    {
        LoadCard();
        if (Validate() is { } error)
        {
            Error = error;
            return Page();
        }

        // The month of the newest data, scored as the kept monthly cards are: the whole calendar month, which
        // marts.scorecard scores to the newest day with data when it is in progress.
        var month = new DateOnly(LastDay.Year, LastDay.Month, 1);
        PreviewMonth = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var parameters = new { store = Scope.Store, from = month, to = month.AddMonths(1).AddDays(-1), role = Role };
        const string scored = """
            select agent_id, agent_name, team, total, store_rank, grade, in_progress, scored_to
            from marts.scorecard('month', $from, $to) where store_id = $store
            """;
        var before = Db.Query<ScoredRow>(
            scored, parameters).ToDictionary(r => r.AgentId);
        // the other roles' cards as they are on the month's last day, kept beside the proposed one
        var others = OtherCards(parameters.to);
        using (var transaction = Db.BeginTransaction())
        {
            // The proposed card and the others as the store's only version, for this query alone: rolled back below.
            Db.Execute("delete from app.scorecard_item where store_id = $store", new { store = Scope.Store }, transaction);
            Insert(Scope.Store!, new DateOnly(2000, 1, 1), others, transaction);
            Preview = Db.Query<ScoredRow>(
                    scored + " and role = $role order by store_rank, agent_id", parameters, transaction)
                .Select(r => new PreviewRow
                {
                    AgentId = r.AgentId, AgentName = r.AgentName, Team = r.Team, NewTotal = r.Total, NewRank = r.StoreRank, NewGrade = r.Grade,
                    OldTotal = before.TryGetValue(r.AgentId, out var old) ? old.Total : null,
                    OldRank = before.TryGetValue(r.AgentId, out old) ? old.StoreRank : null,
                    OldGrade = before.TryGetValue(r.AgentId, out old) ? old.Grade : null,
                })
                .ToList();
            transaction.Rollback();
        }

        PreviewInProgressTo = before.Values.Where(r => r.InProgress).Select(r => (DateOnly?)r.ScoredTo).Max();
        return Page();
    }

    public IActionResult OnPostSave()
    {
        LoadCard();
        if (Validate() is { } error)
        {
            Error = error;
            return Page();
        }

        // A version holds every role's card: the others in force on the effective date go into it unchanged.
        var others = OtherCards(EffectiveFrom);
        using (var transaction = Db.BeginTransaction())
        {
            Db.Execute("delete from app.scorecard_item where store_id = $store and effective_from = $day",
                new { store = Scope.Store, day = EffectiveFrom }, transaction);
            Insert(Scope.Store!, EffectiveFrom, others, transaction);
            transaction.Commit();
        }

        // The monthly scorecards from the effective date on are rebuilt with the new version.
        MartRecompute.Incremental(warehouse);
        HasOwnCard = true;
        Message = Lang.T($"已保存新的{ScorecardWords.RoleName(Role)}考核方案，自 {Lang.Date(EffectiveFrom)} 起生效。",
            $"Saved a new version of the {ScorecardWords.RoleName(Role)} card, in force from {Lang.Date(EffectiveFrom)}.");
        return Page();
    }

    /// <summary>The roles offered, whether the role has its own card, and the cap in force.</summary>
    private void LoadCard()
    {
        var named = Db.Query<string>("""
            select distinct role from app.scorecards_in_force($store, $day)
            union select distinct role from core.dim_agent where store_id = $store
            """, new { store = Scope.Store, day = LastDay }).ToList();
        Roles = [.. ScorecardWords.ContractRoles, .. named.Where(r => !ScorecardWords.ContractRoles.Contains(r)).Order(StringComparer.Ordinal)];
        if (!Roles.Contains(Role))
        {
            Role = "presale";
        }

        HasOwnCard = named.Count > 0 && Db.ExecuteScalar<long>(
            "select count(*) from app.scorecards_in_force($store, $day) where role = $role", new { store = Scope.Store, day = LastDay, role = Role }) > 0;
        Cap = Db.ExecuteScalar<decimal?>(
            "select try_cast(value as decimal(6,4)) from app.setting_in_force($store, $day) where code = 'scorecard_cap'",
            new { store = Scope.Store, day = LastDay }) ?? 1.15m;
    }

    /// <summary>The items of the other roles' cards in force on a day (role, item).</summary>
    private List<(string Role, ItemForm Item)> OtherCards(DateOnly day) => Db.Query<(string Role, string Metric, decimal Weight, decimal Target, string Direction)>("""
            select role, metric, weight, target, direction from app.scorecards_in_force($store, $day) where role <> $role
            """, new { store = Scope.Store, day, role = Role })
        .Select(r => (r.Role, new ItemForm { Metric = r.Metric, Weight = r.Weight, Target = r.Target, Direction = r.Direction }))
        .ToList();

    /// <summary>
    /// A warning, not a refusal: weights that do not total 100 move the maximum away from 115 while the grade lines
    /// (A ≥ 100, B ≥ 85, C ≥ 70) stay, so the same performance earns another grade.
    /// </summary>
    public string? WeightWarning => Filled.Any() && WeightTotal != 100
        ? Lang.T($"权重合计为 {WeightTotal:0.##}，不是 100：满分将是 {MaxTotal:0.##}（{Cap:0.##} × {WeightTotal:0.##}），而等级线不变（A ≥ 100、B ≥ 85、C ≥ 70），同样的表现会得到不同的等级。",
            $"The weights total {WeightTotal:0.##}, not 100: the maximum becomes {MaxTotal:0.##} ({Cap:0.##} × {WeightTotal:0.##}) while the grade lines stay (A ≥ 100, B ≥ 85, C ≥ 70), so the same performance earns another grade.")
        : null;

    private IEnumerable<ItemForm> Filled => Items.Where(i => !string.IsNullOrWhiteSpace(i.Metric));

    private string? Validate()
    {
        var items = Filled.ToList();
        if (items.Count == 0)
        {
            return Lang.T("至少需要一个考核项。", "A scorecard needs at least one item.");
        }

        if (items.Any(i => !Choices.Contains(i.Metric) || i.Weight <= 0 || i.Target <= 0 || i.Direction is not ("higher" or "lower")))
        {
            return Lang.T("每个考核项需要有效的指标、正的权重和目标。", "Each item needs a known metric, a positive weight and a positive target.");
        }

        if (items.Select(i => i.Metric).Distinct().Count() != items.Count)
        {
            return Lang.T("同一指标只能出现一次。", "A metric may appear only once.");
        }

        return EffectiveFrom == default ? Lang.T("请填写生效日期。", "Give the effective date.") : null;
    }

    /// <summary>Writes a version: the proposed card of <see cref="Role"/> and the other roles' cards given.</summary>
    private void Insert(string store, DateOnly from, IEnumerable<(string Role, ItemForm Item)> others, System.Data.IDbTransaction transaction)
    {
        foreach (var (role, item) in Filled.Select(i => (Role, i)).Concat(others))
        {
            Db.Execute("""
                insert into app.scorecard_item (store_id, effective_from, role, metric, weight, target, direction, changed_by)
                values ($store, $from, $role, $metric, $weight, $target, $direction, $by)
                """, new { store, from, role, metric = item.Metric, weight = item.Weight, target = item.Target, direction = item.Direction, by = User.Identity!.Name }, transaction);
        }
    }
}
