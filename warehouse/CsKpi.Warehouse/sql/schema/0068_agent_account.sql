-- Issue 17 (the daily path against the length of the history): the agent accounts of the chats and the ratings, kept
-- by the recompute (core/dim_agent.sql) rather than found again in every message of the history: dim_agent gives each
-- of them an unknown (未登记) member for the days before a roster names it. A full recompute rebuilds it from the raw
-- layer; an incremental one adds the accounts of the files loaded since the last recompute. Filled here from what is
-- already loaded, so the first incremental recompute after this migration finds every account.

create table core.agent_account (
    store_id  varchar not null,
    agent_id  varchar not null
);
comment on table core.agent_account is '会话客服账号 — every agent account of a loaded chat message or rating (the accounts dim_agent gives an unknown member until a roster names them)';
comment on column core.agent_account.store_id is '店铺';
comment on column core.agent_account.agent_id is '客服账号 — as the chats or ratings name it';

insert into core.agent_account
select store_id, agent_id from raw.chat_message
union
select store_id, agent_id from raw.rating;
