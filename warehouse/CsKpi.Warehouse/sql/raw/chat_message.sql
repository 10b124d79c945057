-- grain: one row per chat message (message_key)
-- Loads the staged rows of one chats file (temp table `stage`: line + the contract's columns as text).
-- Variables: file_id, file_name, time_zone.
-- Defines `typed` (every staged row, parsed, with its first `failure`) and `fresh` (the rows to insert); the loader
-- then files the failures in etl.rejects and counts both, the same way for every kind.

create or replace temp table typed as
with staged as (
    select * from stage
),

parsed as (
    select
        line,
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
            when store_id is null then {'column_name': 'store_id', 'value': '', 'reason': 'store_id is empty; every message needs the store it was sent to'}
            when buyer_id is null then {'column_name': 'buyer_id', 'value': '', 'reason': 'buyer_id is empty; every message needs the buyer of the conversation'}
            when agent_id is null then {'column_name': 'agent_id', 'value': '', 'reason': 'agent_id is empty; every message needs the agent account of the conversation'}
            when sender is null then {'column_name': 'sender', 'value': coalesce(sender_text, ''),
                'reason': case when etl.blank(sender_text) is null then 'sender is empty; expected one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)'
                    else 'sender ''' || sender_text || ''' is not one of buyer, agent, auto, system (买家, 客服, 自动回复, 系统)' end}
            when sent_at is null then {'column_name': 'sent_at', 'value': coalesce(sent_at_text, ''),
                'reason': case when etl.blank(sent_at_text) is null then 'sent_at is empty; expected a time such as 2026-03-08 17:51:57'
                    else 'sent_at ''' || sent_at_text || ''' is not a timestamp; expected 2026-03-08 17:51:57' end}
        end as failure
    from parsed
)

select * from checked;

-- The same message twice in this file counts once; a message already loaded from another file is a duplicate.
create or replace temp table fresh as
with valid as (
    select
        coalesce(store_id || '#' || message_id,
                 md5(concat_ws(chr(31), store_id, buyer_id, agent_id, strftime(sent_at, '%Y-%m-%d %H:%M:%S.%f'), sender, coalesce(content, '')))) as message_key,
        *
    from typed
    where failure is null
),

-- The first line of each key, by a hash aggregate: cheaper than a window over millions of keys.
first_lines as (
    select message_key, min(line) as line from valid group by message_key
),

first_in_file as (
    select v.* from valid as v
    semi join first_lines as l on l.message_key = v.message_key and l.line = v.line
)

select f.*
from first_in_file as f
anti join raw.chat_message as r on r.message_key = f.message_key;

insert into raw.chat_message
select message_key, message_id, store_id, buyer_id, agent_id, sender, sent_at, content,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from fresh;

insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, cast(sent_at as date) from fresh;
