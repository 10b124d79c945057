-- grain: one row per chat message (message_key)
-- Loads the staged rows of one chats file (temp table `stage`: line + the contract's columns as text).
-- Variables: file_id, file_name, time_zone.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows inserted: here a view of
-- them); the loader then files the failures in etl.rejects and counts both, the same way for every kind.
-- `stage` may be a view of the CSV reader rather than a table (InboxLoader, "the stage as a view"): the loader runs
-- this script up to the statement that drops the stage, drops the view itself, checks the reader's rejects and the totals rows that
-- `typed` carries (summary_label), and runs the rest only if there are none; else it loads the file the staged way.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        summary_label,
        etl.blank(message_id) as message_id,
        etl.blank(store_id) as store_id,
        etl.blank(buyer_id) as buyer_id,
        etl.blank(agent_id) as agent_id,
        sender as sender_text,
        etl.sender(sender) as sender,
        sent_at as sent_at_text,
        etl.parse_timestamp(sent_at, getvariable('time_zone')) as sent_at,
        etl.blank(content) as content
    from staged
),

checked as (
    select
        *,
        case
            when store_id is null then {'column_name': 'store_id', 'value': '', 'code': 'chats.store_id.empty', 'args': null}
            when buyer_id is null then {'column_name': 'buyer_id', 'value': '', 'code': 'chats.buyer_id.empty', 'args': null}
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'code': 'chats.agent_id.empty', 'args': null}
            when sender is null then {'column_name': 'sender', 'value': coalesce(sender_text, ''),
                'code': case when etl.blank(sender_text) is null then 'chats.sender.empty' else 'chats.sender.invalid' end, 'args': null}
            when sent_at is null then {'column_name': 'sent_at', 'value': coalesce(sent_at_text, ''),
                'code': case when etl.blank(sent_at_text) is null then 'timestamp.empty' else 'timestamp.invalid' end, 'args': null}
        end as failure
    from parsed
)

-- The texts as written live on in the failure's value; the typed copy does not carry them twice.
select * exclude (sender_text, sent_at_text) from checked;

-- The staged text is not read again: freed now, so the insert below has its memory (or spills less).
drop table stage;

-- The file's time range: a loaded message is looked for only there (below), so the dedupe reads the history's row
-- groups of those days (DuckDB skips the others by their min/max of sent_at) and not the whole table. A key is a
-- message's: the hash key holds sent_at itself, and a message_id names one message sent at one time.
set variable first_sent_at = (select min(sent_at) from typed where failure is null);
set variable last_sent_at = (select max(sent_at) from typed where failure is null);

-- Straight into raw.chat_message, with no copy of the file's rows in between: the same message twice in this file
-- counts once (its first line); a message already loaded from another file is a duplicate.
insert into raw.chat_message
-- Not materialized: a copy of every valid row (10 million at a big store's month) costs more than reading typed twice.
with valid as not materialized (
    select
        coalesce(store_id || '#' || message_id,
                 md5(concat_ws(chr(31), store_id, buyer_id, agent_id, strftime(sent_at, '%Y-%m-%d %H:%M:%S.%f'), sender, coalesce(content, '')))) as message_key,
        *
    from typed
    where failure is null
),

-- The keys the file holds more than once, with the first line of each. Grouping ten million text keys is the
-- costliest step of a big file, so the rows are grouped first by the key's 64-bit hash (a fixed-width aggregate,
-- a fraction of the memory), and only the rows whose hash repeats, as few as the file's repeats, by the key itself.
-- The result is as small as the repeats (none, usually), so the join below builds its hash table on that.
repeated_hashes as (
    select hash(message_key) as key_hash
    from valid
    group by key_hash
    having count(*) > 1
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
)

select v.message_key, v.message_id, v.store_id, v.buyer_id, v.agent_id, v.sender, v.sent_at, v.content,
       getvariable('file_id'), v.line, getvariable('file_id') * 1000000000 + v.line
from valid as v
anti join repeated as r on r.message_key = v.message_key and v.line > r.first_line
anti join loaded as l on l.message_key = v.message_key;

-- The rows this file inserted, for the loader's count and the touched days: a view, read from the new row groups only.
create or replace temp view fresh as
select * from raw.chat_message where file_id = getvariable('file_id');

insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, cast(sent_at as date) from fresh;
