-- A value of an agent report (issue 16) as a number, by the form its layout gives the column (ExportLayout.Metrics):
--   rate      85.3%, 0.853 or 85.3 — all 0.853: a rate above 1 without % is a percentage (赤兔 writes 85.3)
--   seconds   35, 35秒, 0:00:35 (h:mm:ss) or 00:35 (mm:ss) — all 35
--   number    1,234 or 12.5; a % still divides by 100
-- Empty (and -, --, which etl.clean_value made empty) is NULL, never 0; text that is none of these is NULL too, and
-- the load script rejects the row for it. The value is bound once through a lambda (see etl.clean_value).
create or replace macro etl.report_value(v, form) as list_transform([replace(etl.blank(v), ',', '')], t -> case
    when t is null then null
    when regexp_full_match(t, '\d{1,3}:\d{1,2}:\d{1,2}')
        then list_reduce(list_transform(string_split(t, ':'), p -> cast(p as double)), (a, b) -> a * 60 + b)
    when regexp_full_match(t, '\d{1,2}:\d{1,2}')
        then list_reduce(list_transform(string_split(t, ':'), p -> cast(p as double)), (a, b) -> a * 60 + b)
    when regexp_full_match(t, '-?\d+(\.\d+)?\s*%') then cast(rtrim(t, '% ') as double) / 100
    when regexp_full_match(t, '-?\d+(\.\d+)?\s*(秒|s)?')
        then list_transform([cast(regexp_extract(t, '^-?\d+(\.\d+)?') as double)], n -> case when form = 'rate' and n > 1 then n / 100 else n end)[1]
    end)[1];
