-- grain: one row per agent and month of [date_from, date_to] of the agents that have an agent report range: the
-- month's daily sums (empty where no daily row has the metric), so the team and store period macros know which
-- columns a whole-month report fills (issue 16). An agent without a report range is not scanned.
create or replace macro marts.reported_agent_month(date_from, date_to) as table
select
    a.store_id, a.agent_id, cast(date_trunc('month', a.business_day) as date) as month,
    /*{period_sums:agent}*/
from marts.kpi_agent_daily as a
semi join marts.kpi_agent_report_period as r on r.store_id = a.store_id and r.agent_id = a.agent_id
where a.business_day between date_from::date and date_to::date
group by a.store_id, a.agent_id, cast(date_trunc('month', a.business_day) as date);
