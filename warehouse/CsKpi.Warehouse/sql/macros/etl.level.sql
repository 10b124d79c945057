-- A level code (L1…) or its Chinese name in the ladder.
create or replace macro etl.level(v) as coalesce(
    (select level from raw.level where level = upper(trim(v))),
    (select level from raw.level where level_name = trim(v)));
