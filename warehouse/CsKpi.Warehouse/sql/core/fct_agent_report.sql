-- grain: one row per store, agent, period and metric of the agent reports (core.fct_agent_report)
-- Rebuilt whole (reports are per agent-day at most: small), by a full recompute and by an incremental one after an
-- agent report or roster file (reports_changed, below); any other run leaves it as it is. The latest load wins per store,
-- agent, period and metric. The report names an agent by nick, 店铺:子账号 or only 子账号; it is matched to the
-- roster ids (raw.agent_version, themselves 店铺:子账号 or 子账号) of the same store, in this order:
--   1. the roster id equal to the nick;
--   2. the roster id equal to store_id || ':' || nick (a report writing only 子账号, a roster writing 店铺:子账号);
--   3. the one roster id of the store whose part after ':' is the nick's part after ':' (the report's 店铺 prefix
--      is the shop's display name, the roster's another spelling); two such ids match neither;
--   4. else store_id:子账号, an account no roster names (dim_agent gives it an unknown, 未登记 member).

-- the nick matches of the last recompute, to find the report rows a new roster moved to another agent id
create or replace temp table report_match_before as
select distinct store_id, agent_nick, agent_id from core.fct_agent_report;

-- This table is a function of raw.agent_report (rows only added, by agent report files) and raw.agent_version
-- (replaced only by an agents file): an incremental recompute with neither file since the last one would rebuild it
-- as it is, so it leaves it, as dim_course.sql does for the catalogue (a delete and insert of every report row, and
-- their WAL, on every daily run before). marts/kpi_agent_report_period.sql reads this flag too.
set variable reports_changed = getvariable('full_recompute') or exists (
    select 1 from etl.file_ledger where file_id > getvariable('after_file_id') and kind in ('agent_report', 'agents'));

delete from core.fct_agent_report where getvariable('reports_changed');

insert into core.fct_agent_report
with roster as (
    select distinct store_id, agent_id,
           case when contains(agent_id, ':') then substr(agent_id, strpos(agent_id, ':') + 1) else agent_id end as sub_account
    from raw.agent_version
),

-- the one roster id of each store and 子账号 (rule 3); an ambiguous 子账号 matches nothing
unique_sub as (
    select store_id, sub_account, any_value(agent_id) as agent_id
    from roster
    group by store_id, sub_account
    having count(*) = 1
),

nicks as (
    select distinct store_id, agent_nick,
           case when contains(agent_nick, ':') then substr(agent_nick, strpos(agent_nick, ':') + 1) else agent_nick end as sub_account
    from raw.agent_report
),

matched as (
    select
        n.store_id, n.agent_nick,
        coalesce(exact.agent_id, prefixed.agent_id, sub.agent_id, n.store_id || ':' || n.sub_account) as agent_id
    from nicks as n
    left join roster as exact on exact.store_id = n.store_id and exact.agent_id = n.agent_nick
    left join roster as prefixed on prefixed.store_id = n.store_id and prefixed.agent_id = n.store_id || ':' || n.agent_nick
    left join unique_sub as sub on sub.store_id = n.store_id and sub.sub_account = n.sub_account
)

select r.store_id, m.agent_id, r.agent_nick, r.team, r.period_from, r.period_to, r.metric, r.value, r.file_id, r.line, r.load_seq
from raw.agent_report as r
join matched as m using (store_id, agent_nick)
where getvariable('reports_changed')
-- two nicks of one agent (子账号 and 店铺:子账号) and a file loaded again: the latest load's figure wins
qualify row_number() over (
    partition by r.store_id, m.agent_id, r.period_from, r.period_to, r.metric order by r.load_seq desc) = 1;

-- grain: one row per store and report period whose rows changed agent (a roster named the nick since): recompute_scope
-- touches its days, which an onward roster touch from the roster's own date would not reach
create or replace temp table report_match_change as
select distinct f.store_id, f.period_from, f.period_to
from core.fct_agent_report as f
join report_match_before as b using (store_id, agent_nick)
where b.agent_id <> f.agent_id and getvariable('reports_changed');
