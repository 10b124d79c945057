-- each agent has exactly one current version and no two versions overlap or leave a gap
with versions as (
    select agent_id, valid_from, valid_to, is_current,
           lead(valid_from) over (partition by agent_id order by valid_from) as next_from
    from core.dim_agent
)
select agent_id, 'not exactly one current version' as problem from versions group by agent_id having count(*) filter (where is_current) <> 1
union all
select agent_id, 'version ' || valid_from || ' ends ' || coalesce(valid_to::varchar, 'never') || ' but the next starts ' || coalesce(next_from::varchar, 'never')
from versions
where valid_to is distinct from next_from or (valid_to is not null and valid_to <= valid_from);
