-- A rating as a score of 1–5: the platforms' words (很满意 … 很不满意) or the digit itself.
create or replace macro etl.rating_score(v) as case trim(v)
    when '很满意' then 5 when '满意' then 4 when '一般' then 3 when '不满意' then 2 when '很不满意' then 1
    else case when regexp_full_match(trim(v), '[1-5]') then cast(trim(v) as integer) end end;
