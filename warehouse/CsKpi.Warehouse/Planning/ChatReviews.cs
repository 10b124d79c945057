using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;

namespace CsKpi.Warehouse.Planning;

/// <summary>A reception of a week's sample, with its review when it has one.</summary>
/// <param name="Buyer">masked (first and last character); the review page unmasks on request only.</param>
public sealed record SampledReception(
    ulong ConsultationKey, DateOnly WeekStart, string StoreId, string AgentId, string Buyer, DateOnly BusinessDay,
    string Reason, double? ReasonValue, double? ReviewScore, string? Example);

/// <summary>One message of a conversation.</summary>
/// <param name="Sender">buyer, agent, auto or system.</param>
public sealed record ChatLine(DateTime SentAt, string Sender, string? Content);

/// <summary>The messages of one reception, buyer identifiers masked unless <see cref="IsMasked"/> is false.</summary>
public sealed record Conversation(
    ulong ConsultationKey, string StoreId, string AgentId, string Buyer, DateOnly BusinessDay, bool IsMasked,
    IReadOnlyList<ChatLine> Messages);

/// <summary>A category of the rubric (评分表).</summary>
public sealed record RubricCategory(
    string Category, int Position, string NameZh, string NameEn, string GuideZh, string GuideEn, decimal Weight, bool IsCritical);

/// <summary>The version of the rubric in force for a store on a day.</summary>
/// <param name="StoreId">the store whose version it is, or <c>*</c> for the default.</param>
public sealed record Rubric(string StoreId, DateOnly EffectiveFrom, IReadOnlyList<RubricCategory> Categories)
{
    /// <summary>
    /// The review rule: a failed critical category (score 0) scores the review 0; otherwise 100 × Σ weight × score ÷
    /// Σ weight. <paramref name="scores"/> holds every category's score from 0 to 1 (the share of it earned);
    /// critical categories are pass (1) or fail (0).
    /// </summary>
    public (double Score, bool CriticalFailed) Score(IReadOnlyDictionary<string, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var unknown = scores.Keys.Where(k => Categories.All(c => c.Category != k)).ToList();
        var missing = Categories.Where(c => !scores.ContainsKey(c.Category)).Select(c => c.Category).ToList();
        if (unknown.Count > 0 || missing.Count > 0)
        {
            throw new ArgumentException(
                (missing.Count > 0 ? $"score every category of the rubric; missing: {string.Join(", ", missing)}. " : "")
                + (unknown.Count > 0 ? $"not in the rubric of {StoreId} from {EffectiveFrom:yyyy-MM-dd}: {string.Join(", ", unknown)}." : ""),
                nameof(scores));
        }

        foreach (var category in Categories)
        {
            var score = scores[category.Category];
            if (category.IsCritical ? score is not (0 or 1) : score is < 0 or > 1 || double.IsNaN(score))
            {
                throw new ArgumentOutOfRangeException(nameof(scores), score, category.IsCritical
                    ? $"{category.Category} is a critical category: 1 passes it, 0 fails it"
                    : $"{category.Category} is scored from 0 to 1 (the share of its {category.Weight} points earned)");
            }
        }

        if (Categories.Any(c => c.IsCritical && scores[c.Category] == 0))
        {
            return (0, true);
        }

        var weights = Categories.Sum(c => (double)c.Weight);
        return weights == 0 ? (100, false) : (100 * Categories.Sum(c => (double)c.Weight * scores[c.Category]) / weights, false);
    }
}

/// <summary>What a reviewer saves for one sampled reception.</summary>
/// <param name="Scores">category → score from 0 to 1; critical categories 1 (pass) or 0 (fail).</param>
/// <param name="Example"><c>good</c>, <c>bad</c>, or null.</param>
public sealed record ReviewInput(ulong ConsultationKey, IReadOnlyDictionary<string, double> Scores, string? Comment, string? Example, string Reviewer);

