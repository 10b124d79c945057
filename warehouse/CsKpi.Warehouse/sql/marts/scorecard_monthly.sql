-- grain: one row per agent per month (store_id, agent_id, month)
-- Rebuilds the months that hold a day of mart_day: a month's scorecard depends on all of its days. A month is
-- scored as a whole month, so the month in progress shows its progress against the whole month's targets.

delete from marts.scorecard_monthly as s
using (select distinct d.store_id, strftime(d.business_day, '%Y-%m') as month from mart_day as d) as m
where s.store_id = m.store_id and s.month = m.month;

insert into marts.scorecard_monthly
with months as (
    select distinct store_id, strftime(business_day, '%Y-%m') as month from mart_day
),

bounds as (
    select cast(date_trunc('month', min(business_day)) as date) as first_day,
           last_day(max(business_day)) as last_day
    from mart_day
)

select s.store_id, s.team, s.agent_id, s.agent_name, s.period, s.period_start, s.period_end, s.scorecard_from, s.items,
       s.total, s.max_total, s.grade, s.team_rank, s.store_rank, s.team_score
from marts.scorecard('month', (select first_day from bounds), (select last_day from bounds)) as s
semi join months as m on m.store_id = s.store_id and m.month = s.period;
