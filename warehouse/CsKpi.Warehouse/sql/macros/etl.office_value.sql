-- A value as offices and shop back-ends write it (issue 14), made plain; the value is already trimmed. Each form is
-- one an export or a re-save in Excel/WPS really writes:
--   ="35153131473293579"   Taobao's order numbers, so Excel keeps all digits (the same order in a later export must match)
--   '13912345678           a leading apostrophe before an id, for the same reason
--   12.50元, ￥１２.５０       a unit after an amount; full-width yuan sign and digits of GBK exports
--   -, --, —                "no value" in Douyin and Pinduoduo exports (a lone tab is white space, trimmed anyway)
-- Whole-value patterns only: a chat message that merely contains 元 or a full-width digit is text and stays as it is.
create or replace macro etl.office_value(t) as case
    when t in ('-', '--', '—', '——', '－') then ''
    when regexp_full_match(t, '=\s*"(.*)"') then etl.trim_text(regexp_extract(t, '^=\s*"(.*)"$', 1))
    when regexp_full_match(t, '''[0-9A-Za-z][0-9A-Za-z_\-]*') then substr(t, 2)
    when regexp_full_match(t, '[¥￥]?\s*[-－]?[0-9\x{FF10}-\x{FF19}][0-9\x{FF10}-\x{FF19},，.．]*\s*元?')
        then regexp_replace(translate(t, '０１２３４５６７８９．，－￥', '0123456789.,-¥'), '\s*元$', '')
    else t end;
