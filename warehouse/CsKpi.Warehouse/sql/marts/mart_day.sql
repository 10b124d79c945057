-- grain: one row per store and business day whose mart rows are rebuilt (a temp table)
-- The reception days, plus what the rebuilt credits move: the days their orders were paid and refunded, the
-- conversion of the final_payment_days before their creation, and the assist of orders paid after a touch whose
-- window (inquiry_valid_days before creation up to payment) reaches back to it.

create or replace temp table mart_day as
with credit_created as (
    select distinct o.store_id, o.created_day
    from credit_order_state as o
),

days as (
    select store_id, business_day from reception_day
    union
    select o.store_id, o.paid_day
    from credit_order_state as o
    where o.paid_day is not null
    union
    select o.store_id, o.refunded_day
    from credit_order_state as o
    where o.refunded_day is not null
    union
    select d.store_id, d.business_day
    from credit_created as c
    join scope_reach as r on r.store_id = c.store_id
    join core.store_day_setting as d
      on d.store_id = c.store_id and d.business_day between c.created_day - r.final_payment_days - 1 and c.created_day
    union
    select o.store_id, o.paid_day
    from core.fct_order as o
    join scope_touch as t on t.store_id = o.store_id
    join scope_reach as r on r.store_id = o.store_id
    where o.paid_day >= t.day - t.back and (t.onward or o.created_day <= t.day + r.inquiry_valid_days + 1)
)

select distinct store_id, business_day from days
where business_day between getvariable('range_from') and getvariable('range_to');
