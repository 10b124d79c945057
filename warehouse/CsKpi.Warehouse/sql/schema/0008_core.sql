-- core: the star schema. The tables are declared here; sql/core/<table>.sql fills each of them.
-- Surrogate keys are hashes of the natural key (and valid_from), so a rebuilt dimension keeps its keys and facts
-- recomputed incrementally still point at the right rows.
-- Tables declare no primary keys: every one is rebuilt by delete and insert, and on facts an index on millions of rows
-- costs more than it guards; sql/checks keeps every key unique.

create table core.dim_date (
    business_day     date not null,
    year             integer not null,
    half             varchar not null,
    quarter          varchar not null,
    month            varchar not null,
    month_start      date not null,
    iso_year         integer not null,
    iso_week         integer not null,
    week             varchar not null,
    week_start       date not null,
    weekday          integer not null,
    weekday_name     varchar not null,
    is_campaign_day  boolean not null
);
comment on table core.dim_date is '营业日 — one row per business day from the first to the last day of any data';
comment on column core.dim_date.business_day is '营业日 — the calendar date of a time minus the store''s day_cutoff';
comment on column core.dim_date.half is '半年 — 2026H1 (Jan–Jun) or 2026H2 (Jul–Dec), the promotion review''s period';
comment on column core.dim_date.quarter is '季度 — 2026Q1 …';
comment on column core.dim_date.month is '月份 — 2026-03';
comment on column core.dim_date.week is 'ISO 周 — 2026-W10, Monday first';
comment on column core.dim_date.week_start is '周一 — the Monday of the ISO week';
comment on column core.dim_date.weekday is '星期 — 1 = Monday … 7 = Sunday';
comment on column core.dim_date.is_campaign_day is '大促日 — one of the setting campaign_days (3·8, 6·18, 9·9, 11·11, 12·12 by default)';

create table core.dim_store (
    store_key  bigint not null,
    store_id   varchar not null,
    first_day  date,
    last_day   date
);
comment on table core.dim_store is '店铺 — one row per store seen in any file';
comment on column core.dim_store.store_key is '店铺键 — surrogate key';
comment on column core.dim_store.first_day is '首个营业日 — of its chats and orders';
comment on column core.dim_store.last_day is '最后营业日 — of its chats and orders';

create table core.dim_agent (
    agent_key      bigint not null,
    agent_id       varchar not null,
    store_id       varchar not null,
    name           varchar not null,
    team           varchar not null,
    role           varchar not null,
    level          varchar,
    coefficient    decimal(4,2),
    monthly_cost   decimal(18,2),
    hired_on       date,
    left_on        date,
    is_registered  boolean not null,
    valid_from     date not null,
    valid_to       date,
    is_current     boolean not null
);
comment on table core.dim_agent is '客服 — type-2 history of each agent account; an account no roster names yet is an unknown member (未登记) until one does';
comment on column core.dim_agent.agent_key is '客服版本键 — surrogate key of this version';
comment on column core.dim_agent.agent_id is '客服账号 — natural key, e.g. 朵朵云:小A';
comment on column core.dim_agent.name is '姓名 — 未登记 for an unknown member';
comment on column core.dim_agent.team is '小组 — 未登记 for an unknown member';
comment on column core.dim_agent.role is '岗位 — presale, aftersale or both; an aftersale agent''s receptions are never inquiries';
comment on column core.dim_agent.level is '级别 — L1…L7';
comment on column core.dim_agent.coefficient is '系数 — bonus coefficient';
comment on column core.dim_agent.monthly_cost is '月成本 — for the input-output ratio (投入产出比)';
comment on column core.dim_agent.is_registered is '已登记 — false for the unknown member of an account no roster names (yet)';
comment on column core.dim_agent.valid_from is '生效日 — first business day of this version';
comment on column core.dim_agent.valid_to is '失效日 — exclusive; null for the current version';
comment on column core.dim_agent.is_current is '当前版本 — the version in force now';

create table core.dim_course (
    course_key          bigint not null,
    course_id           varchar not null,
    title               varchar not null,
    category            varchar not null,
    pass_score          integer not null,
    valid_months        integer,
    required_for_level  varchar,
    hours               decimal(6,2)
);
comment on table core.dim_course is '课程 — the training catalogue, newest row per course';
comment on column core.dim_course.pass_score is '及格分 — a completion below it is a failed attempt';
comment on column core.dim_course.valid_months is '有效期(月) — null = never expires';
comment on column core.dim_course.required_for_level is '晋升要求级别 — the level that needs this course passed';

