-- grain: one row per order (store_id, order_id): its current state, the newest by updated_at, else by load order
-- Rebuilds the orders of changed_order (recompute_scope.sql). Business days use the day_cutoff in force on the
-- calendar day of each time.

-- A full recompute's changed_order holds every order with a state (recompute_scope.sql): it deletes every order and
-- reads every state without matching them with it (the filters on the variable are constants: the branch not taken is
-- planned away), where the joins hashed every order's two text keys to find them all.
delete from core.fct_order where getvariable('full_recompute');
delete from core.fct_order as f using changed_order as c
where f.store_id = c.store_id and f.order_id = c.order_id and not getvariable('full_recompute');

insert into core.fct_order
with states as (
    select * from raw.order_state where getvariable('full_recompute')
    union all
    select s.*
    from raw.order_state as s
    semi join changed_order as c on c.store_id = s.store_id and c.order_id = s.order_id
    where not getvariable('full_recompute')
),

-- The day_cutoff in force on the calendar day of each time, looked up for every state before the newest is chosen:
-- joined after the choice, DuckDB took the chosen orders for the small side and built its hash table on them (1.3
-- million orders) to probe it with the store's days. The creation day's setting is an inner join on the chosen state,
-- as before: a state is chosen among all of its order's, then dropped when its creation day has none.
current_state as (
    select s.*, c.business_day as created_setting_day, c.day_cutoff as created_cutoff, p.day_cutoff as paid_cutoff,
           r.day_cutoff as refunded_cutoff
    from states as s
    left join core.store_day_setting as c on c.store_id = s.store_id and c.business_day = cast(s.created_at as date)
    left join core.store_day_setting as p on p.store_id = s.store_id and p.business_day = cast(s.paid_at as date)
    left join core.store_day_setting as r on r.store_id = s.store_id and r.business_day = cast(s.refunded_at as date)
    qualify row_number() over (partition by s.store_id, s.order_id order by s.updated_at desc nulls last, s.load_seq desc) = 1
),

final as (
    select
        o.store_id, o.order_id, o.buyer_id,
        o.created_at, cast(o.created_at - o.created_cutoff as date) as created_day,
        o.paid_at, cast(o.paid_at - o.paid_cutoff as date) as paid_day,
        o.amount, o.items, o.status, o.refund_amount,
        o.refunded_at,
        -- A refund whose time the file does not give (the platforms' order exports have 退款金额 but no 退款时间) is
        -- counted on the order's paid day, as the platforms' own reports count refunds by payment date, rather than
        -- on no day at all.
        case
            when o.refunded_at is not null then cast(o.refunded_at - o.refunded_cutoff as date)
            when o.refund_amount > 0 then cast(o.paid_at - o.paid_cutoff as date)
        end as refunded_day,
        o.updated_at
    from current_state as o
    where o.created_setting_day is not null
)

-- written in (store, day) order: see fct_question.sql
select * from final order by store_id, created_day;
