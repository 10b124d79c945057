-- The batch ledger: one row per attempt to load an inbox file, keyed by the file's content hash.
create sequence if not exists etl.file_id_seq;

create table etl.file_ledger (
    file_id         bigint primary key default nextval('etl.file_id_seq'),
    file_name       varchar not null,
    kind            varchar not null,
    format          varchar,
    encoding        varchar,
    content_hash    varchar not null,
    size_bytes      bigint not null,
    started_at      timestamp not null,
    finished_at     timestamp,
    read_rows       bigint not null default 0,
    loaded_rows     bigint not null default 0,
    duplicate_rows  bigint not null default 0,
    rejected_rows   bigint not null default 0,
    outcome         varchar not null,
    reason          varchar,
    extra_columns   varchar
);
comment on table etl.file_ledger is '导入批次台账 — one row per inbox file the ETL read (or refused), keyed by its SHA-256 content hash';
comment on column etl.file_ledger.file_name is '文件名 — path relative to the inbox';
comment on column etl.file_ledger.kind is '类型 — agents, chats, orders, courses, training or ratings';
comment on column etl.file_ledger.content_hash is '内容哈希 — SHA-256 of the bytes; the same content is loaded once';
comment on column etl.file_ledger.read_rows is '读取行数 — data rows read; read = loaded + duplicates + rejected';
comment on column etl.file_ledger.loaded_rows is '导入行数 — rows that became new raw rows';
comment on column etl.file_ledger.duplicate_rows is '重复行数 — valid rows already present (same message, same order state, ...)';
comment on column etl.file_ledger.rejected_rows is '拒绝行数 — rows that broke the data contract, listed in etl.rejects';
comment on column etl.file_ledger.outcome is '结果 — loaded, rejected (the whole file, see reason) or duplicate_file (same content loaded before)';
comment on column etl.file_ledger.reason is '原因 — why a file was rejected or skipped, in words a person can act on';
comment on column etl.file_ledger.extra_columns is '多余列 — columns of the file the contract does not know; ignored';

create table etl.rejects (
    file_id      bigint not null,
    file_name    varchar not null,
    line         bigint not null,
    column_name  varchar,
    value        varchar,
    reason       varchar not null
);
comment on table etl.rejects is '拒绝明细 — every row that broke the data contract, with where and why';
comment on column etl.rejects.line is '行号 — line of the file (the CSV header is line 1; JSON Lines and Parquet count rows from 1)';
comment on column etl.rejects.column_name is '列 — the contract column at fault';
comment on column etl.rejects.value is '值 — the value as it was in the file';
comment on column etl.rejects.reason is '原因 — what is wrong and what was expected';

create table etl.touched_days (
    file_id       bigint not null,
    store_id      varchar not null,
    business_day  date not null,
    primary key (file_id, store_id, business_day)
);
comment on table etl.touched_days is '变更营业日 — the business days of each store a load changed, so the marts recompute only those';
