-- The agent metrics as (metric, value) rows, with which way is better: the input of rankings and scorecards.
-- The metrics are those metrics.yml marks scorecard: true; their directions and which are sums come from it too.
-- grain: one row per agent per period per metric
-- only_agent (optional): one agent's rows alone, computed from that agent's daily rows only
create or replace macro marts.agent_metric(grain, date_from, date_to, only_agent := null) as table
with periods as (
    select * from marts.kpi_agent_period(grain, date_from, date_to, only_agent := only_agent)
),
long as (
    select *
    from (
        -- unpivot brings every metric to one type, double
        select *, inquiry_buyers as period_inquiry_buyers
        from periods
    ) unpivot include nulls (value for metric in (
        /*{ranked:agent}*/))
)
select
    *,
    case when metric in (/*{lower_is_better:agent}*/) then 'lower' else 'higher' end as direction,
    -- sums scale a target with the period's length; ratios and means do not
    metric in (/*{sum_metrics:agent}*/) as is_sum,
    -- the value may still change (延迟统计: orders of its days may still be paid)
    /*{provisional:agent}*/ as is_provisional
from long;
