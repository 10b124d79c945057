using Dapper;

namespace CsKpi.Warehouse.Career;

/// <summary>
/// The half-yearly review of career.md: <see cref="Run"/> writes one proposal per active agent with its explanation
/// (sql/app/review_proposal.sql, set-based), <see cref="Proposals"/> lists them, <see cref="Decide"/> approves or
/// rejects them. A rerun replaces the pending proposals of the half and never touches decided ones.
/// </summary>
public static class HalfReview
{
    public static readonly string[] Kinds = ["promote", "warning", "coefficient", "unchanged"];
    public static readonly string[] Statuses = ["pending", "approved", "rejected"];

    /// <summary>Reviews <paramref name="half"/> on the marts as they stand (recompute first for the newest data).</summary>
    /// <param name="today">The day of the run (default: today in Asia/Shanghai); a half not ended by then is refused.</param>
    /// <exception cref="HalfNotEndedException">The half has not ended.</exception>
    public static HalfReviewResult Run(WarehouseDatabase warehouse, HalfYear half, DateOnly? today = null)
    {
        var day = today ?? HalfYear.Today();
        if (!half.HasEndedBy(day))
        {
            throw new HalfNotEndedException(half);
        }

        using (var connection = CareerConnection.Open(warehouse))
        using (var transaction = connection.BeginTransaction())
        {
            // SET VARIABLE takes no parameters; these are a half and days this code formats.
            connection.Execute(
                $"set variable review_half = '{half}'; "
                + $"set variable half_start = date '{CareerConnection.Day(half.Start)}'; "
                + $"set variable half_end = date '{CareerConnection.Day(half.End)}'; "
                + $"set variable previous_start = date '{CareerConnection.Day(half.Previous.Start)}'; "
                + $"set variable previous_end = date '{CareerConnection.Day(half.Previous.End)}';",
                transaction: transaction);
            connection.Execute(SqlScripts.Get("app/review_proposal.sql"), transaction: transaction, commandTimeout: 0);
            transaction.Commit();
        }

        var proposals = Proposals(warehouse, new ProposalFilter(Half: half.ToString()));
        return new HalfReviewResult(half, proposals.Count(p => p.Status == "pending"), proposals.Count(p => p.Status != "pending"), proposals);
    }

    /// <summary>The proposals that match every filter given, warnings and promotions first, each with its criteria.</summary>
    public static IReadOnlyList<ReviewProposal> Proposals(WarehouseDatabase warehouse, ProposalFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Kind is { } kind && !Kinds.Contains(kind))
        {
            throw new ArgumentException($"'{kind}' is not a kind of proposal; use {string.Join(", ", Kinds)}.", nameof(filter));
        }

        if (filter.Status is { } status && !Statuses.Contains(status))
        {
            throw new ArgumentException($"'{status}' is not a status; use {string.Join(", ", Statuses)}.", nameof(filter));
        }

        using var connection = CareerConnection.Open(warehouse);
        var proposals = connection.Query<ReviewProposal>("""
            select * from app.review_proposal
            where ($half is null or half = $half) and ($status is null or status = $status)
              and ($agent is null or agent_id = $agent) and ($team is null or team = $team)
              and case $kind when 'promote' then action = 'promote' when 'warning' then is_warning
                             when 'coefficient' then action in ('coefficient_up', 'coefficient_down')
                             when 'unchanged' then action = 'unchanged' else true end
            order by half, is_warning desc, action = 'promote' desc, store_id, team, agent_id
            """, new { half = filter.Half, status = filter.Status, agent = filter.AgentId, team = filter.Team, kind = filter.Kind ?? "" }).ToList();
        if (proposals.Count == 0)
        {
            return proposals;
        }

