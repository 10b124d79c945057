-- Real store exports (issue 14): stores get a display name and a platform; the ledger names each file's layout and
-- store; orders from a privacy-stripped export (no buyer column) load without a buyer and are never credited.

create table app.store (
    store_id         varchar primary key,
    display_name     varchar not null,
    platform         varchar not null default 'other'
        check (platform in ('taobao', 'tmall', 'jd', 'pdd', 'douyin', 'other')),
    -- 'layout' while the platform is what a file's layout said; 'admin' once a person set it, so loads leave it alone.
    platform_set_by  varchar not null default 'layout' check (platform_set_by in ('layout', 'admin'))
);
comment on table app.store is '店铺 — one row per store a file named: its display name and platform (taobao, tmall, jd, pdd, douyin, other)';
comment on column app.store.store_id is '店铺 — as the files name it (store column, inbox sub-folder, or --store)';
comment on column app.store.display_name is '显示名称 — what pages show; an admin may change it';
comment on column app.store.platform is '平台 — from the layout of its files, or set by an admin';
comment on column app.store.platform_set_by is '平台来源 — layout, or admin (then loads no longer change it)';

alter table etl.file_ledger add column layout varchar;
alter table etl.file_ledger add column store_source varchar;
alter table etl.file_ledger add column note varchar;
comment on column etl.file_ledger.layout is '格式 — the export layout recognised (contract-orders, taobao-orders, jd-orders, …; docs/imports.md)';
comment on column etl.file_ledger.store_source is '店铺来源 — where rows without a store column got theirs: folder NAME or --store NAME';
comment on column etl.file_ledger.note is '说明 — what a person should know of a loaded file (orders that cannot be credited, item rows merged)';

alter table raw.order_state alter column buyer_id drop not null;
alter table core.fct_order alter column buyer_id drop not null;
comment on column raw.order_state.buyer_id is '买家会员名 — null when the export carries no buyer (privacy-stripped): the order counts in the store''s totals but is never credited';

comment on column etl.file_ledger.outcome is '结果 — loaded, rejected (the whole file, see reason), or skipped (a layout recognised and deliberately not loaded, such as the Taobao item file; see reason)';
