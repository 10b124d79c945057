-- grain: one row per chat message (message_key)
-- Loads a chats file straight from DuckDB's reader: `stage` is a view of the file's numbered copy (FilePreparer,
-- RecordNumbering: each record's line is the copy's first column, typed by the reader), `typed_stage` that view parsed
-- and checked (raw/chat_message_typed.sql). No copy of the file's rows is made: the good rows are read, cleaned,
-- keyed and written in one parallel pass, with their lines from the file. The loader counts what this inserted
-- against the records the copy holds; only when some are missing (a failure, a totals row, a record the reader
-- rejected) does it read the file again for them, or load it the staged way. Then raw/chat_message_dedupe.sql.
-- Variables: file_id, time_zone.
insert into raw.chat_message
select etl.chat_message_key(store_id, message_id, buyer_id, agent_id, sent_at, sender, content),
       message_id, store_id, buyer_id, agent_id, sender, sent_at, content,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from typed_stage
where failure is null and summary_label is null;
