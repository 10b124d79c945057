-- Which recompute each analyst snapshot shows, so a snapshot a crash prevented is owed, and written, by the next run.
-- (No expression defaults here: DuckDB cannot replay an ALTER of such a table from a WAL, see docs/operations.md.)
create table etl.snapshot_run (
    recompute_run_id  bigint,
    written_at        timestamp not null,
    path              varchar not null
);
comment on table etl.snapshot_run is '快照记录 — one row per analyst snapshot written beside the warehouse, and the last recompute it holds';
comment on column etl.snapshot_run.recompute_run_id is '包含的重算 — etl.recompute_run.run_id of the newest recompute the snapshot holds (null: none yet)';
comment on column etl.snapshot_run.written_at is '写入时间 — when the snapshot replaced analyst.duckdb';
comment on column etl.snapshot_run.path is '路径 — the snapshot file written';
