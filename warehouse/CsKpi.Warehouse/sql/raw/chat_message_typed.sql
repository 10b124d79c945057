-- The rows of a chats stage (the temp table or view `stage`: line + the contract's columns as text, and sent_at_read),
-- parsed and checked: `typed_stage`, a view, each row with its first `failure` (NULL for a good row). The loader runs
-- this before raw/chat_message.sql (which copies it into typed_rows) and raw/chat_message_numbered.sql (which inserts
-- from it straight). Variables: time_zone.
create or replace temp view typed_stage as
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
