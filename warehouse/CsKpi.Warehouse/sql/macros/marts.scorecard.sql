-- Scorecards (绩效考核): the items of the scorecard version in force on the period's last day (the store's own
-- newest version, else the default's), scored as metrics.md says; totals ranked within team and store.
-- grain: one row per agent per period
create or replace macro marts.scorecard(grain, date_from, date_to) as table
with metrics as (
    select * from marts.agent_metric(grain, date_from, date_to)
),
periods as (
    select distinct m.store_id, m.period, m.period_start, m.period_end, s.scorecard_cap as cap
    from metrics as m
    asof join core.store_day_setting as s on s.store_id = m.store_id and s.business_day <= m.period_end
),
items as (
    select p.store_id, p.period, i.effective_from as scorecard_from, i.metric, i.weight::double as weight, i.target::double as target,
           i.direction
    from periods as p, lateral app.scorecard_in_force(p.store_id, p.period_end) as i
),
scored as (
    select
        m.store_id, m.team, m.agent_id, m.agent_name, m.period, m.period_start, m.period_end, i.scorecard_from, p.cap,
        i.metric, i.weight, i.direction, m.value as actual,
        case when m.is_sum then i.target * (m.period_end - m.period_start + 1) / 30.0 else i.target end as target
    from metrics as m
    join items as i on i.store_id = m.store_id and i.period = m.period and i.metric = m.metric
    join periods as p on p.store_id = m.store_id and p.period = m.period
),
item_scores as (
    select
        *,
        case
            when actual is null then 0
            when direction = 'higher' then weight * least(cap, actual / target)
            when actual = 0 then weight * cap
            else weight * least(cap, target / actual)
        end as score
    from scored
),
totals as (
    select
        store_id, team, agent_id, agent_name, period, period_start, period_end, scorecard_from,
        list({'metric': metric, 'weight': weight, 'target': target, 'direction': direction, 'actual': actual, 'score': score}
             order by weight desc, metric) as items,
        -- added in a fixed order: sum() adds doubles in whatever order its threads meet them, so the last bit of a
        -- total (and a rank tied on it) could differ between two computations of the same numbers
        list_sum(list(score order by weight desc, metric)) as total,
        any_value(cap) * list_sum(list(weight order by weight desc, metric)) as max_total
    from item_scores
    group by all
),

team_scores as (
    -- the team's mean in a fixed order too (a window avg has none)
    select store_id, team, period, list_sum(list(total order by agent_id)) / count(*) as team_score
    from totals
    group by all
)
select
    t.store_id, t.team, t.agent_id, t.agent_name, t.period, t.period_start, t.period_end, t.scorecard_from, t.items, t.total, t.max_total,
    case when t.total >= 100 then 'A' when t.total >= 85 then 'B' when t.total >= 70 then 'C' else 'D' end as grade,
    rank() over (partition by t.store_id, t.team, t.period order by t.total desc) as team_rank,
    rank() over (partition by t.store_id, t.period order by t.total desc) as store_rank,
    s.team_score
from totals as t
join team_scores as s on s.store_id = t.store_id and s.team is not distinct from t.team and s.period = t.period;
