-- Parsing of the contract's text values (data-contract.md, "Types"), shared by every load script.
-- A parser returns NULL for a value it cannot read; the load scripts turn that NULL into a reject with a reason.

create or replace macro etl.blank(v) as nullif(trim(v), '');

-- ISO 8601 with 'T' or a space, optional fraction, or yyyy/M/d H:mm:ss; local time of the store.
-- With an offset (+08:00, Z) the instant is converted to the store's time zone.
create or replace macro etl.parse_timestamp(v, time_zone) as coalesce(
    try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f',
                           '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M']),
    case when regexp_matches(trim(v), '(Z|[+-]\d\d:?\d\d)$') then timezone(time_zone, try_cast(trim(v) as timestamptz)) end);

create or replace macro etl.parse_date(v) as cast(try_strptime(trim(v), ['%Y-%m-%d', '%Y/%m/%d']) as date);

-- Yuan: a leading ¥ and thousands separators are accepted; more than two decimals is not money.
create or replace macro etl.money_text(v) as regexp_replace(regexp_replace(trim(v), '^[¥￥]\s*', ''), ',', '', 'g');
create or replace macro etl.parse_money(v) as
    case when regexp_full_match(etl.money_text(v), '-?\d+(\.\d{1,2})?') then cast(etl.money_text(v) as decimal(18,2)) end;

create or replace macro etl.parse_integer(v) as
    case when regexp_full_match(trim(v), '-?\d{1,9}') then cast(trim(v) as integer) end;

create or replace macro etl.parse_decimal(v) as
    case when regexp_full_match(trim(v), '-?\d+(\.\d+)?') then try_cast(trim(v) as decimal(18,4)) end;

-- How the contract spells each value, in English or in the Chinese wording exports use.
create or replace macro etl.sender(v) as case lower(trim(v))
    when 'buyer' then 'buyer' when '买家' then 'buyer'
    when 'agent' then 'agent' when '客服' then 'agent'
    when 'auto' then 'auto' when '自动回复' then 'auto'
    when 'system' then 'system' when '系统' then 'system' end;

create or replace macro etl.role(v) as case lower(trim(v))
    when 'presale' then 'presale' when '售前' then 'presale'
    when 'aftersale' then 'aftersale' when '售后' then 'aftersale'
    when 'both' then 'both' when '售前售后' then 'both' end;

create or replace macro etl.order_status(v) as case
    when lower(trim(v)) in ('created', 'paid', 'shipped', 'completed', 'closed', 'refunded') then lower(trim(v))
    when trim(v) in ('等待买家付款', '待付款') then 'created'
    when trim(v) in ('买家已付款，等待卖家发货', '买家已付款,等待卖家发货', '买家已付款', '待发货') then 'paid'
    when trim(v) in ('卖家已发货，等待买家确认', '卖家已发货,等待买家确认', '卖家已发货', '已发货', '待收货') then 'shipped'
    when trim(v) in ('交易成功', '已完成', '已收货') then 'completed'
    when trim(v) in ('交易关闭', '已关闭', '已取消') then 'closed'
    when trim(v) in ('退款成功', '已退款', '售后完成') then 'refunded' end;

create or replace macro etl.course_category(v) as case
    when lower(trim(v)) in ('product', 'tools', 'scripts', 'logistics', 'promotions', 'policy', 'platform_rules', 'mindset') then lower(trim(v))
    when trim(v) = '产品' then 'product' when trim(v) = '工具流程' then 'tools' when trim(v) = '话术' then 'scripts'
    when trim(v) = '仓储物流' then 'logistics' when trim(v) = '活动优惠' then 'promotions' when trim(v) = '公司制度' then 'policy'
    when trim(v) = '平台规则' then 'platform_rules' when trim(v) = '职业心态' then 'mindset' end;

create or replace macro etl.training_status(v) as case lower(trim(v))
    when 'planned' then 'planned' when '计划' then 'planned'
    when 'in_progress' then 'in_progress' when '进行中' then 'in_progress'
    when 'completed' then 'completed' when '已完成' then 'completed' end;

create or replace macro etl.rating_score(v) as case trim(v)
    when '很满意' then 5 when '满意' then 4 when '一般' then 3 when '不满意' then 2 when '很不满意' then 1
    else case when regexp_full_match(trim(v), '[1-5]') then cast(trim(v) as integer) end end;

-- A level code (L1…) or its Chinese name in the ladder.
create or replace macro etl.level(v) as coalesce(
    (select level from raw.level where level = upper(trim(v))),
    (select level from raw.level where level_name = trim(v)));
