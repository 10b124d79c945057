-- Issue 17: the orders, their credits and the agents' credited orders (core.fct_order, core.fct_order_credit,
-- marts.agent_order) are written with the compression named for each column whose best method does not depend on
-- the store's data. Left to pick, DuckDB first tries every method on each column of each row group: on the month's
-- full recompute that was about a quarter of each insert (docs/benchmarks.md, round 11). Nothing read changes: the
-- values are the same, only how their bytes are stored. The choices, and why they hold for any store:
-- - a store, a status, a rule, a basis and an agent: a dictionary. Their values are few (an agent's: a store's roster,
--   against a row group's 122,880 rows), and a dictionary never holds a value twice; DuckDB picks it for every row
--   group of the benchmark's month (the credits' agent_id: FSST in 12 of 37, for the same size, 361 blocks against 363).
-- - order ids, buyers and message keys, one or a few rows each: FSST, which DuckDB picks for every row group.
-- - amounts, counts, flags, and the times and days that change from row to row: bit packing, which stores each group
--   of values in the bits their range needs, never more than the plain values; DuckDB picks it for every row group.
-- - left to DuckDB: the days and times whose best method depends on the store (created_day, the refunds, the credits'
--   message time and day, the credited orders' paid day). On the month they are mostly null or in long runs and DuckDB
--   picks run-length encoding, a third of bit packing's size there (the credits 360 blocks, against 412 with them bit
--   packed); where runs are short, as for a store with many refunds or credits whose rules disagree, run-length
--   encoding is larger than the plain values.
-- As in 0074, DuckDB has no ALTER for a column's compression, so each table is rebuilt once, its rows in their order,
-- with its comments.
create table core.fct_order_rebuilt (
    store_id       varchar not null using compression dictionary,
    order_id       varchar not null using compression fsst,
    buyer_id       varchar using compression fsst,
    created_at     timestamp not null using compression bitpacking,
    created_day    date not null,
    paid_at        timestamp using compression bitpacking,
    paid_day       date using compression bitpacking,
    amount         decimal(18,2) not null using compression bitpacking,
    items          integer not null using compression bitpacking,
    status         varchar using compression dictionary,
    refund_amount  decimal(18,2) not null,
    refunded_at    timestamp,
    refunded_day   date,
    updated_at     timestamp using compression bitpacking
);

insert into core.fct_order_rebuilt
select store_id, order_id, buyer_id, created_at, created_day, paid_at, paid_day, amount, items, status, refund_amount,
       refunded_at, refunded_day, updated_at
from core.fct_order;

drop table core.fct_order;
alter table core.fct_order_rebuilt rename to fct_order;

comment on table core.fct_order is '订单 — the current state of each order (newest by updated_at, else by load order)';
comment on column core.fct_order.store_id is '店铺';
comment on column core.fct_order.order_id is '订单编号 — unique within a store';
comment on column core.fct_order.buyer_id is '买家会员名';
comment on column core.fct_order.created_at is '订单创建时间 — store local time';
comment on column core.fct_order.created_day is '下单营业日';
comment on column core.fct_order.paid_at is '付款时间 — null = not paid; only paid orders are sales';
comment on column core.fct_order.paid_day is '付款营业日 — the day its sale counts';
comment on column core.fct_order.amount is '买家实际支付金额 — yuan';
comment on column core.fct_order.items is '宝贝总数量';
comment on column core.fct_order.status is '订单状态 — created, paid, shipped, completed, closed or refunded';
comment on column core.fct_order.refund_amount is '退款金额 — yuan, counted on refunded_day';
comment on column core.fct_order.refunded_at is '退款时间';
comment on column core.fct_order.refunded_day is '退款营业日';
comment on column core.fct_order.updated_at is '更新时间 — which state of the order is newest';

create table core.fct_order_credit_rebuilt (
    store_id      varchar not null using compression dictionary,
    order_id      varchar not null using compression fsst,
    rule          varchar not null using compression dictionary,
    in_force      boolean not null using compression bitpacking,
    agent_id      varchar using compression dictionary,
    basis         varchar using compression dictionary,
    message_key   varchar using compression fsst,
    message_at    timestamp,
    message_day   date,
    window_from   timestamp using compression bitpacking,
    window_to     timestamp using compression bitpacking
);

insert into core.fct_order_credit_rebuilt
select store_id, order_id, rule, in_force, agent_id, basis, message_key, message_at, message_day, window_from, window_to
from core.fct_order_credit;

drop table core.fct_order_credit;
alter table core.fct_order_credit_rebuilt rename to fct_order_credit;

comment on table core.fct_order_credit is '订单落实 — for each order and each attribution rule, the credited agent (null = silent) and the trace of why';
comment on column core.fct_order_credit.store_id is '店铺';
comment on column core.fct_order_credit.order_id is '订单编号';
comment on column core.fct_order_credit.rule is '判定规则 — order_created (下单判定), paid (付款判定) or order_first (下单优先判定)';
comment on column core.fct_order_credit.in_force is '生效规则 — the rule the store''s attribution_rule setting named on the order''s creation day';
comment on column core.fct_order_credit.agent_id is '落实客服 — the agent of the deciding message; null = silent order (静默下单)';
comment on column core.fct_order_credit.basis is '依据 — created_at or paid_at: which time the window ends at';
comment on column core.fct_order_credit.message_key is '判定消息 — raw.chat_message.message_key of the last agent message in a reception inside the window';
comment on column core.fct_order_credit.message_at is '判定消息时间';
comment on column core.fct_order_credit.message_day is '判定消息营业日 — the reception it belongs to';
comment on column core.fct_order_credit.window_from is '窗口开始 — basis time − inquiry_valid_days';
comment on column core.fct_order_credit.window_to is '窗口结束 — the basis time';

create table marts.agent_order_rebuilt (
    store_id     varchar not null using compression dictionary,
    agent_id     varchar not null using compression dictionary,
    order_id     varchar not null using compression fsst,
    buyer_id     varchar not null using compression fsst,
    created_at   timestamp not null using compression bitpacking,
    paid_at      timestamp not null using compression bitpacking,
    paid_day     date not null,
    amount       decimal(18,2) not null using compression bitpacking,
    status       varchar using compression dictionary,
    rule         varchar not null using compression dictionary,
    basis        varchar using compression dictionary,
    message_key  varchar using compression fsst,
    message_at   timestamp using compression bitpacking,
    window_from  timestamp using compression bitpacking,
    window_to    timestamp using compression bitpacking
);

insert into marts.agent_order_rebuilt
select store_id, agent_id, order_id, buyer_id, created_at, paid_at, paid_day, amount, status, rule, basis, message_key,
       message_at, window_from, window_to
from marts.agent_order;

drop table marts.agent_order;
alter table marts.agent_order_rebuilt rename to agent_order;

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
