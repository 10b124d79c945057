-- The SQL page's saved queries (interfaces.md): a small shared library of the analysts' queries on the analyst
-- snapshot. Kept in the warehouse, like the users, so it survives a restart; never copied into the snapshot.

create sequence app.saved_query_id;

create table app.saved_query (
    query_id    bigint primary key default nextval('app.saved_query_id'),
    name        varchar not null,
    sql_text    varchar not null,
    saved_by    varchar not null,
    saved_at    timestamp not null default current_localtimestamp()
);
comment on table app.saved_query is '保存的查询 — queries analysts and admins saved on the SQL page; everyone with the page sees them';
comment on column app.saved_query.query_id is '编号 — the query''s number';
comment on column app.saved_query.name is '名称 — what the query answers, as its author put it';
comment on column app.saved_query.sql_text is 'SQL — the query, run on the analyst snapshot';
comment on column app.saved_query.saved_by is '保存人 — the user who saved it; only they (or an admin) may delete it';
comment on column app.saved_query.saved_at is '保存时间 — when it was saved';
