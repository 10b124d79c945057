-- grain: one row per order and attribution rule (store_id, order_id, rule)
-- Rebuilds the credits of the orders created or paid on a credit_day, and of every changed order.
-- A rule credits the agent of the last agent message (not auto) to the order's buyer at the store, inside a
-- reception, no earlier than inquiry_valid_days before the basis time and not after it: created_at for
-- order_created, paid_at for paid; order_first takes order_created and falls back on paid. Nobody = silent.
-- Two messages at one instant: the later loaded decides. The rule and window in force on the creation day apply.

-- A full recompute rebuilds every order (changed_order holds every order with a state, recompute_scope.sql, and
-- fct_order holds no other), so credit_order is changed_order and every order of fct_order is in it: the statements
-- below then read fct_order whole rather than hashing every order's two text keys to match it with itself (the
-- filters on the variable are constants: the branch not taken is planned away).
create or replace temp table credit_order as
select store_id, order_id from changed_order where getvariable('full_recompute')
union all
select store_id, order_id from (
    select o.store_id, o.order_id
    from core.fct_order as o
    semi join credit_day as d on d.store_id = o.store_id and d.business_day = o.created_day
    union
    select o.store_id, o.order_id
    from core.fct_order as o
    semi join credit_day as d on d.store_id = o.store_id and d.business_day = o.paid_day
    union
    select store_id, order_id from changed_order
)
where not getvariable('full_recompute');

-- grain: one row per order of credit_order (its core.fct_order row), for this model and the marts that follow it
create or replace temp view credit_order_state as
select * from core.fct_order where getvariable('full_recompute')
union all
select * from core.fct_order semi join credit_order using (store_id, order_id) where not getvariable('full_recompute');

-- grain: one row per credit of an order of credit_order (store_id, order_id, rule): before the delete below, the old
-- ones; after the insert, the new (agent_order.sql)
create or replace temp view credit_order_credit as
select * from core.fct_order_credit where getvariable('full_recompute')
union all
select * from core.fct_order_credit semi join credit_order using (store_id, order_id) where not getvariable('full_recompute');

-- The orders of credit_order that had an in-force credit to an agent before this rebuild: marts.agent_order holds
-- rows of those only (it is rebuilt with these credits, for the same orders, in the same transaction), so its delete
-- reads this (agent_order.sql). Most of a day's orders are new and had none.
create or replace temp table credit_order_before as
select distinct f.store_id, f.order_id
from credit_order_credit as f
where f.in_force and f.agent_id is not null;

-- a full recompute deletes every credit without matching them with credit_order; the daily path, those of its orders
delete from core.fct_order_credit where getvariable('full_recompute');
delete from core.fct_order_credit as f using credit_order as c
where f.store_id = c.store_id and f.order_id = c.order_id and not getvariable('full_recompute');

-- Time bounds of the messages that can decide these orders, as constants DuckDB pushes into the scan.
set variable credit_from = (
    select min(o.created_at - to_days(s.inquiry_valid_days))
    from credit_order_state as o
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day);
set variable credit_to = (
    select max(greatest(o.created_at, coalesce(o.paid_at, o.created_at)))
    from credit_order_state as o);

-- Joins run on integer keys: a number per (store, buyer) of these orders, dense and exact (no hash that two buyers
-- could share). On 10 million messages the ASOF join partitioned on the two text columns was most of this model's
-- time. Materialised: a number from row_number() must be the same wherever the CTE is read.
-- The orders are credit_order_state's: in a full recompute fct_order read whole, not matched with credit_order.
insert into core.fct_order_credit
with buyers as materialized (
    select store_id, buyer_id, orders_of_buyer, row_number() over () as buyer_no
    from (select o.store_id, o.buyer_id, count(*) as orders_of_buyer
          from credit_order_state as o
          group by o.store_id, o.buyer_id)
),

-- One row per order with its two windows, numbered (materialised, as buyers is) so that what each way below finds
-- for it is joined back on an integer.
orders as materialized (
    select o.store_id, o.order_id, o.created_day, b.buyer_no, b.orders_of_buyer, o.created_at, o.paid_at,
           s.inquiry_valid_days, s.attribution_rule,
           o.created_at - to_days(s.inquiry_valid_days) as created_from,
           o.paid_at - to_days(s.inquiry_valid_days) as paid_from,
           row_number() over () as order_no
    from credit_order_state as o
    -- left: an order without a buyer (a privacy-stripped export) is still credited, to nobody (silent)
    left join buyers as b on b.store_id = o.store_id and b.buyer_id = o.buyer_id
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day
),

-- the agents' in-reception messages to the buyers of these orders; not materialised: the ASOF way below reads those
-- of its few buyers again rather than have all 2.25 million written once for both
buyer_messages as not materialized (
    select b.buyer_no, b.orders_of_buyer, m.sent_at, m.load_seq, m.agent_id, m.message_key, m.business_day
    from core.fct_agent_message as m
    join buyers as b on b.store_id = m.store_id and b.buyer_id = m.buyer_id
    where m.is_in_reception
      and m.sent_at >= getvariable('credit_from') and m.sent_at <= getvariable('credit_to')
),

