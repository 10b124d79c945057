-- every fact and daily mart has one row per key of its grain (an incremental recompute: the keys of the rows it rebuilt)
-- The same keys as checks/unique_keys.sql. The rebuilt rows are those of the recompute's scope tables (reception_day,
-- changed_order, credit_order, mart_day); a key whose second row lies outside them is still found: each rebuilt key is
-- counted over the whole table (a semi join on the keys), except where the key holds the rebuilt day itself, and a
-- message's key, which holds its send time (below). The dimensions and the scorecards are checked whole (checks/dimension_keys.sql).
select 'core.fct_order' as table_name, concat_ws(' ', store_id, order_id) as key, n
    from (select store_id, order_id, count(*) as n from core.fct_order semi join changed_order using (store_id, order_id) group by all having n > 1)
union all select 'core.fct_order_credit', concat_ws(' ', store_id, order_id, rule), n
    from (select store_id, order_id, rule, count(*) as n from core.fct_order_credit semi join credit_order using (store_id, order_id) group by all having n > 1)
union all select 'core.fct_reception', concat_ws(' ', store_id, agent_id, buyer_id, business_day), n
    from (select store_id, agent_id, buyer_id, business_day, count(*) as n from core.fct_reception semi join reception_day using (store_id, business_day) group by all having n > 1)
-- two consultations sharing a consultation_key (a 64-bit hash collision) would be merged: never silently. Each rebuilt
-- key is looked for in the whole table (2.2 million receptions after 360 days of 140 agents). The rebuilt receptions
-- are also bounded by the send window of the reception days (chat_from to chat_to, scope.sql, which holds every
-- reception day): a bound that takes no row away, but a constant DuckDB counts the rebuilt keys by, so it passes their
-- Bloom filter down to the whole table's scan, which then hands the join ≈ 1 % of its rows (without the bound it
-- guesses that side too large and probes the join with every row: 2-3× this part's CPU).
union all select 'core.fct_reception (consultation_key)', consultation_key::varchar, n
    from (select consultation_key, count(*) as n from core.fct_reception
          semi join (select consultation_key from core.fct_reception semi join reception_day using (store_id, business_day)
                     where business_day >= cast(getvariable('rebuilt_bounds').chat_from as date)
                       and business_day < cast(getvariable('rebuilt_bounds').chat_to as date)) using (consultation_key)
          group by all having n > 1)
union all select 'core.fct_question', concat_ws(' ', consultation_key, question_no), n
    from (select consultation_key, question_no, count(*) as n from core.fct_question semi join reception_day using (store_id, business_day) group by all having n > 1)
-- A rebuilt message's key is looked for among the messages sent when the reception days' messages can be sent
-- (chat_from to chat_to, scope.sql), not in the whole table (6.3 million keys after 360 days of 140 agents, most of
-- this check's time): a key names one message sent at one time. The hash key holds sent_at itself, and a message_id
-- names one message sent at one time, which the load's dedupe relies on too (raw/chat_message_dedupe.sql looks for a
-- loaded message in the file's time range only); each row here carries its raw message's sent_at. So a second row of
-- a rebuilt key, whether the model wrote a message twice or left an old row on a day it did not rebuild, was sent at
-- the same time as the rebuilt row, inside the bound.
union all select 'core.fct_agent_message', message_key, n
    from (select message_key, count(*) as n from core.fct_agent_message
          semi join (select message_key from core.fct_agent_message semi join reception_day using (store_id, business_day)
                     where sent_at >= getvariable('rebuilt_bounds').chat_from and sent_at < getvariable('rebuilt_bounds').chat_to) using (message_key)
          where sent_at >= getvariable('rebuilt_bounds').chat_from and sent_at < getvariable('rebuilt_bounds').chat_to
          group by all having n > 1)
union all select 'marts.kpi_agent_daily', concat_ws(' ', store_id, agent_id, business_day), n
    from (select store_id, agent_id, business_day, count(*) as n from marts.kpi_agent_daily semi join mart_day using (store_id, business_day) group by all having n > 1)
union all select 'marts.kpi_team_daily', concat_ws(' ', store_id, team, business_day), n
    from (select store_id, team, business_day, count(*) as n from marts.kpi_team_daily semi join mart_day using (store_id, business_day) group by all having n > 1)
union all select 'marts.kpi_store_daily', concat_ws(' ', store_id, business_day), n
    from (select store_id, business_day, count(*) as n from marts.kpi_store_daily semi join mart_day using (store_id, business_day) group by all having n > 1);
