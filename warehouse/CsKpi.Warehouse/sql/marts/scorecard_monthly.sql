-- grain: one row per agent per month (store_id, agent_id, month)
-- Rebuilds the months that hold a day of mart_day (a month's scorecard depends on all of its days), and every month
-- whose kept card is provisional: a month in progress is scored up to the store's newest day of data, which a load
-- of any later day moves, and a provisional value (延迟统计) turns final without its days being rebuilt. A month
-- in progress is scored as marts.scorecard says: sum targets prorated to the days elapsed, marked provisional.

create or replace temp table scorecard_month as
select distinct d.store_id, strftime(d.business_day, '%Y-%m') as month, cast(date_trunc('month', d.business_day) as date) as month_start
from mart_day as d
union
select distinct store_id, month, period_start from marts.scorecard_monthly where is_provisional;

delete from marts.scorecard_monthly as s
using scorecard_month as m
where s.store_id = m.store_id and s.month = m.month;

insert into marts.scorecard_monthly by name
with bounds as (
    select min(month_start) as first_day, last_day(max(month_start)) as last_day from scorecard_month
)

select s.store_id, s.team, s.agent_id, s.agent_name, s.period as month, s.period_start, s.period_end, s.scorecard_from, s.items,
       s.total, s.max_total, s.grade, s.team_rank, s.store_rank, s.team_score, s.role, s.scored_to, s.in_progress, s.is_provisional
from marts.scorecard('month', (select first_day from bounds), (select last_day from bounds)) as s
semi join scorecard_month as m on m.store_id = s.store_id and m.month = s.period;
