-- The reconciliation of CsKpi's own numbers against a CS tool's report (issue 16): for every row of
-- core.fct_agent_report whose store has raw chats on a day of the row's period and whose metric the registry
-- computes for agents, the report's value beside CsKpi's over the same days — sums of the agent's chat rows of
-- marts.kpi_agent_daily (source 'chats'), ratios as ratios of those sums, never means of daily ratios — with the
-- difference and whether it is within the tolerance of the metric's format (marts.report_tolerance).
-- A daily report row is one agent-day; a row for a range (a week, a month) is compared over that whole range, never
-- split into days. Only rows whose period lies within [date_from, date_to] are listed.
-- Report columns the registry has no metric for (手工折扣率, 转入人数 …) are not compared: CsKpi does not compute them.
-- difference = CsKpi − report in the metric's unit (a rate's as a fraction: 0.02 is 2 points);
-- relative_difference = difference / |report| for counts, money, seconds and ratios (rates: empty, points are the
-- measure); within_tolerance is empty when either side is empty (the report wrote --, or CsKpi's denominator is 0).
-- grain: one row per report row: store, agent, period (period_from, period_to), metric
--   select * from marts.report_reconciliation(date '2026-03-01', date '2026-03-31') where not within_tolerance;
create or replace macro marts.report_reconciliation(date_from, date_to) as table
with metric as (
    -- the registry's agent metrics (core.metric is created after the macros, so it comes from the registry itself)
    select * from (values
        /*{formats:agent}*/
    ) as m(code, format, position, reports_only)
    -- a metric known only from reports (attendance, 赤兔 遵时率): CsKpi has no number of its own to set against it
    where not reports_only
),

report as (
    select r.*, m.format, m.position
    from core.fct_agent_report as r
    join metric as m on m.code = r.metric
    where r.period_from >= date_from and r.period_to <= date_to
),

-- grain: one row per store and day that has raw chats (CsKpi's own numbers)
chat_day as (
    select distinct store_id, business_day from marts.kpi_agent_daily where source = 'chats'
),

-- grain: one row per agent and report period whose store has chats on at least one of its days
covered as (
    select p.store_id, p.agent_id, p.period_from, p.period_to, count(*) as chat_days
    from (select distinct store_id, agent_id, period_from, period_to from report) as p
    join chat_day as c on c.store_id = p.store_id and c.business_day between p.period_from and p.period_to
    group by all
),

-- CsKpi's sums over the period's chat days; an agent with no row on those days had nothing: 0, not unknown
-- (filled: has_lower_rows false)
sums as (
    select c.store_id, c.agent_id, c.period_from, c.period_to, c.chat_days, count(a.agent_id) > 0 as has_lower_rows,
        /*{period_sums:agent}*/
    from covered as c
    left join marts.kpi_agent_daily as a
        on a.source = 'chats' and a.store_id = c.store_id and a.agent_id = c.agent_id
        and a.business_day between c.period_from and c.period_to
    group by all
),

filled as (
    select store_id, agent_id, period_from, period_to, chat_days,
        /*{filled:agent}*/
    from sums
),

cskpi as (
    select store_id, agent_id, period_from, period_to, chat_days,
        /*{columns:agent}*/
    from filled
),

-- unpivot brings every metric to one type, double; it leaves out empty values (a ratio over 0), so the report rows
-- join it by a left join below, after the covered periods
cskpi_long as (
    select * from (
        unpivot cskpi on columns(* exclude (store_id, agent_id, period_from, period_to, chat_days))
        into name metric value cskpi_value)
),

compared as (
    select
        r.store_id, r.agent_id, r.agent_nick, r.team as report_team, r.period_from, r.period_to,
        datediff('day', r.period_from, r.period_to) + 1 as days, v.chat_days,
        r.metric, r.format, r.position, r.value as report_value, c.cskpi_value::double as cskpi_value,
        c.cskpi_value::double - r.value as difference,
        t.relative, t.absolute, r.file_id, r.line
    from report as r
    join covered as v using (store_id, agent_id, period_from, period_to)
    left join cskpi_long as c using (store_id, agent_id, period_from, period_to, metric)
    join marts.report_tolerance() as t using (format)
)

select
    x.store_id, coalesce(d.team, x.report_team, '未登记') as team, x.agent_id,
    case when d.is_registered then d.name else x.agent_nick end as agent_name,
    x.agent_nick, x.period_from, x.period_to, x.days, x.chat_days, x.metric, x.format, x.position as metric_position,
    x.report_value, x.cskpi_value, x.difference,
    case when x.format <> 'percent' and x.report_value <> 0 then x.difference / abs(x.report_value) end as relative_difference,
    greatest(coalesce(x.relative * abs(x.report_value), 0), coalesce(x.absolute, 0)) as tolerance,
    -- 1e-9: 0.52 − 0.50 is 0.020000000000000018 in doubles, and two points must agree
    abs(x.difference) <= greatest(coalesce(x.relative * abs(x.report_value), 0), coalesce(x.absolute, 0)) + 1e-9 as within_tolerance,
    x.file_id, x.line
from compared as x
-- the roster's name and team on the period's last day: pages and supervisors scope by CsKpi's teams
left join core.dim_agent as d
    on d.store_id = x.store_id and d.agent_id = x.agent_id
    and d.valid_from <= x.period_to and (d.valid_to is null or d.valid_to > x.period_to)
order by x.store_id, x.period_from, x.period_to, x.agent_id, x.position;
