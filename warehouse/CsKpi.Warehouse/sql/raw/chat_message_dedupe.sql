-- The end of a chats file's load, once its good rows are in raw.chat_message (raw/chat_message.sql from the typed
-- copy, raw/chat_message_numbered.sql straight from the reader): what must not stay is taken out again. A message
-- the file holds more than once counts once (its first line), and a message already loaded from another file is a
-- duplicate. Few or none, usually, so they are found after the write, from the stored keys of the file's own new row
-- groups (read back, not parsed, cleaned and keyed again as a second read of the file would), and deleted; the
-- transaction holds all of it, so nothing of the file is seen half loaded.
-- Variables: file_id. Defines `fresh` (the rows this file loaded, a view) and `file_days` (each store and day its good
-- rows name, duplicates included, with their first and last send time: app.store, a shard's check and the touched
-- days read these).

create or replace temp view fresh as
select * from raw.chat_message where file_id = getvariable('file_id');

-- One read of the file's rows for all that needs them whole (their stores, their days, their time range): each of
-- those was a read of its own, ≈ 1–2 ms apiece of a day's 42 k messages.
create or replace temp table file_days as
select store_id, cast(sent_at as date) as sent_on, min(sent_at) as first_sent_at, max(sent_at) as last_sent_at
from fresh
group by all;

-- The file's time range: a loaded message is looked for only there (below), so the dedupe reads the history's row
-- groups of those days (DuckDB skips the others by their min/max of sent_at) and not the whole table. A key is a
-- message's: the hash key holds sent_at itself, and a message_id names one message sent at one time.
set variable first_sent_at = (select min(first_sent_at) from file_days);
set variable last_sent_at = (select max(last_sent_at) from file_days);

create or replace temp table skipped as
with valid as not materialized (
    select message_key, line from fresh
),

-- The keys the file holds more than once, with the first line of each. Grouping ten million text keys is the
-- costliest step of a big file, so the rows are looked at first by the key's 64-bit hash (fixed width, a fraction of
-- the memory), and only the rows whose hash repeats, as few as the file's repeats, by the key itself.
-- The result is as small as the repeats (none, usually), so the join below builds its hash table on that.
-- A hash that repeats is one equal to the one before it in hash order: sorting ten million hashes took 2.2–2.9 CPU s
-- where grouping them (a hash table of ten million groups, each seen once) took 4.0–6.5 (EXPLAIN ANALYZE, r25). A hash
-- seen n times comes out n - 1 times; the semi join below takes it once.
repeated_hashes as (
    select key_hash
    from (
        select key_hash, lag(key_hash) over (order by key_hash) as previous_hash
        from (select hash(message_key) as key_hash from valid)
    )
    where key_hash = previous_hash
),

repeated as (
    select v.message_key, min(v.line) as first_line
    from valid as v
    semi join repeated_hashes as h on h.key_hash = hash(v.message_key)
    group by v.message_key
    having count(*) > 1
),

loaded as (
    select message_key from raw.chat_message
    where sent_at between getvariable('first_sent_at') and getvariable('last_sent_at')
      and file_id <> getvariable('file_id')
)

select v.line
from valid as v
join repeated as r on r.message_key = v.message_key and v.line > r.first_line
union
select v.line
from valid as v
semi join loaded as l on l.message_key = v.message_key;

set variable skipped_rows = (select count(*) from skipped);

delete from raw.chat_message
where getvariable('skipped_rows') > 0
  and file_id = getvariable('file_id')
  and line in (select line from skipped);

drop table skipped;

-- The days of the rows that stayed: file_days's when none went (the usual case; the other branch is planned away, the
-- variable being known when the statement is bound), else read again.
insert or ignore into etl.touched_days
select getvariable('file_id'), store_id, sent_on from file_days where getvariable('skipped_rows') = 0
union all
select distinct getvariable('file_id'), store_id, cast(sent_at as date) from fresh where getvariable('skipped_rows') > 0;
