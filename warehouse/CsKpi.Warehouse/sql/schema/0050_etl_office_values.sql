-- Values as offices and shop back-ends write them (issue 14), cleaned in one place: the loader passes every staged
-- value of every kind and format through etl.clean_value, so the load scripts and every layout's mapping see the
-- plain value. Each form below is one an export or a re-save in Excel/WPS really writes:
--   ="35153131473293579"   Taobao's order numbers, so Excel keeps all digits (the same order in a later export must match)
--   '13912345678, <tab>351… a leading apostrophe or tab before an id, for the same reason
--   12.50元, ￥１２.５０       a unit after an amount; full-width yuan sign and digits of GBK exports
--   -, --, —                "no value" in Douyin and Pinduoduo exports (a lone tab is white space, trimmed anyway)
-- Rows labelled 汇总 / 合计 / 均值 (etl.summary_label) are totals a person added under the data, not records.

-- The forms above, on a value already trimmed. Whole-value patterns only: a chat message that merely contains
-- 元 or a full-width digit is text and stays as it is.
create or replace macro etl.office_value(t) as case
    when t in ('-', '--', '—', '——', '－') then ''
    when regexp_full_match(t, '=\s*"(.*)"') then etl.trim_text(regexp_extract(t, '^=\s*"(.*)"$', 1))
    when regexp_full_match(t, '''[0-9A-Za-z][0-9A-Za-z_\-]*') then substr(t, 2)
    when regexp_full_match(t, '[¥￥]?\s*[-－]?[0-9\x{FF10}-\x{FF19}][0-9\x{FF10}-\x{FF19},，.．]*\s*元?')
        then regexp_replace(translate(t, '０１２３４５６７８９．，－￥', '0123456789.,-¥'), '\s*元$', '')
    else t end;

-- Like etl.trim_text (0006), a cheap test first: almost no value starts or ends with a character that any form above
-- needs, and those few take the slow path. Replaces etl.trim_text in the loader, white space included.
-- The trimmed value is bound once through a lambda: written as etl.office_value(etl.trim_text(v)), the macros expand
-- into a tree with eight copies of the trim, and staging a million chat rows took 1.5× as long even though no value
-- took that branch; bound once, it costs what etl.trim_text costs.
create or replace macro etl.clean_value(v) as
    case when regexp_matches(v, '^[\s\x{00A0}\x{3000}=''\-－—¥￥\x{FF10}-\x{FF19}]|[\s\x{00A0}\x{3000}元"\x{FF10}-\x{FF19}]$')
         then list_transform([etl.trim_text(v)], t -> etl.office_value(t))[1]
         else v end;

-- The label of a totals row, from the row's first value as read (the loader passes the first non-empty one):
-- 合计, 总计：25, 汇总(3月), 均值… or NULL for a record. Its first two characters decide before any pattern runs,
-- as it is asked of every row of every file.
create or replace macro etl.summary_label(v) as
    case when left(v, 2) in ('汇总', '合计', '总计', '小计', '均值', '平均')
              and regexp_full_match(trim(v), '(汇总|合计|总计|小计|均值|平均值?)\s*([:：(（].*)?')
         then trim(v) end;

-- Timestamps as 0005, plus a date alone (yyyy/M/d, yyyy-MM-dd), the start of that day: what Excel writes when a
-- column is formatted as a date. yyyy/M/d H:mm without seconds was accepted already.
create or replace macro etl.parse_timestamp(v, time_zone) as coalesce(
    try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f',
                           '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']),
    case when regexp_matches(trim(v), '(Z|[+-](0\d|1[0-4]):?[0-5]\d)$') then timezone(time_zone, try_cast(trim(v) as timestamptz)) end);

-- Dates as 0004, plus 2025年6月1日 and a date with a midnight time (2025-06-01 00:00:00), which HR systems write.
-- Another time of day in a date column is not a date: it is rejected, not cut.
create or replace macro etl.date_at_midnight(ts) as case when cast(ts as time) = time '00:00:00' then cast(ts as date) end;
create or replace macro etl.parse_date(v) as coalesce(
    cast(try_strptime(trim(v), ['%Y-%m-%d', '%Y/%m/%d', '%Y年%m月%d日']) as date),
    etl.date_at_midnight(try_strptime(trim(v), ['%Y-%m-%d %H:%M:%S', '%Y/%m/%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M'])));
