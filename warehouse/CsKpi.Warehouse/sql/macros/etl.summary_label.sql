-- The label of a totals row, from the row's first value as read (the loader passes the first non-empty one):
-- 合计, 总计：25, 汇总(3月), 均值… or NULL for a record. Its first two characters decide before any pattern runs,
-- as it is asked of every row of every file.
create or replace macro etl.summary_label(v) as
    case when left(v, 2) in ('汇总', '合计', '总计', '小计', '均值', '平均')
              and regexp_full_match(trim(v), '(汇总|合计|总计|小计|均值|平均值?)\s*([:：(（].*)?')
         then trim(v) end;
