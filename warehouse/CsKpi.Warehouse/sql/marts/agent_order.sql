-- grain: one row per paid order credited, under the attribution rule in force, to an agent (store_id, order_id)
-- The orders an agent's page lists (订单落实) and the sales that settle its receptions (marts.undecided_reception):
-- core.fct_order_credit's in-force credit with the order's buyer, times, amount and paid day, stored in the order of
-- store, agent and paid day, so one agent's rows are a few adjacent blocks rather than a filter over both whole
-- facts. Rebuilds the rows of the orders whose credits this recompute rebuilt (credit_order, fct_order_credit.sql):
-- an order paid, refunded, re-credited or moved to another day later is one of them.

-- The old rows are those of the orders that had an in-force credit to an agent (credit_order_before,
-- fct_order_credit.sql): a subset of credit_order, empty on a day whose orders are all new, and then the delete reads
-- nothing (a join with credit_order read every row of the mart: its min/max by order id prune nothing, the mart being
-- in agent order).
delete from marts.agent_order as a using credit_order_before as c where a.store_id = c.store_id and a.order_id = c.order_id;

insert into marts.agent_order
select
    c.store_id, c.agent_id, c.order_id, o.buyer_id, o.created_at, o.paid_at, o.paid_day, o.amount, o.status,
    c.rule, c.basis, c.message_key, c.message_at, c.window_from, c.window_to
-- the credits and orders of credit_order only, before the join: joined whole, every order of the history was read and
-- hashed (0.5-0.9 s of the daily path after 360 days of 35 agents, for a day's few thousand orders). In a full
-- recompute both views read their tables whole, with no semi join (fct_order_credit.sql).
from credit_order_credit as c
join credit_order_state as o on o.store_id = c.store_id and o.order_id = c.order_id
where c.in_force and c.agent_id is not null and o.paid_at is not null
order by c.store_id, c.agent_id, o.paid_day, o.paid_at;
