-- grain: one row per agent and whole-calendar-month agent report (marts.kpi_agent_report_period) wholly inside
-- [date_from, date_to], with the period of `grain` it falls in; none for day and week, which are not made of whole
-- months. A range (the agent page's chosen dates) takes the months it wholly holds, so an agent of a store that
-- downloads one report a month has figures for the month chosen. What the period macros add to a month whose daily
-- rows lack a metric (issue 16).
create or replace macro marts.report_month(grain, date_from, date_to) as table
select r.*, p.period, p.period_start, p.period_end, r.period_from as month
from marts.kpi_agent_report_period as r
join marts.period_day(grain, date_from, date_to) as p on p.business_day = r.period_from
where grain in ('month', 'quarter', 'half', 'year', 'range')
  and r.period_from = date_trunc('month', r.period_from) and r.period_to = last_day(r.period_from)
  and r.period_to <= date_to::date;
