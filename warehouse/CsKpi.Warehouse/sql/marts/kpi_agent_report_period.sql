-- grain: one row per agent and agent report range longer than one day (store_id, agent_id, period_from, period_to)
-- The report rows of other ranges than a day (a whole calendar month above all: stores download one per month for the
-- assessment), as the registry's sums and ratios (agent_report_sums.sql), never split into invented days. Rebuilt
-- whole (reports are small) when one of its inputs may have changed; marts.kpi_agent_period reads the whole-month
-- rows for a month whose daily rows lack a metric.
-- Its inputs: core.fct_agent_report (through agent_report_sums; rebuilt only when reports_changed,
-- core/fct_agent_report.sql), core.dim_agent (rebuilt only when agents_changed, core/dim_agent.sql) and the
-- registry's ratios (a registry that changes numbers records etl.metric_registry_change). An incremental recompute
-- in which none changed would write the same rows again, so it leaves the table as it is.
set variable report_periods_changed = getvariable('reports_changed') or getvariable('agents_changed')
    or exists (select 1 from etl.metric_registry_change where changed_at > getvariable('settings_since'));

delete from marts.kpi_agent_report_period where getvariable('report_periods_changed');

insert into marts.kpi_agent_report_period by name
with ranges as (
    select
        r.* exclude (is_daily, has_attendance),
        (r.period_to - r.period_from + 1)::integer as days,
        v.team, v.name as agent_name, v.agent_key, 'report' as source,
        -- the cost of the range's days, counted only where the report gives sales (roi compares like with like)
        case when r.sales_amount is not null then cast(v.monthly_cost / 30 * (r.period_to - r.period_from + 1) as decimal(18,4)) end
            as daily_cost,
        case when r.sales_amount is not null then case when v.monthly_cost is not null then r.sales_amount else 0 end end
            as costed_sales_amount
    from agent_report_sums as r
    -- the agent's version on the range's last day
    join core.dim_agent as v
      on v.agent_id = r.agent_id and r.period_to >= v.valid_from and (v.valid_to is null or r.period_to < v.valid_to)
    where not r.is_daily and getvariable('report_periods_changed')
)

select
    *,
    /*{ratios:agent}*/
from ranges;
