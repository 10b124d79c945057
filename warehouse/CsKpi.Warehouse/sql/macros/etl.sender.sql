-- How the contract spells each value, in English or in the Chinese wording exports use.
-- The value as the contract writes it is looked for first, as it is: lower(trim(v)) of every row of a chat file cost
-- about 1 CPU s per ten million messages, twice in a load (the reject test and the value), ≈ 2 of the ≈ 14 CPU s of
-- the file's insert (r27); the other spellings take the slow path to the same value.
create or replace macro etl.sender(v) as case v
    when 'buyer' then 'buyer' when 'agent' then 'agent' when 'auto' then 'auto' when 'system' then 'system'
    else case lower(trim(v))
        when 'buyer' then 'buyer' when '买家' then 'buyer'
        when 'agent' then 'agent' when '客服' then 'agent'
        when 'auto' then 'auto' when '自动回复' then 'auto'
        when 'system' then 'system' when '系统' then 'system' end end;