        var ids = proposals.Select(p => p.ProposalId).ToList();
        var criteria = connection.Query<ReviewCriterion>(
                "select * from app.review_criterion where proposal_id in $ids order by proposal_id, position", new { ids })
            .ToLookup(c => c.ProposalId);
        return proposals.Select(p => p with { Criteria = criteria[p.ProposalId].ToList() }).ToList();
    }

    /// <summary>
    /// Approves or rejects pending proposals, all or none. An approval gives the agent a new level and coefficient from
    /// <paramref name="effectiveFrom"/> (default: the first day after the proposal's half); every decision is written to
    /// the audit log; then the marts are recomputed from the earliest day that changed.
    /// </summary>
    /// <exception cref="ArgumentException">No ids, an unknown id, or no comment or user.</exception>
    /// <exception cref="InvalidOperationException">A proposal was decided already; nothing was changed.</exception>
    public static DecisionResult Decide(WarehouseDatabase warehouse, IReadOnlyCollection<long> proposalIds, bool approve, string comment,
        string user, DateOnly? effectiveFrom = null)
    {
        ArgumentNullException.ThrowIfNull(proposalIds);
        CareerChanges.RequireWho(user, comment);
        var ids = proposalIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new CareerRefusal("choose at least one proposal to decide", nameof(proposalIds), "no_proposal");
        }

        using (var connection = CareerConnection.Open(warehouse))
        using (var transaction = connection.BeginTransaction())
        {
            var found = connection.Query<ReviewProposal>(
                "select * from app.review_proposal where proposal_id in $ids", new { ids }, transaction).ToList();
            var unknown = ids.Except(found.Select(p => p.ProposalId)).ToList();
            if (unknown.Count > 0)
            {
                throw new CareerRefusal(
                    $"no proposal has the number {string.Join(", ", unknown)}; a rerun of the review may have replaced it, list the proposals again",
                    nameof(proposalIds), "unknown_proposal")
                {
                    ProposalIds = unknown,
                };
            }

            if (found.FirstOrDefault(p => p.Status != "pending") is { } decided)
            {
                throw new ProposalDecidedException(decided);
            }

            var parameters = new
            {
                ids,
                status = approve ? "approved" : "rejected",
                user,
                comment,
                effective = effectiveFrom is { } day ? CareerConnection.Day(day) : null,
            };
            connection.Execute("""
                update app.review_proposal
                set status = $status, decided_by = $user, decided_at = current_localtimestamp(), decision_comment = $comment,
                    effective_from = case when $status = 'approved' then coalesce(cast($effective as date),
                        case when right(half, 1) = '1' then make_date(left(half, 4)::integer, 7, 1)
                             else make_date(left(half, 4)::integer + 1, 1, 1) end) end
                where proposal_id in $ids
                """, parameters, transaction);
            connection.Execute("""
                insert into app.agent_career_change (agent_id, effective_from, level, coefficient, source, proposal_id, reason, changed_by)
                select agent_id, effective_from, proposed_level, proposed_coefficient, 'review', proposal_id, $comment, $user
                from app.review_proposal
                where proposal_id in $ids and status = 'approved'
                """, new { ids, comment, user }, transaction);
            CareerChanges.Audit(connection, transaction, """
                select
                    $user, case status when 'approved' then 'approve' else 'reject' end, agent_id, proposal_id, effective_from,
                    status || ' ' || half || ' proposal ' || proposal_id || ': ' || summary,
                    level, coefficient,
                    case when status = 'approved' then proposed_level else level end,
                    case when status = 'approved' then proposed_coefficient else coefficient end,
                    $comment
                from app.review_proposal
                where proposal_id in $ids
                """, new { ids, comment, user });
            transaction.Commit();
        }

        return new DecisionResult(ids, approve, MartRecompute.Incremental(warehouse));
    }
}

/// <summary>A review asked for a half that has not ended: the half is carried as a value, so the site can say it in the
/// viewer's language; the message is cskpi's.</summary>
public sealed class HalfNotEndedException(HalfYear half) : InvalidOperationException(
    $"{half} has not ended yet (it runs {CareerConnection.Day(half.Start)} to {CareerConnection.Day(half.End)}); "
    + $"its review can run from {CareerConnection.Day(half.DayAfter)}.")
{
    public HalfYear Half { get; } = half;
}

/// <summary>A decision on a proposal already decided: the proposal is carried, so the site can say it in the viewer's
/// language; the message is cskpi's.</summary>
public sealed class ProposalDecidedException(ReviewProposal decided) : InvalidOperationException(
    $"proposal {decided.ProposalId} ({decided.AgentId}, {decided.Half}) was {decided.Status} by {decided.DecidedBy} on "
    + $"{decided.DecidedAt:yyyy-MM-dd HH:mm}; a decision is final, so nothing was changed. Change the level or "
    + "coefficient by hand if it must move.")
{
    public ReviewProposal Proposal { get; } = decided;
}
