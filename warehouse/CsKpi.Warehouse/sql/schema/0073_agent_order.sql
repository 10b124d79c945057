-- Issue 17: one agent's page reads that agent's credited orders from a mart of its own (sql/marts/agent_order.sql,
-- rebuilt with the credits by every recompute) instead of filtering core.fct_order_credit and probing every order of
-- the period. A warehouse that already has credits gets the mart's rows here, once: the same rows the model writes,
-- from every credit rather than the rebuilt ones.
create table marts.agent_order (
    store_id     varchar not null,
    agent_id     varchar not null,
    order_id     varchar not null,
    buyer_id     varchar not null,
    created_at   timestamp not null,
    paid_at      timestamp not null,
    paid_day     date not null,
    amount       decimal(18,2) not null,
    status       varchar,
    rule         varchar not null,
    basis        varchar,
    message_key  varchar,
    message_at   timestamp,
    window_from  timestamp,
    window_to    timestamp
);
comment on table marts.agent_order is '客服落实订单 — one row per paid order credited, under the rule in force, to an agent: the orders an agent''s page lists, stored by store, agent and paid day';
comment on column marts.agent_order.store_id is '店铺';
comment on column marts.agent_order.agent_id is '落实客服 — core.fct_order_credit.agent_id of the rule in force';
comment on column marts.agent_order.order_id is '订单号';
comment on column marts.agent_order.buyer_id is '买家';
comment on column marts.agent_order.created_at is '下单时间';
comment on column marts.agent_order.paid_at is '付款时间';
comment on column marts.agent_order.paid_day is '付款营业日 — the day its sale counts';
comment on column marts.agent_order.amount is '买家实际支付金额 — yuan';
comment on column marts.agent_order.status is '订单状态';
comment on column marts.agent_order.rule is '判定规则 — the rule in force';
comment on column marts.agent_order.basis is '依据 — created_at or paid_at';
comment on column marts.agent_order.message_key is '判定消息 — raw.chat_message.message_key';
comment on column marts.agent_order.message_at is '判定消息时间';
comment on column marts.agent_order.window_from is '窗口开始';
comment on column marts.agent_order.window_to is '窗口结束';

insert into marts.agent_order
select
    c.store_id, c.agent_id, c.order_id, o.buyer_id, o.created_at, o.paid_at, o.paid_day, o.amount, o.status,
    c.rule, c.basis, c.message_key, c.message_at, c.window_from, c.window_to
from core.fct_order_credit as c
join core.fct_order as o on o.store_id = c.store_id and o.order_id = c.order_id
where c.in_force and c.agent_id is not null and o.paid_at is not null
order by c.store_id, c.agent_id, o.paid_day, o.paid_at;
