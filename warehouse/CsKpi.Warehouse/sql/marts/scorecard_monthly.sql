-- grain: one row per agent per month (store_id, agent_id, month)
-- Rebuilds the months that hold a day of mart_day (a month's scorecard depends on all of its days), and the months
-- with a kept provisional card whose reason went away without any of their days being rebuilt: a month in progress
-- is scored up to the store's newest day of data, which a load of any later day moves; a card provisional for a
-- value still 延迟统计 turns final when the flags of the agent's days in the month have (marts/maturity.sql). A
-- provisional card whose reason stands is left as it is: rebuilding it would give the same numbers. A month in
-- progress is scored as marts.scorecard says: sum targets prorated to the days elapsed, marked provisional.

create or replace temp table scorecard_month as
select distinct d.store_id, strftime(d.business_day, '%Y-%m') as month, cast(date_trunc('month', d.business_day) as date) as month_start
from mart_day as d
union
select distinct s.store_id, s.month, s.period_start
from marts.scorecard_monthly as s
left join marts.store_data_through() as d on d.store_id = s.store_id
where s.is_provisional
  and case
      when s.in_progress then d.data_through > s.scored_to
      else not exists (
          select 1 from marts.kpi_agent_daily as k
          where k.store_id = s.store_id and k.agent_id = s.agent_id and k.business_day between s.period_start and s.period_end
            and (k.next_day_provisional or k.final_provisional))
  end;

delete from marts.scorecard_monthly as s
using scorecard_month as m
where s.store_id = m.store_id and s.month = m.month;

-- The months' span, as constants: passed to the macro as scalar subqueries, each use of its date_from and date_to
-- inside the macro chain became a subquery of its own, which DuckDB's join-order optimizer planned as one more
-- relation of every join it meets (70-90 ms of planning in the day's recompute, against 1 ms with constants).
set variable scorecard_from = (select min(month_start) from scorecard_month);
set variable scorecard_to = (select last_day(max(month_start)) from scorecard_month);

insert into marts.scorecard_monthly by name
select s.store_id, s.team, s.agent_id, s.agent_name, s.period as month, s.period_start, s.period_end, s.scorecard_from, s.items,
       s.total, s.max_total, s.grade, s.team_rank, s.store_rank, s.team_score, s.role, s.scored_to, s.in_progress, s.is_provisional
from marts.scorecard('month', getvariable('scorecard_from'), getvariable('scorecard_to')) as s
semi join scorecard_month as m on m.store_id = s.store_id and m.month = s.period;