create table core.store_day_setting (
    store_id                varchar not null,
    business_day            date not null,
    day_cutoff              interval not null,
    aftersale_days          integer not null,
    count_auto_replies      boolean not null,
    slow_seconds            double not null,
    slow_count              integer not null,
    max_wait_seconds        double not null,
    inquiry_valid_days      integer not null,
    final_payment_days      integer not null,
    attribution_rule        varchar not null,
    min_inquiries_for_rank  integer not null,
    scorecard_cap           decimal(6,4) not null,
    filter_buyers           varchar[] not null,
    ad_pattern              varchar
);
comment on table core.store_day_setting is '营业日设置 — the settings in force for each store on each business day (app.setting, resolved)';
comment on column core.store_day_setting.ad_pattern is '广告模式 — the filter_ad_patterns joined into one regular expression; null when the list is empty';

create table core.fct_order (
    store_id       varchar not null,
    order_id       varchar not null,
    buyer_id       varchar not null,
    created_at     timestamp not null,
    created_day    date not null,
    paid_at        timestamp,
    paid_day       date,
    amount         decimal(18,2) not null,
    items          integer not null,
    status         varchar,
    refund_amount  decimal(18,2) not null,
    refunded_at    timestamp,
    refunded_day   date,
    updated_at     timestamp
);
comment on table core.fct_order is '订单 — the current state of each order (newest by updated_at, else by load order)';
comment on column core.fct_order.created_day is '下单营业日';
comment on column core.fct_order.paid_at is '付款时间 — null = not paid; only paid orders are sales';
comment on column core.fct_order.paid_day is '付款营业日 — the day its sale counts';
comment on column core.fct_order.amount is '买家实际支付金额 — yuan';
comment on column core.fct_order.refund_amount is '退款金额 — yuan, counted on refunded_day';
comment on column core.fct_order.refunded_day is '退款营业日';

create table core.fct_reception (
    store_id                 varchar not null,
    agent_id                 varchar not null,
    buyer_id                 varchar not null,
    business_day             date not null,
    consultation_key         ubigint not null,
    agent_key                bigint not null,
    filter_reason            varchar,
    is_received              boolean not null,
    is_inquiry               boolean not null,
    first_buyer_at           timestamp not null,
    buyer_messages           integer not null,
    agent_messages           integer not null,
    auto_messages            integer not null,
    questions                integer not null,
    answered_questions       integer not null,
    first_response_seconds   double,
    response_seconds         double not null,
    slow_questions           integer not null,
    is_slow                  boolean not null,
    is_replied               boolean not null,
    reception_seconds        double not null
);
comment on table core.fct_reception is '咨询 — one row per consultation (store, agent, buyer, business day in which the buyer wrote); received unless filtered';
comment on column core.fct_reception.consultation_key is '咨询键 — hash of (store, agent, buyer, business day): joins and windows run on one integer; sql/checks would see two consultations sharing one';
comment on column core.fct_reception.agent_key is '客服版本键 — the agent''s version on that day';
comment on column core.fct_reception.filter_reason is '过滤原因 — blocked_buyer, ad or no_text (the first that holds); null for a reception';
comment on column core.fct_reception.is_received is '接待 — not filtered';
comment on column core.fct_reception.is_inquiry is '询单 — a reception of a non-aftersale agent whose buyer created no order in the aftersale_days before it';
comment on column core.fct_reception.first_buyer_at is '首条买家消息时间';
comment on column core.fct_reception.buyer_messages is '买家消息数';
comment on column core.fct_reception.agent_messages is '客服消息数 — not counting automatic replies';
comment on column core.fct_reception.auto_messages is '自动回复数';
comment on column core.fct_reception.questions is '问题数 — runs of buyer messages with no reply between them';
comment on column core.fct_reception.answered_questions is '已回复问题数';
comment on column core.fct_reception.first_response_seconds is '首次响应时间 — seconds from the first question to its reply; null when unanswered';
comment on column core.fct_reception.response_seconds is '响应时间合计 — seconds, summed over answered questions';
comment on column core.fct_reception.slow_questions is '慢响应问题数 — answered slower than slow_seconds';
comment on column core.fct_reception.is_slow is '慢响应 — at least slow_count slow questions';
comment on column core.fct_reception.is_replied is '已回复 — at least one answered question';
comment on column core.fct_reception.reception_seconds is '接待时长 — sum of gaps between consecutive messages up to max_wait_minutes each; 0 unless replied';

