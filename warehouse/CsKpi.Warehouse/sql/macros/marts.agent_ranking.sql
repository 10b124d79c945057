-- Rankings: per period, store or team, and metric, best first; ties share a rank (1, 2, 2, 4). Agents with fewer
-- than min_inquiries_for_rank inquiry buyers in the period (the setting on its last day) are listed apart as
-- small samples, unranked; so is an agent whose value is empty.
-- grain: one row per agent per period per metric
create or replace macro marts.agent_ranking(grain, date_from, date_to) as table
with metrics as (
    select m.*, s.min_inquiries_for_rank,
           m.period_inquiry_buyers < s.min_inquiries_for_rank as is_small_sample
    from marts.agent_metric(grain, date_from, date_to) as m
    -- a period may end after the last day with data (the month in progress): the newest settings then
    asof join core.store_day_setting as s on s.store_id = m.store_id and s.business_day <= m.period_end
),
rankable as (
    select *, not is_small_sample and value is not null as is_ranked,
           case when direction = 'lower' then value else -value end as badness
    from metrics
)
select
    store_id, team, agent_id, agent_name, period, period_start, period_end, metric, value, direction,
    case when is_ranked then rank() over (partition by store_id, period, metric, is_ranked order by badness) end as store_rank,
    case when is_ranked then rank() over (partition by store_id, team, period, metric, is_ranked order by badness) end as team_rank,
    is_small_sample, period_inquiry_buyers as inquiry_buyers, min_inquiries_for_rank
from rankable;
