-- The bounds of the rows an incremental recompute rebuilt, for the checks of this folder (constants, so that a table
-- scan of raw.chat_message skips the row groups outside them by their min/max).
-- Reads the recompute's own temp tables: reception_day, credit_order (core/recompute_scope.sql, core/fct_order_credit.sql).
-- chat_from, chat_to: the send times that can fall on a reception day (a day_cutoff moves a time by under a day).
-- credit_message_from, credit_message_to: the message times of the rebuilt credits (null when none was rebuilt).
-- One variable of four fields, set by one statement that reads the rebuilt credits once: each statement of the daily
-- path costs its planning and a round trip, and the checks read a field as the constant it is
-- (getvariable('rebuilt_bounds').chat_from).
set variable rebuilt_bounds = (
    select {'chat_from': (select min(business_day) - interval 1 day from reception_day),
            'chat_to': (select max(business_day) + interval 2 day from reception_day),
            'credit_message_from': min(c.message_at),
            'credit_message_to': max(c.message_at)}
    from core.fct_order_credit as c semi join credit_order as o using (store_id, order_id)
);