create table core.fct_question (
    store_id          varchar not null,
    agent_id          varchar not null,
    buyer_id          varchar not null,
    business_day      date not null,
    consultation_key  ubigint not null,
    question_no       integer not null,
    asked_at          timestamp not null,
    buyer_messages    integer not null,
    replied_at        timestamp,
    response_seconds  double
);
comment on table core.fct_question is '问题 — one row per question of a reception: a run of buyer messages and the first reply after it';
comment on column core.fct_question.consultation_key is '咨询键 — core.fct_reception.consultation_key';
comment on column core.fct_question.question_no is '问题序号 — 1 for the reception''s first question';
comment on column core.fct_question.asked_at is '提问时间 — the run''s first buyer message';
comment on column core.fct_question.replied_at is '回复时间 — the first reply after it in the same reception; null = unanswered';
comment on column core.fct_question.response_seconds is '响应时间 — replied_at − asked_at in seconds';

create table core.fct_agent_message (
    store_id          varchar not null,
    agent_id          varchar not null,
    buyer_id          varchar not null,
    business_day      date not null,
    consultation_key  ubigint not null,
    sent_at           timestamp not null,
    load_seq          bigint not null,
    message_key       varchar not null,
    is_in_reception   boolean not null
);
comment on table core.fct_agent_message is '客服消息 — one row per agent message (not auto, not system): what credits orders (in a reception) and counts as assist';
comment on column core.fct_agent_message.store_id is '店铺';
comment on column core.fct_agent_message.agent_id is '客服账号';
comment on column core.fct_agent_message.buyer_id is '买家';
comment on column core.fct_agent_message.business_day is '营业日';
comment on column core.fct_agent_message.consultation_key is '咨询键 — the consultation it belongs to, if the buyer wrote that day';
comment on column core.fct_agent_message.sent_at is '发送时间';
comment on column core.fct_agent_message.load_seq is '导入顺序 — breaks ties of sent_at';
comment on column core.fct_agent_message.message_key is '消息键 — raw.chat_message.message_key';
comment on column core.fct_agent_message.is_in_reception is '接待内 — part of a received (not filtered) consultation: only these credit orders';

create table core.fct_order_credit (
    store_id      varchar not null,
    order_id      varchar not null,
    rule          varchar not null,
    in_force      boolean not null,
    agent_id      varchar,
    basis         varchar,
    message_key   varchar,
    message_at    timestamp,
    message_day   date,
    window_from   timestamp,
    window_to     timestamp
);
comment on table core.fct_order_credit is '订单落实 — for each order and each attribution rule, the credited agent (null = silent) and the trace of why';
comment on column core.fct_order_credit.rule is '判定规则 — order_created (下单判定), paid (付款判定) or order_first (下单优先判定)';
comment on column core.fct_order_credit.in_force is '生效规则 — the rule the store''s attribution_rule setting named on the order''s creation day';
comment on column core.fct_order_credit.agent_id is '落实客服 — the agent of the deciding message; null = silent order (静默下单)';
comment on column core.fct_order_credit.basis is '依据 — created_at or paid_at: which time the window ends at';
comment on column core.fct_order_credit.message_key is '判定消息 — raw.chat_message.message_key of the last agent message in a reception inside the window';
comment on column core.fct_order_credit.message_at is '判定消息时间';
comment on column core.fct_order_credit.message_day is '判定消息营业日 — the reception it belongs to';
comment on column core.fct_order_credit.window_from is '窗口开始 — basis time − inquiry_valid_days';
comment on column core.fct_order_credit.window_to is '窗口结束 — the basis time';

-- What each recompute did, so the next one knows which loaded files are new to it.
create table etl.recompute_run (
    run_id           bigint primary key,
    mode             varchar not null,
    through_file_id  bigint not null,
    started_at       timestamp not null,
    finished_at      timestamp not null,
    dirty_days       bigint not null
);
comment on table etl.recompute_run is '重算记录 — one row per recompute of the marts: full or incremental, and the last file it covered';
