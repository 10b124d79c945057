-- Yuan: a leading ¥ (or the full-width ￥ of GBK exports) and thousands separators are accepted; more than two
-- decimals is not money (NULL). A comma must separate groups of three digits: stripping every comma read '1,5'
-- (a decimal comma, or a typo) as 15 yuan.
create or replace macro etl.parse_money(v) as
    case when regexp_full_match(etl.money_text(v), '-?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?')
         then cast(replace(etl.money_text(v), ',', '') as decimal(18,2)) end;
