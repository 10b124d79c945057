-- Issue 17: a chat message's two ids, message_key and message_id, are written with DuckDB's FSST compression, named
-- here, instead of the one DuckDB picks. Each is unique to its message, so FSST is what DuckDB picks for them anyway
-- (PRAGMA storage_info of a 10 M-message file: every segment of both); left to pick, it first tries every method on
-- each row group, the dictionary's too (a hash of each of ten million distinct values), and that cost ≈ 1 CPU s per
-- column of a 10 M-message file's insert, ≈ 2 of its ≈ 14 CPU s (r27, EXPLAIN ANALYZE and the insert timed alone).
-- Nothing read changes: the values are the same, only how their bytes are stored. DuckDB has no ALTER for a column's
-- compression, so the table is rebuilt once, its rows in their order, with its comments.
create table raw.chat_message_rebuilt (
    message_key  varchar not null using compression fsst,
    message_id   varchar using compression fsst,
    store_id     varchar not null,
    buyer_id     varchar not null,
    agent_id     varchar not null,
    sender       varchar not null,
    sent_at      timestamp not null,
    content      varchar,
    file_id      bigint not null,
    line         bigint not null,
    load_seq     bigint not null
);

insert into raw.chat_message_rebuilt
select message_key, message_id, store_id, buyer_id, agent_id, sender, sent_at, content, file_id, line, load_seq
from raw.chat_message;

drop table raw.chat_message;
alter table raw.chat_message_rebuilt rename to chat_message;

comment on table raw.chat_message is '聊天消息 — one row per chat message, deduplicated on message_key';
comment on column raw.chat_message.message_key is '消息键 — store and message_id, or a hash of (store, buyer, agent, sent_at, sender, content) when the file has no id';
comment on column raw.chat_message.sender is '发送方 — buyer, agent, auto (automatic reply) or system (platform card)';
comment on column raw.chat_message.sent_at is '时间 — store local time';
comment on column raw.chat_message.load_seq is '导入顺序 — file_id × 1e9 + line: breaks ties of sent_at in the order messages were loaded';
