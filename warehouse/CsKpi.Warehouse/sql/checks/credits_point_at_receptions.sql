-- every credit points at an agent message of the credited agent, inside its window, in a received reception
select c.store_id, c.order_id, c.rule, c.agent_id, c.message_key
from core.fct_order_credit as c
left join raw.chat_message as m on m.message_key = c.message_key
left join core.fct_reception as r
  on r.store_id = c.store_id and r.agent_id = c.agent_id and r.buyer_id = m.buyer_id and r.business_day = c.message_day
where c.agent_id is not null
  and (m.message_key is null or m.sender <> 'agent' or m.agent_id <> c.agent_id or m.store_id <> c.store_id
       or m.sent_at <> c.message_at or m.sent_at < c.window_from or m.sent_at > c.window_to
       or r.store_id is null or not r.is_received);
