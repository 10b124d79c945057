-- grain: one row per non-system chat message of the business days in reception_day (a temp table)
-- The input of fct_question, fct_reception and fct_agent_message. system messages (platform cards) take no part
-- in receptions, questions or reception time, so they are dropped here. A time's business day uses the day_cutoff
-- in force on its calendar day. The text itself is not carried: only whether it is empty or an ad.
-- Runs once per distinct filter_ad_patterns in scope, with the variable ad_pattern set to it, for the days that
-- pattern is in force: a pattern given as a constant is compiled once, one read from a column once per message.

-- The time bounds are variables, i.e. constants DuckDB pushes into the scan (zone maps skip whole row groups);
-- compared with a scalar subquery they became a nested-loop join that cost four times the rest of the query.
set variable reception_from = (select min(business_day)::timestamp from reception_day);
set variable reception_to = (select (max(business_day) + 2)::timestamp from reception_day);

insert into reception_message
with messages as (
    select m.store_id, m.agent_id, m.buyer_id, m.sender, m.sent_at, m.load_seq, m.message_key, m.content,
           cast(m.sent_at - s.day_cutoff as date) as business_day
    from raw.chat_message as m
    join core.store_day_setting as s on s.store_id = m.store_id and s.business_day = cast(m.sent_at as date)
    where m.sender <> 'system'
      and m.sent_at >= getvariable('reception_from') and m.sent_at < getvariable('reception_to')
)

select
    m.store_id, m.agent_id, m.buyer_id, m.business_day,
    hash(m.store_id, m.agent_id, m.buyer_id, m.business_day) as consultation_key,
    m.sender, m.sent_at, m.load_seq,
    -- only an agent message's key is ever read (fct_agent_message): the others' would be 6-7 million strings
    -- written to the temp table and never looked at
    case when m.sender = 'agent' then m.message_key end as message_key,
    -- only a buyer message's text is ever looked at (fct_reception): a case skips the pattern and the trim for the
    -- others, where an and evaluated both sides for every message
    case when m.sender = 'buyer' then coalesce(regexp_matches(m.content, getvariable('ad_pattern')), false) else false end as is_ad,
    case when m.sender = 'buyer' then coalesce(trim(m.content), '') = '' else false end as is_blank
from messages as m
semi join reception_ad_day as d
  on d.store_id = m.store_id and d.business_day = m.business_day and d.ad_pattern is not distinct from getvariable('ad_pattern');
