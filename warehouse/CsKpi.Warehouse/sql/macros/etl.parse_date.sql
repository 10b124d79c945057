-- A date of the contract: yyyy-MM-dd, yyyy/M/d, 2025年6月1日, or a date with a midnight time (2025-06-01 00:00:00),
-- which HR systems write. Another time of day in a date column is not a date: it is rejected (NULL), not cut.
create or replace macro etl.parse_date(v) as coalesce(
    cast(try_strptime(trim(v), ['%Y-%m-%d', '%Y/%m/%d', '%Y年%m月%d日']) as date),
    etl.date_at_midnight(try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M'])));
