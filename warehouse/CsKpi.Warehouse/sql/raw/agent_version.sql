-- grain: one row per agent per version (agent_id, valid_from); valid_to is exclusive, null = current
-- Rebuilt from every roster snapshot after each roster load: a snapshot that changes an agent's team, role,
-- level, coefficient or cost opens a new version from its as_of; level and coefficient, given only for new
-- agents and changes, carry forward. An agent missing from a later snapshot is not deleted.

delete from raw.agent_version;

insert into raw.agent_version
with snapshots as (
    select * from raw.roster_snapshot
),

carried as (
    select
        agent_id, as_of, name, store_id, team, role, hired_on, left_on, monthly_cost, load_seq,
        last_value(level ignore nulls) over history as level,
        last_value(coefficient ignore nulls) over history as coefficient,
        last_value(monthly_cost ignore nulls) over history as cost
    from snapshots
    window history as (partition by agent_id order by as_of, load_seq rows between unbounded preceding and current row)
),

one_per_day as (
    select * from carried
    qualify row_number() over (partition by agent_id, as_of order by load_seq desc) = 1
),

changes as (
    select
        *,
        row(team, role, level, coefficient, cost) is distinct from
            lag(row(team, role, level, coefficient, cost)) over (partition by agent_id order by as_of) as opens_version
    from one_per_day
),

latest as (
    select agent_id, name, store_id, hired_on, left_on
    from one_per_day
    qualify row_number() over (partition by agent_id order by as_of desc) = 1
),

final as (
    select
        c.agent_id, l.store_id, l.name, c.team, c.role, c.level, c.coefficient, c.cost as monthly_cost, l.hired_on, l.left_on,
        -- The first version reaches back to the hire: it is the best knowledge of those days there is.
        case when row_number() over (partition by c.agent_id order by c.as_of) = 1 then least(l.hired_on, c.as_of) else c.as_of end as valid_from,
        lead(c.as_of) over (partition by c.agent_id order by c.as_of) as valid_to
    from changes as c
    join latest as l using (agent_id)
    where c.opens_version
)

select * from final;
