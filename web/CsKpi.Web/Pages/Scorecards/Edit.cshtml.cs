using System.Globalization;
using CsKpi.Warehouse;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Scorecards;

/// <summary>
/// Editing the scorecard (admin): items, weights, targets and directions saved as a new version of the store's
/// scorecard from an effective date (settings are data: last month keeps last month's rules). Before saving, a
/// preview scores the last month with the proposed items inside a transaction that is rolled back, and shows how
/// every agent's total and rank would move.
/// </summary>
public sealed class EditModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public const int Rows = 12;

    [BindProperty]
    public List<ItemForm> Items { get; set; } = [];

    [BindProperty]
    public DateOnly EffectiveFrom { get; set; }

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

    public static IEnumerable<string> Choices => Lang.MetricCodes.Where(m => m is not ("cs_sales_share" or "silent_share" or "total_paid_amount" or "silent_amount" or "total"));

    public void OnGet()
    {
        var current = Db.Query<ItemForm>("""
            select metric, weight, target, direction from app.scorecard_in_force($store, $day)
            order by weight desc, metric
            """, new { store = Scope.Store, day = LastDay }).ToList();
        CurrentFrom = Db.ExecuteScalar<DateOnly?>("""
            select any_value(effective_from) from app.scorecard_in_force($store, $day)
            """, new { store = Scope.Store, day = LastDay });
        Items = [.. current, .. Enumerable.Range(0, Math.Max(0, Rows - current.Count)).Select(_ => new ItemForm())];
        EffectiveFrom = new DateOnly(LastDay.Year, LastDay.Month, 1).AddMonths(1);
    }

    public IActionResult OnPostPreview()
    {
        if (Validate() is { } error)
        {
            Error = error;
            return Page();
        }

        var month = new DateOnly(LastDay.Year, LastDay.Month, 1);
        PreviewMonth = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var parameters = new { store = Scope.Store, from = month, to = LastDay };
        const string scored = """
            select agent_id, agent_name, team, total, store_rank, grade from marts.scorecard('range', $from, $to) where store_id = $store
            """;
        var before = Db.Query<(string AgentId, double Total, long Rank, string Grade)>(
            "select agent_id, total, store_rank, grade from marts.scorecard('range', $from, $to) where store_id = $store", parameters)
            .ToDictionary(r => r.AgentId);
        using (var transaction = Db.BeginTransaction())
        {
            // The proposed items as the store's only version, for this query alone: rolled back below.
            Db.Execute("delete from app.scorecard_item where store_id = $store", new { store = Scope.Store }, transaction);
            Insert(Scope.Store!, new DateOnly(2000, 1, 1), transaction);
            Preview = Db.Query<(string AgentId, string AgentName, string Team, double Total, long StoreRank, string Grade)>(
                    scored + " order by store_rank, agent_id", parameters, transaction)
                .Select(r => new PreviewRow
                {
                    AgentId = r.AgentId, AgentName = r.AgentName, Team = r.Team, NewTotal = r.Total, NewRank = r.StoreRank, NewGrade = r.Grade,
                    OldTotal = before.TryGetValue(r.AgentId, out var old) ? old.Total : null,
                    OldRank = before.TryGetValue(r.AgentId, out old) ? old.Rank : null,
                    OldGrade = before.TryGetValue(r.AgentId, out old) ? old.Grade : null,
                })
                .ToList();
            transaction.Rollback();
        }

        return Page();
    }

    public IActionResult OnPostSave()
    {
        if (Validate() is { } error)
        {
            Error = error;
            return Page();
        }

        using (var transaction = Db.BeginTransaction())
        {
            Db.Execute("delete from app.scorecard_item where store_id = $store and effective_from = $day",
                new { store = Scope.Store, day = EffectiveFrom }, transaction);
            Insert(Scope.Store!, EffectiveFrom, transaction);
            transaction.Commit();
        }

        // The monthly scorecards from the effective date on are rebuilt with the new version.
        MartRecompute.Incremental(warehouse);
        Message = Lang.T($"已保存新的考核方案，自 {Lang.Date(EffectiveFrom)} 起生效。", $"Saved a new scorecard version, in force from {Lang.Date(EffectiveFrom)}.");
        return Page();
    }

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

    private void Insert(string store, DateOnly from, System.Data.IDbTransaction transaction)
    {
        foreach (var item in Filled)
        {
            Db.Execute("""
                insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction, changed_by)
                values ($store, $from, $metric, $weight, $target, $direction, $by)
                """, new { store, from, metric = item.Metric, weight = item.Weight, target = item.Target, direction = item.Direction, by = User.Identity!.Name }, transaction);
        }
    }
}
