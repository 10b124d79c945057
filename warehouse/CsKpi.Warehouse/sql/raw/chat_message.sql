-- grain: one row per chat message (message_key)
-- Loads the staged rows of one chats file (temp table `stage`: line + the contract's columns as text, and sent_at_read).
-- Variables: file_id, file_name, time_zone, first_line (NULL unless the stage's lines are NULL, below).
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows inserted: here a view of
-- them); the loader then files the failures in etl.rejects and counts both, the same way for every kind.
-- `stage` may be a view of the CSV reader rather than a table (InboxLoader, "the stage as a view"): the loader runs
-- this script up to the statement that drops the stage, drops the view itself, checks the reader's rejects and the totals rows that
-- `typed` carries (summary_label), and runs the rest only if there are none; else it loads the file the staged way.

-- The rows are `typed_rows`; `typed` is a view of them with each row's line. A stage that is a view of the reader has
-- no line numbers (line is NULL): DuckDB numbers rows only with a window over the whole file (row_number() over ()),
-- which runs the read, the cleaning and this parse on one thread and cost as much as all of them together. Such a
-- stage is read in the file's order (its plan is a scan and projections; etl.summary_label is written to keep it
-- so) and a table created from it keeps that order in its rowid, so a row's line is its place in that order past the
-- header, getvariable('first_line'), which the loader sets for that stage only.
create or replace temp table typed_rows as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
        summary_label,
        -- nullif, not etl.blank: every staged value comes through etl.clean_value, which leaves no space at either
        -- end that trim() would strip, and a second trim of five columns cost about as much as all of the cleaning.
        nullif(message_id, '') as message_id,
        nullif(store_id, '') as store_id,
        nullif(buyer_id, '') as buyer_id,
        nullif(agent_id, '') as agent_id,
        sender as sender_text,
        etl.sender(sender) as sender,
        sent_at as sent_at_text,
        -- sent_at_read: the time as DuckDB's reader typed it (the loader's view, when every time is in the contract's
        -- plain form), else NULL and the text is parsed here; an empty time is NULL both ways.
        coalesce(sent_at_read, etl.parse_timestamp(sent_at, getvariable('time_zone'))) as sent_at,
        nullif(content, '') as content
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

-- The first row's rowid: 0, or, for rows the load's transaction holds before it commits, where DuckDB numbers those.
set variable first_rowid = (select min(rowid) from typed_rows);

create or replace temp view typed as
select coalesce(line, rowid - getvariable('first_rowid') + getvariable('first_line')) as line, * exclude (line)
from typed_rows;

-- The staged text is not read again: freed now, so the insert below has its memory (or spills less).
drop table stage;

-- The file's time range: a loaded message is looked for only there (below), so the dedupe reads the history's row
-- groups of those days (DuckDB skips the others by their min/max of sent_at) and not the whole table. A key is a
-- message's: the hash key holds sent_at itself, and a message_id names one message sent at one time.
set variable first_sent_at = (select min(sent_at) from typed where failure is null);
set variable last_sent_at = (select max(sent_at) from typed where failure is null);

-- The lines not to insert: a message this file holds more than once counts once (its first line), and a message
-- already loaded from another file is a duplicate. Few or none, usually, so they are found first and the insert
-- below is, for a file of new messages, a plain scan of typed, which DuckDB writes in parallel and in the file's
-- order (an anti join in the insert itself makes the write one thread).
create or replace temp table skipped as
-- Not materialized: a copy of every valid row (10 million at a big store's month) costs more than reading typed twice.
with valid as not materialized (
    select etl.chat_message_key(store_id, message_id, buyer_id, agent_id, sent_at, sender, content) as message_key, line
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

select v.line
from valid as v
join repeated as r on r.message_key = v.message_key and v.line > r.first_line
union
select v.line
from valid as v
semi join loaded as l on l.message_key = v.message_key;

set variable skipped_rows = (select count(*) from skipped);

-- Straight into raw.chat_message, with no copy of the file's rows in between: one of the two statements inserts,
-- the other has nothing to (a constant false filter).
insert into raw.chat_message
select etl.chat_message_key(store_id, message_id, buyer_id, agent_id, sent_at, sender, content),
       message_id, store_id, buyer_id, agent_id, sender, sent_at, content,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from typed
where failure is null and getvariable('skipped_rows') = 0;

insert into raw.chat_message
select etl.chat_message_key(v.store_id, v.message_id, v.buyer_id, v.agent_id, v.sent_at, v.sender, v.content),
       v.message_id, v.store_id, v.buyer_id, v.agent_id, v.sender, v.sent_at, v.content,
       getvariable('file_id'), v.line, getvariable('file_id') * 1000000000 + v.line
from typed as v
anti join skipped as s on s.line = v.line
where v.failure is null and getvariable('skipped_rows') > 0;

drop table skipped;

-- The rows this file inserted, for the loader's count and the touched days: a view, read from the new row groups only.
create or replace temp view fresh as
select * from raw.chat_message where file_id = getvariable('file_id');

insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, cast(sent_at as date) from fresh;
