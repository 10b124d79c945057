-- grain: one row per chat message (message_key)
-- Loads the staged rows of one chats file (temp table `stage`: line + the contract's columns as text, and sent_at_read)
-- through a typed copy; a chat CSV file the preparer numbered goes raw/chat_message_numbered.sql's way instead, with no
-- copy. The loader runs raw/chat_message_typed.sql (the view `typed_stage`) before this and
-- raw/chat_message_dedupe.sql (the repeats and the messages loaded before taken out, `fresh`) after it.
-- Variables: file_id, file_name, time_zone, first_line (NULL unless the stage's lines are NULL, below).
-- Defines `typed` (every staged row, parsed, with its first `failure`); the loader then files the failures in
-- etl.rejects and counts them and `fresh`, the same way for every kind.
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
select * from typed_stage;

-- The first row's rowid: 0, or, for rows the load's transaction holds before it commits, where DuckDB numbers those.
set variable first_rowid = (select min(rowid) from typed_rows);

create or replace temp view typed as
select coalesce(line, rowid - getvariable('first_rowid') + getvariable('first_line')) as line, * exclude (line)
from typed_rows;

drop view typed_stage;

-- The staged text is not read again: freed now, so the insert below has its memory (or spills less).
drop table stage;

-- Every good row straight into raw.chat_message, with no copy of the file's rows in between: a plain scan of typed,
-- which DuckDB writes in parallel. The repeats and the messages loaded before come out after it
-- (raw/chat_message_dedupe.sql, which the loader runs next).
insert into raw.chat_message
select etl.chat_message_key(store_id, message_id, buyer_id, agent_id, sent_at, sender, content),
       message_id, store_id, buyer_id, agent_id, sender, sent_at, content,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from typed
where failure is null;
