-- The metric registries the warehouse was opened with (metrics/metrics.yml, by the hash of what decides numbers:
-- codes, types, formulas, levels). A new one owes a full recompute: the marts were computed from the old one
-- (sql/etl/owed_work.sql, sql/core/recompute_scope.sql). Written by MetricSchema on open.
-- (No expression defaults here: DuckDB cannot replay an ALTER of such a table from a WAL, see docs/operations.md.)
create table etl.metric_registry_change (
    registry_hash  varchar not null,
    changed_at     timestamp not null,
    metrics        integer not null
);
comment on table etl.metric_registry_change is '指标定义变更 — one row per metric registry an open of the warehouse found new; the marts owe a full recompute after it';
comment on column etl.metric_registry_change.registry_hash is '定义哈希 — SHA-256 of the codes, types, formulas and levels of metrics.yml';
comment on column etl.metric_registry_change.changed_at is '变更时间 — when the open found it';
comment on column etl.metric_registry_change.metrics is '指标数 — metrics the registry defines';
