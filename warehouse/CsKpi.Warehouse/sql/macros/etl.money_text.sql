-- Yuan as written, without a leading ¥ (or the full-width ￥ of GBK exports): what etl.parse_money reads.
create or replace macro etl.money_text(v) as regexp_replace(trim(v), '^[¥￥]\s*', '');
