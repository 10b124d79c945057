-- Periods, rankings and scorecards: the table macros every reader shares (marts.period_day, kpi_agent_period,
-- kpi_team_period, kpi_store_period, agent_metric, agent_ranking, scorecard) live in sql/macros, re-created on every
-- open; the period and metric macros are generated from the metric registry (docs/metrics.md). What stays here is
-- the table of monthly scorecards.

-- grain: one row per agent per month: the monthly scorecard, kept so pages and HR read it without recomputing
create table marts.scorecard_monthly (
    store_id        varchar not null,
    team            varchar not null,
    agent_id        varchar not null,
    agent_name      varchar not null,
    month           varchar not null,
    period_start    date not null,
    period_end      date not null,
    scorecard_from  date not null,
    items           struct(metric varchar, weight double, target double, direction varchar, actual double, score double)[] not null,
    total           double not null,
    max_total       double not null,
    grade           varchar not null,
    team_rank       integer not null,
    store_rank      integer not null,
    team_score      double not null
);
comment on table marts.scorecard_monthly is '月度绩效考核 — one row per agent per month: item scores, total, grade and ranks under the scorecard in force at month end';
comment on column marts.scorecard_monthly.store_id is '店铺';
comment on column marts.scorecard_monthly.team is '小组 — the agent''s team at the end of the month';
comment on column marts.scorecard_monthly.agent_id is '客服账号';
comment on column marts.scorecard_monthly.agent_name is '客服姓名';
comment on column marts.scorecard_monthly.month is '月份 — 2026-03';
comment on column marts.scorecard_monthly.period_start is '开始日';
comment on column marts.scorecard_monthly.period_end is '结束日 — the month''s last day, or the last day with data';
comment on column marts.scorecard_monthly.scorecard_from is '考核方案生效日 — which version of the scorecard scored it';
comment on column marts.scorecard_monthly.items is '考核项 — metric, weight, target (scaled for sums), direction, actual, score';
comment on column marts.scorecard_monthly.total is '总分 — sum of item scores; at most cap × sum of weights (115 by default)';
comment on column marts.scorecard_monthly.max_total is '满分 — cap × sum of weights';
comment on column marts.scorecard_monthly.grade is '等级 — A ≥ 100, B ≥ 85, C ≥ 70, D below';
comment on column marts.scorecard_monthly.team_rank is '组内排名 — ties share a rank';
comment on column marts.scorecard_monthly.store_rank is '店内排名 — ties share a rank';
comment on column marts.scorecard_monthly.team_score is '小组得分 — mean of the team members'' totals';
