-- Marks which conversion numbers are still provisional (延迟统计). The data watermark is the earliest of the
-- newest sent_at and the newest created_at/paid_at loaded; day D's next-day conversion is final once it passes
-- the end of D+1, its final conversion once it passes the end of D + final_payment_days. Flags only ever turn
-- false, so only rows still provisional are looked at.

-- Plain max() of a column: DuckDB answers it from the row groups' statistics without reading the rows. The max of
-- greatest(created_at, paid_at) per row read every state of every order (a daily path that grew with the history);
-- the greatest of the two columns' maxes is the same time.
create or replace temp table watermark as
select least(
    (select max(sent_at) from raw.chat_message),
    (select greatest(max(created_at), coalesce(max(paid_at), max(created_at))) from raw.order_state)
) as watermark_at;

update marts.kpi_agent_daily as k
set next_day_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 2) + s.day_cutoff,
    final_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 1 + s.final_payment_days) + s.day_cutoff
from watermark as w, core.store_day_setting as s
where s.store_id = k.store_id and s.business_day = k.business_day and (k.next_day_provisional or k.final_provisional);

update marts.kpi_team_daily as k
set next_day_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 2) + s.day_cutoff,
    final_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 1 + s.final_payment_days) + s.day_cutoff
from watermark as w, core.store_day_setting as s
where s.store_id = k.store_id and s.business_day = k.business_day and (k.next_day_provisional or k.final_provisional);

update marts.kpi_store_daily as k
set next_day_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 2) + s.day_cutoff,
    final_provisional = w.watermark_at is null or w.watermark_at < (k.business_day + 1 + s.final_payment_days) + s.day_cutoff
from watermark as w, core.store_day_setting as s
where s.store_id = k.store_id and s.business_day = k.business_day and (k.next_day_provisional or k.final_provisional);
