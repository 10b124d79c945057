-- An order's status: the contract's English words, or the Chinese wording of the platforms' exports (Taobao, JD,
-- Pinduoduo), mapped to created, paid, shipped, completed, closed, refunded; anything else is NULL.
create or replace macro etl.order_status(v) as case
    when lower(trim(v)) in ('created', 'paid', 'shipped', 'completed', 'closed', 'refunded') then lower(trim(v))
    when trim(v) in ('等待买家付款', '待付款') then 'created'
    when trim(v) in ('买家已付款，等待卖家发货', '买家已付款,等待卖家发货', '买家已付款', '待发货') then 'paid'
    when trim(v) in ('卖家已发货，等待买家确认', '卖家已发货,等待买家确认', '卖家已发货', '已发货', '待收货') then 'shipped'
    when trim(v) in ('交易成功', '已完成', '已收货') then 'completed'
    when trim(v) in ('交易关闭', '已关闭', '已取消') then 'closed'
    when trim(v) in ('退款成功', '已退款', '售后完成') then 'refunded' end;
