using System.Globalization;
using CsKpi.Warehouse;
using CsKpi.Warehouse.Planning;
using CsKpi.Web.Site;
using Dapper;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Mvc;

namespace CsKpi.Web.Pages.Reviews;

/// <summary>
/// One sampled reception: the conversation (buyer identifiers masked; an admin may unmask), the rubric in force on its
/// day, and the review — scores per category, a comment, a good or bad example mark. Admin, hr and a supervisor (their
/// team's) save it; the agent reviewed sees it read-only; anyone else gets a 404.
/// </summary>
public sealed class ReviewModel(DuckDBConnection db, WarehouseDatabase warehouse) : SitePage(db)
{
    public SampleRow? Sample { get; private set; }
    public Conversation? Conversation { get; private set; }
    public Rubric? Rubric { get; private set; }
    public SavedReview? Saved { get; private set; }
    public IReadOnlyDictionary<string, double> Scores { get; private set; } = new Dictionary<string, double>();
    public string? Error { get; private set; }
    public string? Message { get; private set; }
    public bool Unmasked { get; private set; }

    public sealed record SampleRow
    {
        public ulong ConsultationKey { get; init; }
        public DateOnly WeekStart { get; init; }
        public string StoreId { get; init; } = "";
        public string AgentId { get; init; } = "";
        public DateOnly BusinessDay { get; init; }
        public string Reason { get; init; } = "";
        public string Name { get; init; } = "";
        public string Team { get; init; } = "";
    }

    public sealed record SavedReview
    {
        public double Score { get; init; }
        public bool CriticalFailed { get; init; }
        public string? Comment { get; init; }
        public string? Example { get; init; }
        public string Reviewer { get; init; } = "";
        public DateTime ReviewedAt { get; init; }
    }

    public IActionResult OnGet(string key, bool unmask = false)
    {
        if (!Find(key))
        {
            return NotFound();
        }

        Load(unmask);
        return Page();
    }

    /// <summary>Saves the review: every category's score (critical ones pass/fail), comment and example mark.</summary>
    public IActionResult OnPostSave(string key, string? comment, string? example)
    {
        if (!Find(key))
        {
            return NotFound();
        }

        if (!Viewer.MayReview)
        {
            return Forbid();
        }

        var rubric = ChatReviews.RubricFor(warehouse, Sample!.StoreId, Sample.BusinessDay);
        var scores = new Dictionary<string, double>();
        foreach (var category in rubric.Categories)
        {
            var text = Request.Form["score-" + category.Category].ToString();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                Error = Lang.T($"请为“{category.NameZh}”打分。", $"Score \"{category.NameEn}\".");
                break;
            }

            scores[category.Category] = category.IsCritical ? value : value / 100;
        }

        if (Error is null)
        {
            try
            {
                var outcome = ChatReviews.Save(warehouse, new ReviewInput(Sample.ConsultationKey, scores,
                    string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), example is "good" or "bad" ? example : null, Viewer.UserName));
                Message = outcome.CriticalFailed
                    ? Lang.T("已保存：关键项不合格，本次得分为 0。", "Saved: a critical category failed, so the review scores 0.")
                    : Lang.T($"已保存，得分 {outcome.Score:N1}。", $"Saved, score {outcome.Score:N1}.");
            }
            catch (Exception e) when (e is PlanningException or ArgumentException)
            {
                Error = PlanningWords.Say(e);
            }
        }

        Load(unmask: false);
        return Page();
    }

    public string CategoryName(RubricCategory c) => Lang.T(c.NameZh, c.NameEn);

    public string Guide(RubricCategory c) => Lang.T(c.GuideZh, c.GuideEn);

    /// <summary>The sampled reception, if the viewer may see its agent.</summary>
    private bool Find(string key)
    {
        if (!ulong.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var consultation))
        {
            return false;
        }

        Sample = Db.QueryFirstOrDefault<SampleRow>("""
            select s.consultation_key, s.week_start, s.store_id, s.agent_id, s.business_day, s.reason, a.name, a.team
            from app.review_sample as s
            join core.dim_agent as a on a.agent_id = s.agent_id and a.store_id = s.store_id and a.is_current and a.is_registered
            where s.consultation_key = $key
            """, new { key = consultation });
        return Sample is not null && Viewer.MaySee(Sample.AgentId, Sample.StoreId, Sample.Team);
    }

    private void Load(bool unmask)
    {
        var sample = Sample!;
        Unmasked = unmask && Viewer.IsAdmin;
        Conversation = ChatReviews.Load(warehouse, sample.ConsultationKey, Unmasked);
        Rubric = ChatReviews.RubricFor(warehouse, sample.StoreId, sample.BusinessDay);
        var key = new { key = sample.ConsultationKey };
        Saved = Db.QuerySingleOrDefault<SavedReview>(
            "select score, critical_failed, comment, example, reviewer, reviewed_at from app.chat_review where consultation_key = $key", key);
        Scores = Db.Query<(string Category, double Score)>(
            "select category, score from app.chat_review_score where consultation_key = $key", key).ToDictionary(s => s.Category, s => s.Score);
    }
}
