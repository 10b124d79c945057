-- Two parsers of 0004 accepted values the contract does not, and loaded them as something else; and 0004 had no
-- trim for the white space DuckDB's trim() leaves. 0004 shipped, so its macros are replaced here, not edited there.

-- Yuan: a leading ¥ (or the full-width ￥ of GBK exports) and thousands separators are accepted; more than two
-- decimals is not money. A comma must separate groups of three digits: stripping every comma read '1,5'
-- (a decimal comma, or a typo) as 15 yuan.
create or replace macro etl.money_text(v) as regexp_replace(trim(v), '^[¥￥]\s*', '');
create or replace macro etl.parse_money(v) as
    case when regexp_full_match(etl.money_text(v), '-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?')
         then cast(replace(etl.money_text(v), ',', '') as decimal(18,2)) end;

-- ISO 8601 with 'T' or a space, optional fraction, or yyyy/M/d H:mm:ss; local time of the store.
-- With an offset (+08:00, Z) the instant is converted to the store's time zone. No offset exceeds 14 hours:
-- DuckDB's cast takes '+25:00' too, which would move the time by a day instead of rejecting a garbled value.
create or replace macro etl.parse_timestamp(v, time_zone) as coalesce(
    try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f',
                           '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M']),
    case when regexp_matches(trim(v), '(Z|[+-](0\d|1[0-4]):?[0-5]\d)$') then timezone(time_zone, try_cast(trim(v) as timestamptz)) end);

-- DuckDB's trim() strips spaces (the ideographic one too) but not tabs or line breaks. Shop exports pad long numbers
-- with a tab so that Excel keeps them as text; an order id with its tab would be another order. The loader trims every
-- staged value with this before any rule looks at it.
create or replace macro etl.trim_text(v) as trim(v, ' ' || chr(9) || chr(10) || chr(13) || chr(160) || chr(12288));
