-- A timestamp of the contract (data-contract.md, "Types"), in the store's local time; NULL when it cannot be read,
-- which the load scripts turn into a reject with a reason. ISO 8601 with 'T' or a space, optional fraction;
-- yyyy/M/d H:mm[:ss]; and a date alone (yyyy/M/d, yyyy-MM-dd), the start of that day: what Excel writes when a column
-- is formatted as a date. With an offset (+08:00, Z) the instant is converted to the store's time zone. No offset
-- exceeds 14 hours: DuckDB's cast takes '+25:00' too, which would move the time by a day instead of rejecting a
-- garbled value.
create or replace macro etl.parse_timestamp(v, time_zone) as coalesce(
    try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f',
                           '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']),
    case when regexp_matches(trim(v), '(Z|[+-](0\d|1[0-4]):?[0-5]\d)$') then timezone(time_zone, try_cast(trim(v) as timestamptz)) end);
