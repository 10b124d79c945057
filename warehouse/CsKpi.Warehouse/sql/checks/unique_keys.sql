-- every fact and daily mart has one row per key of its grain (the dimensions and scorecards: dimension_keys.sql)
-- (keys are grouped as columns and only the duplicates are spelled out: concatenating millions of keys costs seconds)
-- The largest facts are grouped by fewer or narrower keys that find the same duplicates, and only what those find
-- is grouped by the key itself (issue 17: grouping millions of distinct text keys was most of what the checks cost).
select 'core.fct_order' as table_name, concat_ws(' ', store_id, order_id) as key, n
    from (select store_id, order_id, count(*) as n from core.fct_order group by all having n > 1)
-- an order's credits grouped by the 64-bit hash of its (store, order), an integer (a third of the groups), one count
-- per rule the schema names (0008_core.sql) and one for any other name; only the orders of a hash with a count above
-- one are grouped by the key itself, which spells out the duplicates exactly (two orders sharing a hash are grouped
-- apart there)
union all select 'core.fct_order_credit', concat_ws(' ', store_id, order_id, rule), n
    from (select store_id, order_id, rule, count(*) as n from core.fct_order_credit
          semi join (select hash(store_id, order_id) as key_hash from core.fct_order_credit group by all
                     having count(*) filter (where rule = 'order_created') > 1 or count(*) filter (where rule = 'paid') > 1
                         or count(*) filter (where rule = 'order_first') > 1
                         or count(*) filter (where rule not in ('order_created', 'paid', 'order_first')) > 1) as h
                 on h.key_hash = hash(store_id, order_id)
          group by all having n > 1)
-- a consultation's key is the hash of its grain (0008_core.sql), so one row per key is one row per (store, agent,
-- buyer, day) once every row carries the hash of its own columns; two consultations sharing a key (a 64-bit hash
-- collision) would be merged: never silently
union all select 'core.fct_reception (consultation_key is not the hash of its grain)', concat_ws(' ', store_id, agent_id, buyer_id, business_day), 1
    from core.fct_reception where consultation_key <> hash(store_id, agent_id, buyer_id, business_day)
union all select 'core.fct_reception (consultation_key)', consultation_key::varchar, n
    from (select consultation_key, count(*) as n from core.fct_reception group by all having n > 1)
-- a consultation's questions grouped by consultation first: its question numbers 0-63 as the bits of one integer,
-- so a consultation with more rows than bits holds a number twice (or one outside 0-63); only those are grouped by
-- (consultation, number), which spells out the duplicates exactly
union all select 'core.fct_question', concat_ws(' ', consultation_key, question_no), n
    from (select consultation_key, question_no, count(*) as n from core.fct_question
          semi join (select consultation_key from core.fct_question group by all
                     having count(*) > bit_count(bit_or(case when question_no between 0 and 63 then 1::ubigint << question_no else 0 end)))
                using (consultation_key)
          group by all having n > 1)
-- messages grouped by their key's 64-bit hash, an integer; only the keys of a hash seen twice are grouped as text
union all select 'core.fct_agent_message', message_key, n
    from (select message_key, count(*) as n from core.fct_agent_message
          semi join (select hash(message_key) as key_hash from core.fct_agent_message group by all having count(*) > 1) as h
                 on h.key_hash = hash(message_key)
          group by all having n > 1)
union all select 'marts.kpi_agent_daily', concat_ws(' ', store_id, agent_id, business_day), n
    from (select store_id, agent_id, business_day, count(*) as n from marts.kpi_agent_daily group by all having n > 1)
union all select 'marts.kpi_team_daily', concat_ws(' ', store_id, team, business_day), n
    from (select store_id, team, business_day, count(*) as n from marts.kpi_team_daily group by all having n > 1)
union all select 'marts.kpi_store_daily', concat_ws(' ', store_id, business_day), n
    from (select store_id, business_day, count(*) as n from marts.kpi_store_daily group by all having n > 1);
