-- grain: one row per version of an agent account (agent_id, valid_from); valid_to is exclusive, null = current
-- The registered versions come from raw.agent_version (the roster's type-2 history), with the level and coefficient
-- changes HR made (app.agent_career_change: approved review proposals, manual changes) merged in: HR's data lives in
-- app, so it outlives this rebuild and every later roster load. Level and coefficient on a day are those of the newest
-- statement by effective date: a roster version that changes them (against the roster's own previous values), or an
-- HR change; on one day HR's change beats the roster's. A roster that merely repeats its old level, never having heard
-- of a promotion, changes nothing. Every account that chats or is rated before any roster names it gets an unknown
-- member (未登记) for those days (as does an account of an agent report), so every fact row finds exactly one version on its day and the history has no gaps.

-- The accounts of the chats and ratings (core.agent_account, migration 0068): a full recompute finds them in every
-- message; an incremental one adds those of the files loaded since the last recompute (file_id above after_file_id,
-- new row groups only: raw rows are never deleted, so an account once seen stays), so that the daily path does not
-- read every message of the history for them.
delete from core.agent_account where getvariable('full_recompute');

-- (no primary key: DuckDB may refuse a key deleted and inserted again in one transaction; the anti join keeps one row
-- per account)
create or replace temp table new_account as
select store_id, agent_id from (
    select store_id, agent_id from raw.chat_message
    where getvariable('full_recompute') or file_id > getvariable('after_file_id')
    union
    select store_id, agent_id from raw.rating
    where getvariable('full_recompute') or file_id > getvariable('after_file_id')
) as n
anti join core.agent_account as a using (store_id, agent_id);

insert into core.agent_account select store_id, agent_id from new_account;

-- This table is a function of raw.agent_version (replaced only by an agents file), app.agent_career_change (rows
-- only added, each with its changed_at), core.agent_account and the accounts of core.fct_agent_report (rebuilt just
-- before, its previous accounts in report_match_before: fct_agent_report.sql). An incremental recompute in which
-- none of them changed would rebuild it as it is, so it leaves it (a delete and insert of every version, and their
-- WAL, on every daily run before), as dim_course.sql does for the catalogue.
set variable agents_changed = getvariable('full_recompute')
    or exists (select 1 from new_account)
    or exists (select 1 from etl.file_ledger where file_id > getvariable('after_file_id') and kind = 'agents')
    or exists (select 1 from app.agent_career_change where changed_at > getvariable('settings_since'))
    or exists (select store_id, agent_id from core.fct_agent_report except select store_id, agent_id from report_match_before)
    or exists (select store_id, agent_id from report_match_before except select store_id, agent_id from core.fct_agent_report);

delete from core.dim_agent where getvariable('agents_changed');

insert into core.dim_agent
with registered as (
    select * from raw.agent_version
),

accounts as (
    select store_id, agent_id from core.agent_account
    union
    -- an agent report's account no roster names yet (fct_agent_report matched the nick; issue 16)
    select distinct store_id, agent_id from core.fct_agent_report
),

first_version as (
    select agent_id, min(valid_from) as valid_from from registered group by agent_id
),

roster_career as (
    select agent_id, valid_from as effective_from, level, coefficient, 0 as precedence, null::timestamp as changed_at
    from registered
    qualify row(level, coefficient) is distinct from lag(row(level, coefficient)) over (partition by agent_id order by valid_from)
),

hr_career as (
    select c.agent_id, greatest(c.effective_from, f.valid_from) as effective_from, c.level, c.coefficient, 1 as precedence,
           c.changed_at
    from app.agent_career_change as c
    join first_version as f using (agent_id)
),

-- grain: one row per agent and day on which a statement of level and coefficient takes effect
career as (
    select * from (select * from roster_career union all select * from hr_career)
    qualify row_number() over (partition by agent_id, effective_from order by precedence desc, changed_at desc) = 1
),

-- grain: one row per agent per day on which anything may change: the roster's versions and HR's changes
segments as (
    select agent_id, day as valid_from, lead(day) over (partition by agent_id order by day) as valid_to
    from (select agent_id, valid_from as day from registered union select agent_id, effective_from from hr_career)
),

merged as (
    select
        s.agent_id, r.store_id, r.name, r.team, r.role, c.level, c.coefficient, r.monthly_cost, r.hired_on, r.left_on,
        s.valid_from, s.valid_to
    from segments as s
    asof join registered as r on r.agent_id = s.agent_id and r.valid_from <= s.valid_from
    asof join career as c on c.agent_id = s.agent_id and c.effective_from <= s.valid_from
),

-- a day on which nothing changed after all (an HR change repeating what held) opens no version
versions_with_career as (
    select * exclude (opens), lead(valid_from) over (partition by agent_id order by valid_from) as next_from
    from (
        select *, row(team, role, level, coefficient, monthly_cost) is distinct from
                  lag(row(team, role, level, coefficient, monthly_cost)) over (partition by agent_id order by valid_from) as opens
        from merged
    )
    where opens
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
        true as is_registered, valid_from, next_from as valid_to
    from versions_with_career
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

select * from final where getvariable('agents_changed');
