-- The key of a chat message (raw.chat_message.message_key): the store and the platform's message id, or, for a file
-- without ids, a hash of what the message is (store, buyer, agent, time, sender, text). A message loaded twice, from one
-- file or two, has one key; sql/raw/chat_message.sql keeps its first.
create or replace macro etl.chat_message_key(store_id, message_id, buyer_id, agent_id, sent_at, sender, content) as
    coalesce(store_id || '#' || message_id,
             md5(concat_ws(chr(31), store_id, buyer_id, agent_id, strftime(sent_at, '%Y-%m-%d %H:%M:%S.%f'), sender, coalesce(content, ''))));