-- The last message inside each of an order's two windows (the creation's, the payment's), found by joining the order
-- with its buyer's messages and keeping the newest by (time, load order) in each window: no sort of the messages and
-- no grouping of ties, where two ASOF joins sorted the messages twice and a group by of 2.25 million messages broke
-- their ties (5.8 against 8.2-8.9 CPU s for this insert on the benchmark's month, docs/benchmarks.md, round 12).
-- Its work is a buyer's orders times their messages, so it is taken only for buyers with at most 4 orders here
-- (99.9 % of the month's orders): at most 4 times the messages whatever the data. A buyer with more (a buyer id many
-- share, as a masked nick in some exports) goes the ASOF way below, whose work is their sum.
found_by_join as (
    select o.order_no,
           arg_max({'agent_id': m.agent_id, 'message_key': m.message_key, 'sent_at': m.sent_at, 'day': m.business_day},
                   {'sent_at': m.sent_at, 'load_seq': m.load_seq})
               filter (where m.sent_at >= o.created_from and m.sent_at <= o.created_at) as created_message,
           arg_max({'agent_id': m.agent_id, 'message_key': m.message_key, 'sent_at': m.sent_at, 'day': m.business_day},
                   {'sent_at': m.sent_at, 'load_seq': m.load_seq})
               filter (where m.sent_at >= o.paid_from and m.sent_at <= o.paid_at) as paid_message
    from orders as o
    join buyer_messages as m
      on m.buyer_no = o.buyer_no
     and m.sent_at >= least(o.created_from, coalesce(o.paid_from, o.created_from))
     and m.sent_at <= greatest(o.created_at, coalesce(o.paid_at, o.created_at))
    where o.orders_of_buyer <= 4 and m.orders_of_buyer <= 4
    group by o.order_no
),

-- The buyers with more orders: their messages with ties broken (two messages at one instant: the later loaded
-- decides), and each order's last message before each basis time by ASOF join, kept when inside its window. An
-- unpaid order's paid_at is null and meets no message.
many_orders_messages as (
    select buyer_no, sent_at,
           arg_max(agent_id, load_seq) as agent_id,
           arg_max(message_key, load_seq) as message_key,
           arg_max(business_day, load_seq) as business_day
    from buyer_messages
    where orders_of_buyer > 4
    group by buyer_no, sent_at
),

found_by_asof as (
    select c.order_no, c.created_message,
           case when m.sent_at >= c.paid_from
                then {'agent_id': m.agent_id, 'message_key': m.message_key, 'sent_at': m.sent_at, 'day': m.business_day}
           end as paid_message
    from (
        select o.order_no, o.buyer_no, o.paid_at, o.paid_from,
               case when m.sent_at >= o.created_from
                    then {'agent_id': m.agent_id, 'message_key': m.message_key, 'sent_at': m.sent_at,
                          'day': m.business_day}
               end as created_message
        from (select * from orders where orders_of_buyer > 4) as o
        asof left join many_orders_messages as m on m.buyer_no = o.buyer_no and m.sent_at <= o.created_at
    ) as c
    asof left join many_orders_messages as m on m.buyer_no = c.buyer_no and m.sent_at <= c.paid_at
),

windows as (
    select o.*,
           f.created_message.agent_id as created_agent_id, f.created_message.message_key as created_message_key,
           f.created_message.sent_at as created_message_at, f.created_message.day as created_message_day,
           f.paid_message.agent_id as paid_agent_id, f.paid_message.message_key as paid_message_key,
           f.paid_message.sent_at as paid_message_at, f.paid_message.day as paid_message_day
    from orders as o
    left join (select * from found_by_join union all select * from found_by_asof) as f on f.order_no = o.order_no
),

-- One row per order, sorted in the orders' (store, creation day) order, the order the credits are written in (see
-- the end): sorting these 1.3 million rows before they become 3.9 million credits costs a fraction of sorting the
-- credits. Within a day by the order's number, an integer (the order ids as a third key cost ≈ 0.3 CPU s more).
traces as (
    select store_id, order_id, order_no, attribution_rule,
           created_from, created_at as created_to,
           created_agent_id, created_message_key, created_message_at, created_message_day,
           paid_from, paid_at as paid_to,
           paid_agent_id, paid_message_key, paid_message_at, paid_message_day
    from windows
    order by store_id, created_day, order_no
),

-- order_created takes the created trace, paid the paid trace, and order_first the created trace when it credits
-- someone or the order is unpaid, else the paid trace (which may be silent too)
rules as (
    select *,
           rule = 'order_created' or (rule = 'order_first' and (created_agent_id is not null or paid_to is null))
           as by_creation
    from (select *, unnest(['order_created', 'paid', 'order_first']) as rule from traces)
)

-- Written in the orders' (store, creation day) order, as the facts are (fct_question.sql): a full recompute's row
-- groups then each hold the credits of a narrow range of orders, and the daily path's delete of a few days' orders
-- skips the rest by the min/max of order_id, which the join with credit_order pushes into the scan. The unnest keeps
-- the sorted orders' order: each order's three rules follow one another.
select
    store_id, order_id, rule, rule = attribution_rule as in_force,
    case when by_creation then created_agent_id else paid_agent_id end as agent_id,
    case when by_creation then 'created_at' else 'paid_at' end as basis,
    case when by_creation then created_message_key else paid_message_key end as message_key,
    case when by_creation then created_message_at else paid_message_at end as message_at,
    case when by_creation then created_message_day else paid_message_day end as message_day,
    case when by_creation then created_from else paid_from end as window_from,
    case when by_creation then created_to else paid_to end as window_to
from rules;
