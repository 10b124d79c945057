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
-- The orders are read here with the semi join even in a full recompute (not credit_order_state): DuckDB then plans the
-- join once for both CTEs (docs/benchmarks.md, round 9).
insert into core.fct_order_credit
with buyers as materialized (
    select store_id, buyer_id, row_number() over () as buyer_no
    from (select distinct o.store_id, o.buyer_id
          from core.fct_order as o
          semi join credit_order as c on c.store_id = o.store_id and c.order_id = o.order_id)
),

orders as (
    select o.store_id, o.order_id, o.created_day, b.buyer_no, o.created_at, o.paid_at,
           s.inquiry_valid_days, s.attribution_rule
    from core.fct_order as o
    semi join credit_order as c on c.store_id = o.store_id and c.order_id = o.order_id
    -- left: an order without a buyer (a privacy-stripped export) is still credited, to nobody (silent)
    left join buyers as b on b.store_id = o.store_id and b.buyer_id = o.buyer_id
    join core.store_day_setting as s on s.store_id = o.store_id and s.business_day = o.created_day
),

in_receptions as materialized (
    select
        b.buyer_no, m.sent_at,
        arg_max(m.agent_id, m.load_seq) as agent_id,
        arg_max(m.message_key, m.load_seq) as message_key,
        arg_max(m.business_day, m.load_seq) as business_day
    from core.fct_agent_message as m
    join buyers as b on b.store_id = m.store_id and b.buyer_id = m.buyer_id
    where m.is_in_reception
      and m.sent_at >= getvariable('credit_from') and m.sent_at <= getvariable('credit_to')
    group by b.buyer_no, m.sent_at
),

-- The two times a window can end at, each order's last message before each, side by side in one row per order: the
-- second ASOF join reads the first's rows, so no join of rules with traces is needed (on the benchmark's month that
-- join of 3.9 million rules with 2.5 million traces and the sort of its wide output cost 1-1.9 CPU s of the insert's
-- ≈ 9.5, and ≈ 0.6 GB of peak memory; docs/benchmarks.md, round 10). An unpaid order's paid_at is null and meets no
-- message: its paid trace is empty, as the rule's row must be.
last_messages as (
    select c.*,
           m.agent_id as paid_agent_id, m.message_key as paid_message_key, m.sent_at as paid_message_at,
           m.business_day as paid_message_day
    from (
        select o.*,
               m.agent_id as created_agent_id, m.message_key as created_message_key, m.sent_at as created_message_at,
               m.business_day as created_message_day
        from orders as o
        asof left join in_receptions as m on m.buyer_no = o.buyer_no and m.sent_at <= o.created_at
    ) as c
    asof left join in_receptions as m on m.buyer_no = c.buyer_no and m.sent_at <= c.paid_at
),

windows as (
    select *,
           created_at - to_days(inquiry_valid_days) as created_from,
           paid_at - to_days(inquiry_valid_days) as paid_from
    from last_messages
),

-- The last message before a basis time decides only when it is inside the window. One row per order, sorted in the
-- orders' (store, creation day) order, the order the credits are written in (see the end): sorting these 1.3 million
-- rows before they become 3.9 million credits costs a fraction of sorting the credits.
traces as (
    select store_id, order_id, attribution_rule,
           created_from, created_at as created_to,
           case when created_message_at >= created_from then created_agent_id end as created_agent_id,
           case when created_message_at >= created_from then created_message_key end as created_message_key,
           case when created_message_at >= created_from then created_message_at end as created_message_at,
           case when created_message_at >= created_from then created_message_day end as created_message_day,
           paid_from, paid_at as paid_to,
           case when paid_message_at >= paid_from then paid_agent_id end as paid_agent_id,
           case when paid_message_at >= paid_from then paid_message_key end as paid_message_key,
           case when paid_message_at >= paid_from then paid_message_at end as paid_message_at,
           case when paid_message_at >= paid_from then paid_message_day end as paid_message_day
    from windows
    order by store_id, created_day, order_id
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
