-- grain: one row per agent per month with a scorecard: the bonus payroll pays. Level and coefficient are those in
-- force on the month's last calendar day (core.dim_agent, HR's changes merged), the base bonus the ladder's of that day.
create or replace view marts.bonus_monthly as
with scorecards as (
    select *, last_day(period_start) as month_end from marts.scorecard_monthly
),

ladder as (
    select * from marts.career_level_version()
),

in_force as (
    select
        s.store_id, s.team, s.agent_id, s.agent_name, s.month, s.month_end, s.total, s.grade, s.is_provisional,
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
        round(base_bonus * coalesce(roster_coefficient, coefficient_min) * total / 100, 2)::decimal(18,2) as bonus,
        -- the month's card is provisional (in progress, or a value still 延迟统计): so is the bonus, not yet payable
        is_provisional
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
comment on column marts.bonus_monthly.is_provisional is '暂定 — the month''s scorecard is provisional (the month in progress, or a value still 延迟统计): the bonus may change and is not yet payable';
comment on column marts.bonus_monthly.bonus is '奖金 — base_bonus × coefficient × score / 100, yuan, rounded to the fen';
