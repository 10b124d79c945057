-- grain: one row per store, agent, period and metric of the agent reports (core.fct_agent_report)
-- Rebuilt whole on every recompute (reports are per agent-day at most: small). The latest load wins per store,
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

delete from core.fct_agent_report;

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
-- two nicks of one agent (子账号 and 店铺:子账号) and a file loaded again: the latest load's figure wins
qualify row_number() over (
    partition by r.store_id, m.agent_id, r.period_from, r.period_to, r.metric order by r.load_seq desc) = 1;

-- grain: one row per store and report period whose rows changed agent (a roster named the nick since): recompute_scope
-- touches its days, which an onward roster touch from the roster's own date would not reach
create or replace temp table report_match_change as
select distinct f.store_id, f.period_from, f.period_to
from core.fct_agent_report as f
join report_match_before as b using (store_id, agent_nick)
where b.agent_id <> f.agent_id;
