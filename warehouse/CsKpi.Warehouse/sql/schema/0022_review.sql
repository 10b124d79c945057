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

-- A number as people write it in a rule: 85, 0.05, −0.1; not 85.0 or 0.050.
create macro app.plain_number(x) as regexp_replace(regexp_replace(x::varchar, '(\.\d*[1-9])0+$', '\1'), '\.0+$', '');

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

-- grain: one row per agent per month with a scorecard: the bonus payroll pays. Level and coefficient are those in
-- force on the month's last calendar day (core.dim_agent, HR's changes merged), the base bonus the ladder's of that day.
create view marts.bonus_monthly as
with scorecards as (
    select *, last_day(period_start) as month_end from marts.scorecard_monthly
),

ladder as (
    select * from marts.career_level_version()
),

in_force as (
    select
        s.store_id, s.team, s.agent_id, s.agent_name, s.month, s.month_end, s.total, s.grade,
        a.level as roster_level, a.coefficient as roster_coefficient
    from scorecards as s
    left join core.dim_agent as a
      on a.agent_id = s.agent_id and a.is_registered and a.valid_from <= s.month_end and (a.valid_to is null or a.valid_to > s.month_end)
),

priced as (
    select
        i.*,
        coalesce(i.roster_level, first.level) as level,
        i.roster_level is null or i.roster_coefficient is null as is_level_assumed,
        l.base_bonus, l.coefficient_min
    from in_force as i
    left join ladder as first
      on first.store_id = i.store_id and first.level_rank = 1 and first.valid_from <= i.month_end and (first.valid_to is null or first.valid_to > i.month_end)
    left join ladder as l
      on l.store_id = i.store_id and l.level = coalesce(i.roster_level, first.level) and l.valid_from <= i.month_end
     and (l.valid_to is null or l.valid_to > i.month_end)
),

final as (
    select
        store_id, team, agent_id, agent_name, month, month_end, level,
        coalesce(roster_coefficient, coefficient_min) as coefficient, is_level_assumed, base_bonus, total as score, grade,
        round(base_bonus * coalesce(roster_coefficient, coefficient_min) * total / 100, 2)::decimal(18,2) as bonus
    from priced
)

select * from final;
comment on view marts.bonus_monthly is '月度奖金 — one row per agent per month with a scorecard: base_bonus of the level × coefficient on the month''s last day × score / 100';
comment on column marts.bonus_monthly.store_id is '店铺';
comment on column marts.bonus_monthly.team is '小组 — at the end of the month';
comment on column marts.bonus_monthly.agent_id is '客服账号';
comment on column marts.bonus_monthly.agent_name is '客服姓名';
comment on column marts.bonus_monthly.month is '月份 — 2026-03';
comment on column marts.bonus_monthly.month_end is '月末 — the day whose level and coefficient count';
comment on column marts.bonus_monthly.level is '级别 — in force on the month''s last day';
comment on column marts.bonus_monthly.coefficient is '系数 — in force on the month''s last day';
comment on column marts.bonus_monthly.is_level_assumed is '级别为推定 — the roster names no level or coefficient: the ladder''s first level at its minimum was used';
comment on column marts.bonus_monthly.base_bonus is '基础奖金 — of the level, in the ladder in force on the month''s last day';
comment on column marts.bonus_monthly.score is '绩效总分 — marts.scorecard_monthly.total';
comment on column marts.bonus_monthly.grade is '等级';
comment on column marts.bonus_monthly.bonus is '奖金 — base_bonus × coefficient × score / 100, yuan, rounded to the fen';
