-- grain: one row per agent per roster snapshot (snapshot_key)
-- Loads the staged rows of one agents file. Variables: file_id, file_name, load_day (as_of when the file has none).
-- raw.agent_version is rebuilt from all snapshots afterwards (agent_version.sql).
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        etl.blank(agent_id) as agent_id,
        etl.blank(name) as name,
        etl.blank(store_id) as store_id,
        coalesce(etl.blank(team), '默认组') as team,
        role as role_text,
        case when etl.blank(role) is null then 'presale' else etl.role(role) end as role,
        hired_on as hired_on_text,
        etl.parse_date(hired_on) as hired_on,
        left_on as left_on_text,
        etl.parse_date(left_on) as left_on,
        level as level_text,
        etl.level(level) as level,
        coefficient as coefficient_text,
        etl.parse_decimal(coefficient) as coefficient,
        monthly_cost as monthly_cost_text,
        etl.parse_money(monthly_cost) as monthly_cost,
        as_of as as_of_text,
        coalesce(etl.parse_date(as_of), case when etl.blank(as_of) is null then cast(getvariable('load_day') as date) end) as as_of
    from staged
),

ranged as (
    select p.*, l.min_coefficient, l.max_coefficient
    from parsed as p
    left join raw.level as l on l.level = p.level
),

checked as (
    select
        *,
        case
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'code': 'agents.agent_id.empty', 'args': null}
            when name is null then {'column_name': 'name', 'value': '', 'code': 'agents.name.empty', 'args': null}
            when store_id is null then {'column_name': 'store_id', 'value': '', 'code': 'agents.store_id.empty', 'args': null}
            when role is null then {'column_name': 'role', 'value': role_text, 'code': 'agents.role.invalid', 'args': null}
            when hired_on is null then {'column_name': 'hired_on', 'value': coalesce(hired_on_text, ''),
                'code': case when etl.blank(hired_on_text) is null then 'agents.hired_on.empty' else 'agents.hired_on.invalid' end, 'args': null}
            when etl.blank(left_on_text) is not null and left_on is null then {'column_name': 'left_on', 'value': left_on_text, 'code': 'agents.left_on.invalid', 'args': null}
            when left_on < hired_on then {'column_name': 'left_on', 'value': left_on_text,
                'code': 'agents.left_on.before_hired_on', 'args': to_json({'hired_on': hired_on_text})::varchar}
            when etl.blank(level_text) is not null and level is null then {'column_name': 'level', 'value': level_text, 'code': 'agents.level.invalid', 'args': null}
            when etl.blank(coefficient_text) is not null and coefficient is null then {'column_name': 'coefficient', 'value': coefficient_text,
                'code': 'agents.coefficient.invalid', 'args': null}
            when coefficient is not null and level is not null and (coefficient < min_coefficient or coefficient > max_coefficient) then
                {'column_name': 'coefficient', 'value': coefficient_text, 'code': 'agents.coefficient.out_of_range',
                 'args': to_json({'level': level, 'min': cast(min_coefficient as varchar), 'max': cast(max_coefficient as varchar)})::varchar}
            when etl.blank(monthly_cost_text) is not null and (monthly_cost is null or monthly_cost < 0) then {'column_name': 'monthly_cost', 'value': monthly_cost_text,
                'code': 'agents.monthly_cost.invalid', 'args': null}
            when as_of is null then {'column_name': 'as_of', 'value': as_of_text, 'code': 'agents.as_of.invalid', 'args': null}
        end as failure
    from ranged
)

select * from checked;

create or replace temp table fresh as
with valid as (
    select
        md5(concat_ws(chr(31), agent_id, as_of::varchar, name, store_id, team, role, hired_on::varchar, coalesce(left_on::varchar, ''),
                      coalesce(level, ''), coalesce(coefficient::varchar, ''), coalesce(monthly_cost::varchar, ''))) as snapshot_key,
        *
    from typed
    where failure is null
),

first_in_file as (
    select * from valid
    qualify row_number() over (partition by snapshot_key order by line) = 1
)

select f.*
from first_in_file as f
anti join raw.roster_snapshot as r on r.snapshot_key = f.snapshot_key;

insert into raw.roster_snapshot
select snapshot_key, agent_id, name, store_id, team, role, hired_on, left_on, level, cast(coefficient as decimal(4,2)), monthly_cost, as_of,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;

-- A roster change moves every day from its snapshot on (team, level, cost), and an agent's first version reaches
-- back to the hire; the recompute treats a roster day as "this day and every day after".
insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, least(as_of, hired_on) from fresh;