public sealed record ReviewOutcome(ulong ConsultationKey, double Score, bool CriticalFailed, Rubric Rubric);

/// <summary>A good or bad example: training material.</summary>
public sealed record ReviewExample(
    ulong ConsultationKey, string StoreId, string AgentId, DateOnly BusinessDay, string Example, double Score, string? Comment,
    string Reviewer, DateTime ReviewedAt);

/// <summary>An agent's review score of a month (marts.review_score_monthly).</summary>
public sealed record MonthlyReviewScore(
    string StoreId, string AgentId, string Month, long Reviews, double ReviewScore, long CriticalFailures, long GoodExamples, long BadExamples);

/// <summary>The review page's API: the sample, the conversation, the rubric, saving a review, examples and scores.</summary>
public static class ChatReviews
{
    /// <summary>The week's sample, of one agent or all; buyers masked.</summary>
    public static IReadOnlyList<SampledReception> Sample(WarehouseDatabase warehouse, DateOnly weekStart, string? agentId = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return Sampled(connection, null, "s.week_start = $week::date and ($agentId is null or s.agent_id = $agentId)",
            new { week = StaffingPlanner.Day(weekStart), agentId });
    }

    /// <summary>
    /// An agent's sampled receptions of the business days from <paramref name="from"/> to <paramref name="to"/>, reviewed
    /// or not: where the agent page leads from a weak KPI (slow responses → <c>slowest</c>, reply rate →
    /// <c>unanswered</c>, conversion → <c>unconverted</c>, aov and sales → <c>largest_order</c>).
    /// </summary>
    public static IReadOnlyList<SampledReception> ForAgent(WarehouseDatabase warehouse, string agentId, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return Sampled(connection, null, "s.agent_id = $agentId and s.business_day between $from::date and $to::date",
            new { agentId, from = StaffingPlanner.Day(from), to = StaffingPlanner.Day(to) });
    }

