-- raw: typed copies of the contract files. Every row keeps the file and line it came from.
-- Keys are not declared as primary keys: loads deduplicate with an anti-join, which is much cheaper than an
-- index on tens of millions of rows; sql/checks keeps them unique.
-- load_seq = file_id * 1e9 + line: the order in which rows were loaded, for ties.
-- History is kept (every order state, every roster snapshot, every course version, every rating);
-- views name the current row where the contract says which one wins.

-- The default ladder of career.md, which the roster's level and coefficient are checked against.
create table raw.level (
    level            varchar primary key,
    level_name       varchar not null,
    min_coefficient  decimal(4,2) not null,
    max_coefficient  decimal(4,2) not null
);
insert into raw.level values
    ('L1', '新员工', 0.8, 1.0), ('L2', '特殊技能新员工', 0.9, 1.1), ('L3', '老员工', 1.0, 1.3), ('L4', '组长', 1.2, 1.5),
    ('L5', '部门主管', 1.4, 1.8), ('L6', '部门经理', 1.6, 2.2), ('L7', '公司高层', 2.0, 3.0);
comment on table raw.level is '级别 — the ladder (code, name, coefficient range) roster rows are checked against';

create table raw.chat_message (
    message_key  varchar not null,
    message_id   varchar,
    store_id     varchar not null,
    buyer_id     varchar not null,
    agent_id     varchar not null,
    sender       varchar not null,
    sent_at      timestamp not null,
    content      varchar,
    file_id      bigint not null,
    line         bigint not null,
    load_seq     bigint not null
);
comment on table raw.chat_message is '聊天消息 — one row per chat message, deduplicated on message_key';
comment on column raw.chat_message.message_key is '消息键 — store and message_id, or a hash of (store, buyer, agent, sent_at, sender, content) when the file has no id';
comment on column raw.chat_message.sender is '发送方 — buyer, agent, auto (automatic reply) or system (platform card)';
comment on column raw.chat_message.sent_at is '时间 — store local time';
comment on column raw.chat_message.load_seq is '导入顺序 — file_id × 1e9 + line: breaks ties of sent_at in the order messages were loaded';

create table raw.order_state (
    state_key      varchar not null,
    order_id       varchar not null,
    store_id       varchar not null,
    buyer_id       varchar not null,
    created_at     timestamp not null,
    paid_at        timestamp,
    amount         decimal(18,2) not null,
    items          integer not null,
    status         varchar,
    refund_amount  decimal(18,2) not null,
    refunded_at    timestamp,
    updated_at     timestamp,
    file_id        bigint not null,
    line           bigint not null,
    load_seq       bigint not null
);
comment on table raw.order_state is '订单状态 — every state of every order seen in a file; raw.order_current is the newest per order';
comment on column raw.order_state.amount is '买家实际支付金额 — yuan';
comment on column raw.order_state.updated_at is '更新时间 — which state of an order is newest; without it, the later load wins';

create table raw.roster_snapshot (
    snapshot_key  varchar not null,
    agent_id      varchar not null,
    name          varchar not null,
    store_id      varchar not null,
    team          varchar not null,
    role          varchar not null,
    hired_on      date not null,
    left_on       date,
    level         varchar,
    coefficient   decimal(4,2),
    monthly_cost  decimal(18,2),
    as_of         date not null,
    file_id       bigint not null,
    line          bigint not null,
    load_seq      bigint not null
);
comment on table raw.roster_snapshot is '花名册快照 — every agent row of every roster file, as of its date';

-- Type-2 history of each agent, rebuilt from the snapshots after every roster load.
create table raw.agent_version (
    agent_id      varchar not null,
    store_id      varchar not null,
    name          varchar not null,
    team          varchar not null,
    role          varchar not null,
    level         varchar,
    coefficient   decimal(4,2),
    monthly_cost  decimal(18,2),
    hired_on      date not null,
    left_on       date,
    valid_from    date not null,
    valid_to      date,
    primary key (agent_id, valid_from)
);
comment on table raw.agent_version is '客服版本 — type-2 history: a new version whenever team, role, level, coefficient or cost changes; valid_to is exclusive, null = current';

create table raw.course_version (
    course_id           varchar not null,
    title               varchar not null,
    category            varchar not null,
    pass_score          integer not null,
    valid_months        integer,
    required_for_level  varchar,
    hours               decimal(6,2),
    file_id             bigint not null,
    line                bigint not null,
    load_seq            bigint not null
);
comment on table raw.course_version is '课程版本 — every catalogue row loaded; raw.course is the newest per course';

create table raw.training_event (
    event_key  varchar not null,
    agent_id   varchar not null,
    course_id  varchar not null,
    status     varchar not null,
    event_on   date not null,
    score      integer,
    assessor   varchar,
    file_id    bigint not null,
    line       bigint not null,
    load_seq   bigint not null
);
comment on table raw.training_event is '培训记录 — every training event; the newest of an (agent, course) pair is its current state';

create table raw.rating (
    rating_key    varchar not null,
    store_id      varchar not null,
    buyer_id      varchar not null,
    agent_id      varchar not null,
    rated_at      timestamp not null,
    business_day  date not null,
    score         integer not null,
    comment       varchar,
    file_id       bigint not null,
    line          bigint not null,
    load_seq      bigint not null
);
comment on table raw.rating is '服务评价 — every rating loaded; raw.rating_current keeps the newest per store, buyer, agent and business day';
