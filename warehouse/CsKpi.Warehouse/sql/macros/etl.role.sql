-- An agent's role as the contract spells it, in English or in the Chinese wording exports use: presale, aftersale, both.
create or replace macro etl.role(v) as case lower(trim(v))
    when 'presale' then 'presale' when '售前' then 'presale'
    when 'aftersale' then 'aftersale' when '售后' then 'aftersale'
    when 'both' then 'both' when '售前售后' then 'both' end;
