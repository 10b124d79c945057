-- every credit points at an agent message of the credited agent, inside its window, in a received reception (an incremental recompute: the credits it rebuilt)
-- As checks/credits_point_at_receptions.sql over the credits of credit_order. The messages are read between the
-- rebuilt credits' first and last message time (scope.sql): a credit whose message is not found there fails, as one
-- whose message is missing or has another time does.
select c.store_id, c.order_id, c.rule, c.agent_id, c.message_key
from (select * from core.fct_order_credit semi join credit_order using (store_id, order_id)) as c
left join (
    select message_key, sender, agent_id, store_id, buyer_id, sent_at from raw.chat_message
    where sent_at between getvariable('rebuilt_bounds').credit_message_from and getvariable('rebuilt_bounds').credit_message_to
) as m on m.message_key = c.message_key
left join (select * from core.fct_reception
           where business_day between cast(getvariable('rebuilt_bounds').credit_message_from as date) - 1
                                  and cast(getvariable('rebuilt_bounds').credit_message_to as date) + 1) as r
  on r.store_id = c.store_id and r.agent_id = c.agent_id and r.buyer_id = m.buyer_id and r.business_day = c.message_day
where c.agent_id is not null
  and (m.message_key is null or m.sender <> 'agent' or m.agent_id <> c.agent_id or m.store_id <> c.store_id
       or m.sent_at <> c.message_at or m.sent_at < c.window_from or m.sent_at > c.window_to
       or r.store_id is null or not r.is_received);
