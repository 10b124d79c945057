-- The half-yearly review (晋升评审) and the monthly bonus. sql/app/review_proposal.sql fills the proposals of a half;
-- HR's decisions stay in the same rows, which a rerun never touches.

create table app.review_proposal (
    proposal_id           bigint primary key,
    half                  varchar not null,
    store_id              varchar not null,
    agent_id              varchar not null,
    agent_name            varchar not null,
    team                  varchar not null,
    level                 varchar not null,
    coefficient           decimal(4,2) not null,
    is_level_assumed      boolean not null,
    months_at_level       integer not null,
    scored_months         integer not null,
    avg_score             double,
    min_score             double,
    previous_avg_score    double,
    action                varchar not null check (action in ('promote', 'coefficient_up', 'coefficient_down', 'unchanged')),
    proposed_level        varchar not null,
    proposed_coefficient  decimal(4,2) not null,
    is_warning            boolean not null,
    summary               varchar not null,
    reviewed_at           timestamp not null,
    status                varchar not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
    decided_by            varchar,
    decided_at            timestamp,
    decision_comment      varchar,
    effective_from        date,
    unique (half, agent_id)
);
comment on table app.review_proposal is '晋升评审建议 — one proposal per agent active at a half''s end: promote, coefficient up, down or unchanged, and a warning; pending until HR decides';
comment on column app.review_proposal.proposal_id is '建议编号 — a hash of (half, agent), so a rerun keeps the number of a pending proposal';
comment on column app.review_proposal.half is '半年 — 2026H1 (Jan–Jun) or 2026H2 (Jul–Dec)';
comment on column app.review_proposal.store_id is '店铺';
comment on column app.review_proposal.agent_id is '客服账号';
comment on column app.review_proposal.agent_name is '客服姓名';
comment on column app.review_proposal.team is '小组 — at the half''s end';
comment on column app.review_proposal.level is '级别 — at the half''s end';
comment on column app.review_proposal.coefficient is '系数 — at the half''s end';
comment on column app.review_proposal.is_level_assumed is '级别为推定 — the roster names no level or coefficient: read as the ladder''s first level at its minimum';
comment on column app.review_proposal.months_at_level is '现级别任职月数 — whole months at the level at the half''s end';
comment on column app.review_proposal.scored_months is '计分月数 — months of the half with a reception and a scorecard';
comment on column app.review_proposal.avg_score is '平均分 — mean of those months'' scorecard totals; empty when there is none';
comment on column app.review_proposal.min_score is '最低分 — the lowest of them';
comment on column app.review_proposal.previous_avg_score is '上半年平均分 — the same mean over the half before (the two-halves warning)';
comment on column app.review_proposal.action is '建议 — promote, coefficient_up, coefficient_down or unchanged';
comment on column app.review_proposal.proposed_level is '建议级别';
comment on column app.review_proposal.proposed_coefficient is '建议系数 — a promotion starts at the new level''s minimum; otherwise stepped by the band and clamped to the range';
comment on column app.review_proposal.is_warning is '降级预警 — avg below the warning line, or below the two-halves line in this half and the one before';
comment on column app.review_proposal.summary is '摘要 — the proposal in words';
comment on column app.review_proposal.reviewed_at is '评审时间 — when the review that wrote it ran';
comment on column app.review_proposal.status is '状态 — pending, approved or rejected';
comment on column app.review_proposal.decided_by is '决定人';
comment on column app.review_proposal.decided_at is '决定时间';
comment on column app.review_proposal.decision_comment is '决定意见 — HR''s comment';
comment on column app.review_proposal.effective_from is '生效日期 — of an approval: the first day after the half unless HR set another';

create table app.review_criterion (
    proposal_id  bigint not null,
    position     integer not null,
    criterion    varchar not null,
    rule         varchar not null,
    value        double,
    threshold    double,
    passed       boolean not null,
    note         varchar,
    primary key (proposal_id, position)
);
comment on table app.review_criterion is '评审依据 — one row per criterion of a proposal: the agent''s value, the threshold and whether it was met';
comment on column app.review_criterion.proposal_id is '建议编号 — app.review_proposal';
comment on column app.review_criterion.position is '序号 — the order to show them in';
comment on column app.review_criterion.criterion is '依据 — scored_months, months_at_level, avg_score, min_score, courses, next_level, coefficient_band, warning_avg, warning_two_halves';
comment on column app.review_criterion.rule is '规则 — the criterion in words, e.g. avg ≥ 85 for L2';
comment on column app.review_criterion.value is '实际值 — the agent''s';
comment on column app.review_criterion.threshold is '门槛';
comment on column app.review_criterion.passed is '是否满足 — for the warnings: true when no warning is due';
comment on column app.review_criterion.note is '说明 — e.g. the missing courses, the months left out';
