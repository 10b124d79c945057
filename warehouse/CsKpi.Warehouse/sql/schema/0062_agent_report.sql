-- Issue 16: the CS tools' per-agent performance reports (赤兔 售前, 赤兔/千牛 workload, 千牛/拼多多 客服数据) land in
-- the raw layer in long form, one row per agent, period and metric, as the report wrote them. Feeding the marts from
-- them (where a store has no raw chats) comes later; nothing reads this table yet but the reconciliation to come.
create table raw.agent_report (
    report_key   varchar not null,
    store_id     varchar not null,
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
comment on table raw.agent_report is '客服绩效报表 — every metric of every agent report row loaded (赤兔 售前, 千牛/拼多多 客服数据…): one row per store, agent, period and metric';
comment on column raw.agent_report.report_key is '行键 — md5 of store, agent, period, metric and value: the same figure loaded twice is kept once';
comment on column raw.agent_report.store_id is '店铺 — the report''s store column, else the inbox sub-folder or --store';
comment on column raw.agent_report.agent_nick is '客服 — the agent as the report writes it (店铺:子账号, or only 子账号); matched to the roster later';
comment on column raw.agent_report.team is '分组 — the report''s own agent group (旺旺分组), when it has one';
comment on column raw.agent_report.period_from is '开始日期 — first day the row covers, from its 日期 column or the file name';
comment on column raw.agent_report.period_to is '结束日期 — last day the row covers (the same day for a daily row)';
comment on column raw.agent_report.metric is '指标 — core.metric code where one matches (reply_rate, received_buyers…), else the report''s own column name';
comment on column raw.agent_report.value is '数值 — rates as a fraction (0.853), times in seconds, counts and amounts as written; null when the report left it empty (-, --), never 0';
comment on column raw.agent_report.file_id is '文件 — etl.file_ledger.file_id of the file it came from';
comment on column raw.agent_report.line is '行号 — line (or sheet row) of the file';
comment on column raw.agent_report.load_seq is '导入顺序 — file_id × 1e9 + line';
