-- grain: one row per version of an agent account (agent_id, valid_from); valid_to is exclusive, null = current
-- The registered versions come from raw.agent_version (the roster's type-2 history). Every account that chats
-- or is rated before any roster names it gets an unknown member (未登记) for those days, so every fact row finds
-- exactly one version on its day and the history has no gaps.

delete from core.dim_agent;

insert into core.dim_agent
with registered as (
    select * from raw.agent_version
),

accounts as (
    select distinct store_id, agent_id from raw.chat_message
    union
    select distinct store_id, agent_id from raw.rating
),

first_version as (
    select agent_id, min(valid_from) as valid_from from registered group by agent_id
),

unknown as (
    select
        a.agent_id,
        a.store_id,
        '未登记' as name,
        '未登记' as team,
        'presale' as role,
        null::varchar as level,
        null::decimal(4,2) as coefficient,
        null::decimal(18,2) as monthly_cost,
        null::date as hired_on,
        null::date as left_on,
        false as is_registered,
        date '1900-01-01' as valid_from,
        f.valid_from as valid_to
    from accounts as a
    left join first_version as f using (agent_id)
    where f.valid_from is null or f.valid_from > date '1900-01-01'
),

versions as (
    select
        agent_id, store_id, name, team, role, level, coefficient, monthly_cost, hired_on, left_on,
        true as is_registered, valid_from, valid_to
    from registered
    union all
    select * from unknown
),

final as (
    select
        hash(agent_id, valid_from) >> 1 as agent_key,
        agent_id, store_id, name, team, role, level, coefficient, monthly_cost, hired_on, left_on, is_registered,
        valid_from, valid_to,
        valid_to is null as is_current
    from versions
)

select * from final;
