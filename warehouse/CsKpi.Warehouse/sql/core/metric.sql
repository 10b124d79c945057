-- grain: one row per metric of the metric registry (metrics/metrics.yml), in file order.
-- Re-created on every open of the warehouse for writing (MetricSchema), so pages, cskpi and analysts (the snapshot
-- copies core) read the definitions the marts were built from. The rows are inserted by MetricSchema.
create or replace table core.metric (
    position        integer not null,
    code            varchar not null primary key,
    zh              varchar not null,
    en              varchar not null,
    kind            varchar not null,
    type            varchar,
    numerator       varchar,
    denominator     varchar,
    format          varchar not null,
    direction       varchar not null,
    scorecard       boolean not null,
    levels          varchar[] not null,
    shown           boolean not null,
    empty_when_none boolean not null,
    platforms       varchar[] not null,
    definition_zh   varchar not null,
    definition_en   varchar not null,
    source          varchar
);
comment on table core.metric is '指标定义 — one row per metric of metrics/metrics.yml: a sum the models compute or a ratio of sums; docs/metrics.md is generated from it';
comment on column core.metric.position is '顺序 — place in metrics.yml, the order pages list metrics in';
comment on column core.metric.code is '指标代码 — the column name in every mart';
comment on column core.metric.zh is '中文名';
comment on column core.metric.en is '英文名 — English name';
comment on column core.metric.kind is '类型 — sum (a column the models compute, added up at every level) or ratio (of two sums)';
comment on column core.metric.type is '存储类型 — a sum''s column type; empty for a ratio (a double)';
comment on column core.metric.numerator is '分子 — a ratio''s numerator: a sum''s code or an expression of sums';
comment on column core.metric.denominator is '分母 — a ratio''s denominator';
comment on column core.metric.format is '格式 — count, percent, seconds, money or ratio';
comment on column core.metric.direction is '方向 — higher or lower is better';
comment on column core.metric.scorecard is '可考核 — can be ranked and be a scorecard item';
comment on column core.metric.levels is '层级 — agent, team, store: the daily marts it is a column of';
comment on column core.metric.shown is '显示 — false for the parts of a ratio that pages do not offer on their own';
comment on column core.metric.empty_when_none is '无则为空 — a sum that is empty, not 0, when nothing is known';
comment on column core.metric.platforms is '平台 — the platforms whose stores it is computed for (all: every platform)';
comment on column core.metric.definition_zh is '中文定义';
comment on column core.metric.definition_en is '英文定义 — definition in English';
comment on column core.metric.source is '来源 — where the rule comes from, for platform metrics';
