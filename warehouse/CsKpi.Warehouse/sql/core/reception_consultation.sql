-- grain: one row per consultation (store_id, agent_id, buyer_id, business_day) of the reception days in which the
-- buyer wrote: who and when, and what its buyer messages say (fct_reception's filters and first message).
-- Grouped from the buyer messages of reception_chat: the names never go through reception_message's window pass,
-- where carrying text columns was most of a window's cost, and the text is looked at here only.
-- Runs once per distinct filter_ad_patterns in scope, with the variable ad_pattern set to it, for the days that
-- pattern is in force (as reception_message.sql): a pattern given as a constant is compiled once, one read from a
-- column once per message.
insert into reception_consultation
select
    store_id, agent_id, buyer_id, business_day, any_value(day_no) as day_no,
    hash(store_id, agent_id, buyer_id, business_day) as consultation_key,
    count(*) as buyer_messages,
    min(sent_at) as first_buyer_at,
    bool_and(coalesce(regexp_matches(content, getvariable('ad_pattern')), false)) as is_all_ad,
    bool_and(coalesce(trim(content), '') = '') as is_all_empty,
    -- the first buyer message's
    arg_min(in_service_hours, sent_at) as is_service_hours
from reception_chat
where sender = 'buyer' and ad_pattern is not distinct from getvariable('ad_pattern')
group by store_id, agent_id, buyer_id, business_day;
