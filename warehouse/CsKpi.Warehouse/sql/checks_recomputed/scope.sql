-- The bounds of the rows an incremental recompute rebuilt, for the checks of this folder (variables, so that a
-- table scan of raw.chat_message skips the row groups outside them by their min/max).
-- Reads the recompute's own temp tables: reception_day, credit_order (core/recompute_scope.sql, core/fct_order_credit.sql).
-- chat_from, chat_to: the send times that can fall on a reception day (a day_cutoff moves a time by under a day).
-- credit_message_from, credit_message_to: the message times of the rebuilt credits (null when none was rebuilt).
set variable chat_from = (select min(business_day) - interval 1 day from reception_day);
set variable chat_to = (select max(business_day) + interval 2 day from reception_day);
set variable credit_message_from = (
    select min(c.message_at) from core.fct_order_credit as c semi join credit_order as o using (store_id, order_id)
);
set variable credit_message_to = (
    select max(c.message_at) from core.fct_order_credit as c semi join credit_order as o using (store_id, order_id)
);
