namespace CsKpi.Warehouse.Career;

// Rows of the career tables and macros as the pages and cskpi read them. Properties rather than positional records:
// Dapper fills them by column name (snake_case, see DapperNames), converting numbers as it goes.

/// <summary>A proposal of the half-yearly review (app.review_proposal) and its explanation.</summary>
public sealed record ReviewProposal
{
    public long ProposalId { get; init; }
    public string Half { get; init; } = "";
    public string StoreId { get; init; } = "";
    public string AgentId { get; init; } = "";
    public string AgentName { get; init; } = "";
    public string Team { get; init; } = "";
    public string Level { get; init; } = "";
    public decimal Coefficient { get; init; }
    public bool IsLevelAssumed { get; init; }
    public int MonthsAtLevel { get; init; }
    public int ScoredMonths { get; init; }
    public double? AvgScore { get; init; }
    public double? MinScore { get; init; }
    public double? PreviousAvgScore { get; init; }

    /// <summary>promote, coefficient_up, coefficient_down or unchanged.</summary>
    public string Action { get; init; } = "";
    public string ProposedLevel { get; init; } = "";
    public decimal ProposedCoefficient { get; init; }
    public bool IsWarning { get; init; }
    public string Summary { get; init; } = "";
    public DateTime ReviewedAt { get; init; }

    /// <summary>pending, approved or rejected.</summary>
    public string Status { get; init; } = "";
    public string? DecidedBy { get; init; }
    public DateTime? DecidedAt { get; init; }
    public string? DecisionComment { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public IReadOnlyList<ReviewCriterion> Criteria { get; init; } = [];
}

/// <summary>One criterion of a proposal's explanation (app.review_criterion).</summary>
public sealed record ReviewCriterion
{
    public long ProposalId { get; init; }
    public int Position { get; init; }
    public string Criterion { get; init; } = "";
    public string Rule { get; init; } = "";
    public double? Value { get; init; }
    public double? Threshold { get; init; }
    public bool Passed { get; init; }
    public string? Note { get; init; }

    /// <summary>The values the rule and note are made of, as JSON (levels, band, missing courses): the site words them
    /// in the viewer's language from <see cref="Criterion"/> and these; <see cref="Rule"/> and <see cref="Note"/> are cskpi's.</summary>
    public string? Args { get; init; }
}

/// <summary>Which proposals to list; every filter is optional.</summary>
/// <param name="Kind">promote, warning, coefficient (up or down) or unchanged.</param>
/// <param name="Status">pending, approved or rejected.</param>
public sealed record ProposalFilter(string? Half = null, string? Kind = null, string? Status = null, string? AgentId = null, string? Team = null);

/// <summary>What a review run did: the half, the pending proposals it wrote and the decided ones it left alone.</summary>
public sealed record HalfReviewResult(HalfYear Half, int Pending, int Decided, IReadOnlyList<ReviewProposal> Proposals);

/// <summary>What a decision did: the proposals decided, and the recompute that put the new versions into the marts.</summary>
public sealed record DecisionResult(IReadOnlyList<long> ProposalIds, bool Approved, RecomputeReport Recompute);

/// <summary>An entry of the append-only audit log (app.audit_log).</summary>
public sealed record AuditEntry
{
    public long EntryId { get; init; }
    public DateTime LoggedAt { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string AgentId { get; init; } = "";
    public long? ProposalId { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public string What { get; init; } = "";
    public string? BeforeLevel { get; init; }
    public decimal? BeforeCoefficient { get; init; }
    public string? AfterLevel { get; init; }
    public decimal? AfterCoefficient { get; init; }
    public string Reason { get; init; } = "";
}

/// <summary>One agent's version of level and coefficient (core.dim_agent), for the agent page's level history.</summary>
public sealed record LevelVersion
{
    public string AgentId { get; init; } = "";
    public string? Level { get; init; }
    public decimal? Coefficient { get; init; }
    public DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}

/// <summary>A monthly bonus row (marts.bonus_monthly).</summary>
public sealed record BonusRow
{
    public string StoreId { get; init; } = "";
    public string Team { get; init; } = "";
    public string AgentId { get; init; } = "";
    public string AgentName { get; init; } = "";
    public string Month { get; init; } = "";
    public string? Level { get; init; }
    public decimal? Coefficient { get; init; }
    public bool IsLevelAssumed { get; init; }
    public decimal? BaseBonus { get; init; }
    public double Score { get; init; }
    public string Grade { get; init; } = "";
    public decimal? Bonus { get; init; }

    /// <summary>The month's scorecard is provisional (in progress, or a value still 延迟统计): the bonus may change.</summary>
    public bool IsProvisional { get; init; }
}

/// <summary>A course of the catalogue (core.dim_course).</summary>
public sealed record CourseRow
{
    public string CourseId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public int PassScore { get; init; }
    public int? ValidMonths { get; init; }
    public string? RequiredForLevel { get; init; }
    public decimal? Hours { get; init; }
}

/// <summary>An agent × course on a day (marts.training_status): the record of one course, or a cell of the matrix.</summary>
public sealed record TrainingCell
{
    public string AgentId { get; init; } = "";
    public string? Name { get; init; }
    public string? Team { get; init; }
    public string CourseId { get; init; } = "";
    public string? Title { get; init; }
    public string? Category { get; init; }
    public string? RequiredForLevel { get; init; }

    /// <summary>current or next: which level of the agent needs it (matrix only).</summary>
    public string? RequiredFor { get; init; }

    /// <summary>passed, expiring (within 30 days), missing, failed or in_progress.</summary>
    public string State { get; init; } = "";
    public DateOnly? PassedOn { get; init; }
    public int? Score { get; init; }
    public DateOnly? ExpiresOn { get; init; }
    public DateOnly? ExpiredOn { get; init; }
    public long Attempts { get; init; }
    public long Failures { get; init; }
}

/// <summary>An agent's training summary on a day (marts.training_agent).</summary>
public sealed record TrainingAgent
{
    public string AgentId { get; init; } = "";
    public string StoreId { get; init; } = "";
    public string Name { get; init; } = "";
    public string Team { get; init; } = "";
    public string Level { get; init; } = "";
    public bool IsLevelAssumed { get; init; }
    public string? NextLevel { get; init; }
    public long PassedCourses { get; init; }
    public long ExpiringCourses { get; init; }
    public long InProgressCourses { get; init; }
    public long FailedAttempts { get; init; }
    public bool IsCertifiedJunior { get; init; }
    public DateOnly? CertifiedJuniorOn { get; init; }
}

/// <summary>A course an agent should learn next (marts.next_to_learn), in career.md's order.</summary>
public sealed record NextCourse
{
    public string AgentId { get; init; } = "";
    public string CourseId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string? RequiredForLevel { get; init; }

    /// <summary>The reason's values: the course's state (priorities 1 and 2), the weak metrics' codes and their months
    /// (3), comma-separated.</summary>
    public string? CourseState { get; init; }
    public string? WeakMetrics { get; init; }
    public string? WeakMonths { get; init; }

    /// <summary>1 required for the current level, 2 for the next, 3 recommended by a weak KPI.</summary>
    public int Priority { get; init; }
    public string Reason { get; init; } = "";
    public long RankInAgent { get; init; }
}