    /// <summary>
    /// The messages of a reception (every message of the buyer–agent pair on its business day, system cards included),
    /// in order. Masked by default: the buyer's id becomes its first and last character around ***, wherever it appears,
    /// and mobile numbers in the text keep only their first 3 and last 4 digits.
    /// </summary>
    public static Conversation Load(WarehouseDatabase warehouse, ulong consultationKey, bool unmasked = false)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        var reception = connection.QuerySingleOrDefault<ReceptionRow>(
            """
            select store_id as StoreId, agent_id as AgentId, buyer_id as BuyerId, business_day as BusinessDay
            from core.fct_reception where consultation_key = $key
            """, new { key = consultationKey })
            ?? throw new PlanningException($"no reception has the key {consultationKey}; it may have been filtered or recomputed away",
                "unknown_reception") { Key = consultationKey };
        var day = reception.BusinessDay;
        var masked = MaskBuyer(reception.BuyerId);
        // The time bounds are constants so DuckDB skips row groups; the business day then uses the day_cutoff of each
        // message's calendar day, as receptions do.
        var messages = connection.Query<ChatLine>(
            """
            select m.sent_at as SentAt, m.sender as Sender,
                   case when $unmasked then m.content
                        else regexp_replace(replace(m.content, $buyer, $masked), '(1[3-9][0-9])[0-9]{4}([0-9]{4})', '\1****\2', 'g')
                   end as Content
            from raw.chat_message as m
            join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
            where m.store_id = $store and m.agent_id = $agent and m.buyer_id = $buyer
              and m.sent_at >= $day::timestamp - interval 1 day and m.sent_at < $day::timestamp + interval 2 day
              and cast(m.sent_at - s.day_cutoff as date) = $day::date
            order by m.sent_at, m.load_seq
            """,
            new
            {
                unmasked, buyer = reception.BuyerId, masked, store = reception.StoreId, agent = reception.AgentId,
                day = StaffingPlanner.Day(day),
            }).ToList();
        return new Conversation(consultationKey, reception.StoreId, reception.AgentId, unmasked ? reception.BuyerId : masked, day,
            !unmasked, messages);
    }

    /// <summary>The rubric version in force for the store on the day: its own newest, else the default's.</summary>
    public static Rubric RubricFor(WarehouseDatabase warehouse, string storeId, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return RubricFor(connection, storeId, day, null);
    }

    /// <summary>
    /// Saves (or replaces) the review of a sampled reception, scored with the rubric in force on its business day.
    /// </summary>
    public static ReviewOutcome Save(WarehouseDatabase warehouse, ReviewInput review, DateTime? reviewedAt = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentException.ThrowIfNullOrWhiteSpace(review.Reviewer);
        if (review.Example is not (null or "good" or "bad"))
        {
            throw new ArgumentException($"an example is 'good', 'bad' or none, not '{review.Example}'", nameof(review));
        }

        using var connection = warehouse.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var sampled = Sampled(connection, transaction, "s.consultation_key = $key", new { key = review.ConsultationKey }).SingleOrDefault()
            ?? throw new PlanningException($"reception {review.ConsultationKey} is not in any week's sample; only sampled receptions are reviewed",
                "not_sampled") { Key = review.ConsultationKey };
        var rubric = RubricFor(connection, sampled.StoreId, sampled.BusinessDay, transaction);
        var (score, criticalFailed) = rubric.Score(review.Scores);

        var key = new { key = review.ConsultationKey };
        connection.Execute("delete from app.chat_review_score where consultation_key = $key", key, transaction);
        connection.Execute("delete from app.chat_review where consultation_key = $key", key, transaction);
        connection.Execute(
            """
            insert into app.chat_review (consultation_key, week_start, store_id, agent_id, business_day, rubric_store, rubric_from,
                                         score, critical_failed, comment, example, reviewer, reviewed_at)
            select consultation_key, week_start, store_id, agent_id, business_day, $rubricStore, $rubricFrom::date,
                   $score, $criticalFailed, $comment, $example, $reviewer, $reviewedAt
            from app.review_sample where consultation_key = $key
            """,
            new
            {
                key = review.ConsultationKey, rubricStore = rubric.StoreId, rubricFrom = StaffingPlanner.Day(rubric.EffectiveFrom),
                score, criticalFailed, comment = review.Comment, example = review.Example, reviewer = review.Reviewer,
                reviewedAt = reviewedAt ?? DateTime.Now,
            }, transaction);
        // One row per category: a handful, written as one statement from a JSON list rather than row by row.
        var categories = JsonSerializer.Serialize(rubric.Categories.Select(c => new
        {
            category = c.Category, weight = c.Weight, is_critical = c.IsCritical, score = review.Scores[c.Category],
        }));
        connection.Execute(
            """
            insert into app.chat_review_score (consultation_key, category, weight, is_critical, score)
            select $key, c.category, c.weight, c.is_critical, c.score
            from (select unnest(from_json($categories::json, '[{"category":"VARCHAR","weight":"DECIMAL(6,2)","is_critical":"BOOLEAN","score":"DOUBLE"}]'), recursive := true)) as c
            """, new { key = review.ConsultationKey, categories }, transaction);
        transaction.Commit();
        return new ReviewOutcome(review.ConsultationKey, score, criticalFailed, rubric);
    }

    /// <summary>Reviewed receptions marked as good or bad examples, newest first: training material.</summary>
    /// <param name="example"><c>good</c>, <c>bad</c>, or null for both.</param>
    public static IReadOnlyList<ReviewExample> Examples(WarehouseDatabase warehouse, string? storeId = null, string? example = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return connection.Query<ReviewExample>(
            """
            select consultation_key as ConsultationKey, store_id as StoreId, agent_id as AgentId, business_day as BusinessDay,
                   example as Example, score as Score, comment as Comment, reviewer as Reviewer, reviewed_at as ReviewedAt
            from app.chat_review
            where example is not null and ($store is null or store_id = $store) and ($example is null or example = $example)
            order by reviewed_at desc, consultation_key
            """, new { store = storeId, example }).ToList();
    }

    /// <summary>Review scores per agent and month (marts.review_score_monthly), of one agent or all.</summary>
    public static IReadOnlyList<MonthlyReviewScore> MonthlyScores(WarehouseDatabase warehouse, string? agentId = null)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        using var connection = warehouse.OpenConnection();
        return connection.Query<MonthlyReviewScore>(
            """
            select store_id as StoreId, agent_id as AgentId, month as Month, reviews as Reviews, review_score as ReviewScore,
                   critical_failures as CriticalFailures, good_examples as GoodExamples, bad_examples as BadExamples
            from marts.review_score_monthly
            where $agentId is null or agent_id = $agentId
            order by store_id, agent_id, month
            """, new { agentId }).ToList();
    }

    /// <summary>A buyer id as reviewers see it: <see cref="BuyerMask.Buyer"/>.</summary>
    public static string MaskBuyer(string buyerId) => BuyerMask.Buyer(buyerId);

    private static List<SampledReception> Sampled(DuckDBConnection connection, DuckDBTransaction? transaction, string filter, object parameters) =>
        connection.Query<SampleRow>(
            $"""
            select s.consultation_key as ConsultationKey, s.week_start as WeekStart, s.store_id as StoreId, s.agent_id as AgentId,
                   s.buyer_id as Buyer, s.business_day as BusinessDay, s.reason as Reason, s.reason_value as ReasonValue,
                   r.score as ReviewScore, r.example as Example
            from app.review_sample as s
            left join app.chat_review as r using (consultation_key)
            where {filter}
            order by s.store_id, s.agent_id, s.week_start, s.reason, s.reason_value desc nulls last, s.consultation_key
            """, parameters, transaction)
            .Select(r => new SampledReception(r.ConsultationKey, r.WeekStart, r.StoreId, r.AgentId,
                MaskBuyer(r.Buyer), r.BusinessDay, r.Reason, r.ReasonValue, r.ReviewScore, r.Example))
            .ToList();

    private static Rubric RubricFor(DuckDBConnection connection, string storeId, DateOnly day, DuckDBTransaction? transaction)
    {
        var categories = connection.Query<RubricRow>(
            """
            select r.store_id as StoreId, r.effective_from as EffectiveFrom, r.category as Category, r.position as Position,
                   r.name_zh as NameZh, r.name_en as NameEn, r.guide_zh as GuideZh, r.guide_en as GuideEn, r.weight as Weight,
                   r.is_critical as IsCritical
            from app.review_rubric_in_force($store, $day::date) as r
            order by r.position, r.category
            """, new { store = storeId, day = StaffingPlanner.Day(day) }, transaction).ToList();
        if (categories.Count == 0)
        {
            throw new PlanningException(
                $"no rubric is in force for store {storeId} on {day:yyyy-MM-dd}; add one to app.review_rubric (store * is the default)",
                "no_rubric") { Store = storeId, Day = day };
        }

        return new Rubric(categories[0].StoreId, categories[0].EffectiveFrom, categories
            .Select(c => new RubricCategory(c.Category, c.Position, c.NameZh, c.NameEn, c.GuideZh, c.GuideEn, c.Weight, c.IsCritical))
            .ToList());
    }

    internal sealed record SampleRow(
        ulong ConsultationKey, DateOnly WeekStart, string StoreId, string AgentId, string Buyer, DateOnly BusinessDay, string Reason,
        double? ReasonValue, double? ReviewScore, string? Example);

    internal sealed record ReceptionRow(string StoreId, string AgentId, string BuyerId, DateOnly BusinessDay);

    internal sealed record RubricRow(
        string StoreId, DateOnly EffectiveFrom, string Category, int Position, string NameZh, string NameEn, string GuideZh,
        string GuideEn, decimal Weight, bool IsCritical);
}
