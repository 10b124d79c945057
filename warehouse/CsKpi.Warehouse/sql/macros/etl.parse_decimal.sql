-- A decimal number with a point, optionally negative; a comma or an exponent is NULL.
create or replace macro etl.parse_decimal(v) as
    case when regexp_full_match(trim(v), '-?\d+(\.\d+)?') then try_cast(trim(v) as decimal(18,4)) end;
