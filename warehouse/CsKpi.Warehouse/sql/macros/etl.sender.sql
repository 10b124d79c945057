-- How the contract spells each value, in English or in the Chinese wording exports use.
create or replace macro etl.sender(v) as case lower(trim(v))
    when 'buyer' then 'buyer' when '买家' then 'buyer'
    when 'agent' then 'agent' when '客服' then 'agent'
    when 'auto' then 'auto' when '自动回复' then 'auto'
    when 'system' then 'system' when '系统' then 'system' end;
