-- Scorecards (绩效考核): each agent is scored by the card of their role (core.dim_agent on the period's last day; a
-- role without a card is scored by the presale card) in the scorecard version in force on the period's last day (the
-- store's own newest version, else the default's), as metrics.md says; totals ranked within team and within the store
-- among the agents of the same card.
-- A period in progress (its last day after the store's newest day of data, marts.store_data_through) is scored as far
-- as the data go: the targets of sums scale with the days from its start to that day (/ 30), so a month to date is
-- judged on track or not; it is marked in_progress and provisional. A card is provisional too while a value of one
-- of its items may still change (延迟统计). One rule for every reader: the kept monthly cards, the scorecard page's
-- ranges, the editor's preview, the agent page and the bonus.
-- grain: one row per agent per period
create or replace macro marts.scorecard(grain, date_from, date_to) as table
with metrics as (
    select * from marts.agent_metric(grain, date_from, date_to)
),
agent_periods as (
    select distinct store_id, agent_id, period, period_end from metrics
),
agent_roles as (
    -- the agent's role on the period's last day (presale when the roster does not know them yet)
    select p.store_id, p.agent_id, p.period, coalesce(a.role, 'presale') as role
    from agent_periods as p
    asof left join core.dim_agent as a on a.agent_id = p.agent_id and a.valid_from <= p.period_end
),
periods as (
    select distinct m.store_id, m.period, m.period_start, m.period_end, s.scorecard_cap as cap,
           least(m.period_end, coalesce(d.data_through, m.period_end)) as scored_to
    from metrics as m
    left join marts.store_data_through() as d on d.store_id = m.store_id
    asof join core.store_day_setting as s on s.store_id = m.store_id and s.business_day <= m.period_end
),
items as (
    select p.store_id, p.period, i.effective_from as scorecard_from, i.role, i.metric, i.weight::double as weight,
           i.target::double as target, i.direction
    from periods as p, lateral app.scorecards_in_force(p.store_id, p.period_end) as i
),
cards as (
    select distinct store_id, period, role from items
),
agent_cards as (
    select r.store_id, r.agent_id, r.period, coalesce(c.role, 'presale') as role
    from agent_roles as r
    left join cards as c on c.store_id = r.store_id and c.period = r.period and c.role = r.role
),
scored as (
    select
        m.store_id, m.team, m.agent_id, m.agent_name, m.period, m.period_start, m.period_end, p.scored_to, a.role,
        i.scorecard_from, p.cap, i.metric, i.weight, i.direction, m.value as actual, m.is_provisional,
        case when m.is_sum then i.target * (p.scored_to - m.period_start + 1) / 30.0 else i.target end as target
    from metrics as m
    join agent_cards as a on a.store_id = m.store_id and a.agent_id = m.agent_id and a.period = m.period
    join items as i on i.store_id = m.store_id and i.period = m.period and i.role = a.role and i.metric = m.metric
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
        store_id, team, agent_id, agent_name, period, period_start, period_end, scored_to, role, scorecard_from,
        list({'metric': metric, 'weight': weight, 'target': target, 'direction': direction, 'actual': actual, 'score': score}
             order by weight desc, metric) as items,
        -- added in a fixed order: sum() adds doubles in whatever order its threads meet them, so the last bit of a
        -- total (and a rank tied on it) could differ between two computations of the same numbers
        list_sum(list(score order by weight desc, metric)) as total,
        any_value(cap) * list_sum(list(weight order by weight desc, metric)) as max_total,
        bool_or(is_provisional) as item_provisional
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
    -- scores of different cards are not compared: the store rank is among the agents of the same card
    rank() over (partition by t.store_id, t.role, t.period order by t.total desc) as store_rank,
    s.team_score, t.role, t.scored_to, t.scored_to < t.period_end as in_progress,
    t.scored_to < t.period_end or t.item_provisional as is_provisional
from totals as t
join team_scores as s on s.store_id = t.store_id and s.team is not distinct from t.team and s.period = t.period;
