-- main.snapshot_info of the analyst snapshot: one row saying when the snapshot was written and how far the warehouse
-- had loaded then. Runs on the warehouse, inside the transaction that copies the tables, with the new snapshot file
-- attached as analyst_snapshot_new (AnalystSnapshot), so every fact is read as of the copied tables' moment.
-- grain: one row
create table analyst_snapshot_new.main.snapshot_info as
select
    current_localtimestamp() as written_at,
    (select max(version) from main.schema_version) as schema_version,
    (select max(file_id) from etl.file_ledger where outcome = 'loaded')::bigint as last_file_id,
    (select max(finished_at) from etl.recompute_run)::timestamp as last_recompute_at;
comment on table analyst_snapshot_new.main.snapshot_info is '快照信息 — when this analyst snapshot was written and how far the warehouse had loaded then';
comment on column analyst_snapshot_new.main.snapshot_info.written_at is '写入时间 — when the snapshot was written (local time)';
comment on column analyst_snapshot_new.main.snapshot_info.schema_version is '结构版本 — the warehouse''s migration version';
comment on column analyst_snapshot_new.main.snapshot_info.last_file_id is '最后文件 — the newest loaded inbox file (etl.file_ledger.file_id) the snapshot includes';
comment on column analyst_snapshot_new.main.snapshot_info.last_recompute_at is '最后重算 — when the marts it holds were last recomputed';
