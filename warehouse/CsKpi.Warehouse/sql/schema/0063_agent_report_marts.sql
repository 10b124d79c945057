-- Issue 16: the agent performance reports (raw.agent_report) feed the marts. core.fct_agent_report holds the latest
-- figure of every (store, agent, period, metric), its nick matched to the roster; marts.kpi_agent_daily says where
-- each row comes from (source); marts.kpi_agent_report_period holds the report rows of other ranges than one day (a
-- whole month above all), never split into invented days. The metric columns of kpi_agent_report_period come from
-- the registry on open (MetricSchema), as the daily marts' do. A sum column may now be empty: a report fills only the
-- metrics it carries (MetricSchema drops the old not-null of the sums).

create table core.fct_agent_report (
    store_id     varchar not null,
    agent_id     varchar not null,
    agent_nick   varchar not null,
    team         varchar,
    period_from  date not null,
    period_to    date not null,
    metric       varchar not null,
    value        double,
    file_id      bigint not null,
    line         bigint not null,
    load_seq     bigint not null
);
comment on table core.fct_agent_report is '客服绩效报表事实 — the latest loaded figure of each store, agent, period and metric of the agent reports, the agent matched to the roster (rebuilt whole on every recompute)';
comment on column core.fct_agent_report.store_id is '店铺';
comment on column core.fct_agent_report.agent_id is '客服账号 — the roster id the nick matches (the id equal to the nick, else 店铺:nick, else the one roster id of the store with the same 子账号), else 店铺:子账号 (an unknown, 未登记 member)';
comment on column core.fct_agent_report.agent_nick is '客服昵称 — as the report wrote it';
comment on column core.fct_agent_report.team is '分组 — the report''s own agent group (旺旺分组), when it has one';
comment on column core.fct_agent_report.period_from is '开始日期 — first day the row covers';
comment on column core.fct_agent_report.period_to is '结束日期 — last day the row covers (the same day for a daily row)';
comment on column core.fct_agent_report.metric is '指标 — raw.agent_report''s metric code (a core.metric code, or the report''s own column name)';
comment on column core.fct_agent_report.value is '数值 — rates as a fraction, times in seconds; null when the report left it empty, never 0';
comment on column core.fct_agent_report.file_id is '文件 — etl.file_ledger.file_id of the load whose figure this is';
comment on column core.fct_agent_report.line is '行号 — line (or sheet row) of that file';
comment on column core.fct_agent_report.load_seq is '导入顺序 — file_id × 1e9 + line: the latest load wins';

alter table marts.kpi_agent_daily add column source varchar default 'chats';
comment on column marts.kpi_agent_daily.source is '来源 — chats: CsKpi computed the row from raw chats and orders (an attendance report may add its attendance sums); report: a daily agent report filled it, the store having no chats that day (metrics the report does not carry are empty)';

create table marts.kpi_agent_report_period (
    store_id      varchar not null,
    team          varchar not null,
    agent_id      varchar not null,
    agent_name    varchar not null,
    period_from   date not null,
    period_to     date not null,
    days          integer not null,
    source        varchar not null,
    agent_key     bigint not null
);
comment on table marts.kpi_agent_report_period is '客服报表区间 — one row per agent and report range longer than a day (a whole month above all): the report''s figures as sums and ratios, never split into days';
comment on column marts.kpi_agent_report_period.store_id is '店铺';
comment on column marts.kpi_agent_report_period.team is '小组 — the agent''s team on the range''s last day (未登记 for an account no roster names)';
comment on column marts.kpi_agent_report_period.agent_id is '客服账号';
comment on column marts.kpi_agent_report_period.agent_name is '客服姓名 — 未登记 for an account no roster names';
comment on column marts.kpi_agent_report_period.period_from is '开始日期 — first day of the report''s range';
comment on column marts.kpi_agent_report_period.period_to is '结束日期 — last day of the report''s range';
comment on column marts.kpi_agent_report_period.days is '天数 — calendar days of the range';
comment on column marts.kpi_agent_report_period.source is '来源 — always report';
comment on column marts.kpi_agent_report_period.agent_key is '客服版本键 — core.dim_agent version of the range''s last day';
