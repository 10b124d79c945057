-- An integer of at most nine digits, optionally negative; anything else (12.0, 1e3, 1,000) is NULL.
create or replace macro etl.parse_integer(v) as
    case when regexp_full_match(trim(v), '-?\d{1,9}') then cast(trim(v) as integer) end;
