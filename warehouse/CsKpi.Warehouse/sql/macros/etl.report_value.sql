-- A value of an agent report (issue 16) as a number, by the form its layout gives the column (ExportLayout.Metrics):
--   rate      85.3%, 0.853 or 85.3 — all 0.853: a rate above 1 without % is a percentage (赤兔 writes 85.3)
--   seconds   35, 35秒, 0:00:35 (h:mm:ss), 00:35 (mm:ss) or 8小时35分10秒 — a duration in seconds; an Excel duration
--             cell comes out of the workbook as a moment after Excel's day zero (1899-12-30 08:35:10), read as such
--   clock     a time of day, 8:35 (h:mm), 08:35:10, or the time of a moment (2026-03-01 08:35:10, as an Excel time
--             cell comes out) — seconds after midnight, so 8:35 is 30900 where the seconds form reads it as 515;
--             a plain number is seconds after midnight, below 1 a fraction of a day (how Excel stores a time)
--   number    1,234 or 12.5; a % still divides by 100
-- Empty (and -, --, which etl.clean_value made empty) is NULL, never 0; text that is none of these is NULL too, and
-- the load script rejects the row for it. The value is bound once through a lambda (see etl.clean_value).
create or replace macro etl.report_value(v, form) as list_transform([replace(etl.blank(v), ',', '')], t -> case
    when t is null then null
    when form = 'clock' then case
        when regexp_full_match(t, '(\d{4}[-/]\d{1,2}[-/]\d{1,2}[ T])?\d{1,2}:[0-5]\d(:[0-5]\d)?') then list_transform(
                [regexp_extract(t, '(\d{1,2}):(\d{2})(?::(\d{2}))?$', ['h', 'm', 's'])],
                c -> cast(c.h as double) * 3600 + cast(c.m as double) * 60 + coalesce(cast(nullif(c.s, '') as double), 0))[1]
        when regexp_full_match(t, '\d+(\.\d+)?') then list_transform([cast(t as double)],
                n -> case when n < 1 then round(n * 86400) when n < 86400 then n end)[1]
        end
    when form = 'seconds' and regexp_full_match(t, '(1899-12-3[01]|1900-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}')
        then epoch(cast(t as timestamp) - timestamp '1899-12-30 00:00:00')
    when form = 'seconds' and regexp_full_match(t, '((\d+)\s*(小时|时))?\s*((\d+)\s*(分钟|分))?\s*((\d+)\s*秒)?') and t <> ''
        then list_transform([regexp_extract(t, '^(?:(\d+)\s*(?:小时|时))?\s*(?:(\d+)\s*(?:分钟|分))?\s*(?:(\d+)\s*秒)?$', ['h', 'm', 's'])],
                c -> coalesce(cast(nullif(c.h, '') as double), 0) * 3600 + coalesce(cast(nullif(c.m, '') as double), 0) * 60
                     + coalesce(cast(nullif(c.s, '') as double), 0))[1]
    when regexp_full_match(t, '\d{1,3}:\d{1,2}:\d{1,2}')
        then list_reduce(list_transform(string_split(t, ':'), p -> cast(p as double)), (a, b) -> a * 60 + b)
    when regexp_full_match(t, '\d{1,2}:\d{1,2}')
        then list_reduce(list_transform(string_split(t, ':'), p -> cast(p as double)), (a, b) -> a * 60 + b)
    when regexp_full_match(t, '-?\d+(\.\d+)?\s*%') then cast(rtrim(t, '% ') as double) / 100
    when regexp_full_match(t, '-?\d+(\.\d+)?\s*(秒|s)?')
        then list_transform([cast(regexp_extract(t, '^-?\d+(\.\d+)?') as double)], n -> case when form = 'rate' and n > 1 then n / 100 else n end)[1]
    end)[1];
