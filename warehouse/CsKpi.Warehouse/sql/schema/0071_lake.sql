-- The Parquet lake (docs/scale-out.md, issue 19): which store-months each recompute rebuilt, so the lake write after
-- it replaces exactly those partitions, and a write a crash cut short is finished by the next run; and which lake
-- roots this warehouse has written (the first write to a root writes every partition).
-- (No expression defaults here: DuckDB cannot replay an ALTER of such a table from a WAL, see docs/operations.md.)
create table etl.lake_owed (
    store_id          varchar not null,
    month             varchar not null,
    recompute_run_id  bigint not null
);
comment on table etl.lake_owed is '湖待写分区 — one row per store-month a recompute rebuilt that the Parquet lake does not hold yet';
comment on column etl.lake_owed.month is '月份 — 2026-03, the month of the partition lake/<table>/store=<id>/month=<yyyy-mm>';
comment on column etl.lake_owed.recompute_run_id is '重算 — etl.recompute_run.run_id of the recompute that rebuilt it; a lake write consumes the rows up to the recompute it read';

create table etl.lake_run (
    lake_path         varchar not null,
    recompute_run_id  bigint,
    written_at        timestamp not null,
    partitions        bigint not null,
    rows_written      bigint not null
);
comment on table etl.lake_run is '湖写入记录 — one row per write of this warehouse''s partitions to a Parquet lake root';
comment on column etl.lake_run.lake_path is '湖路径 — the lake root written to';
comment on column etl.lake_run.recompute_run_id is '包含的重算 — the newest recompute the written partitions hold';
comment on column etl.lake_run.partitions is '分区数 — table partitions replaced or removed';
comment on column etl.lake_run.rows_written is '行数 — rows written to Parquet';
