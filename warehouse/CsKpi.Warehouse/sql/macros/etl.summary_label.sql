-- The label of a totals row, from the row's first value as read (the loader passes the first non-empty one):
-- 合计, 总计：25, 汇总(3月), 均值… or NULL for a record. Its first two characters decide before any pattern runs,
-- as it is asked of every row of every file.
-- list_contains, not IN: DuckDB plans an IN list of six values as a join against them, and a join lets a parallel
-- read come out of the file's order, where the loader numbers a chat file's lines by the order of its typed copy
-- (raw/chat_message.sql, "line"); a scalar test keeps the scan's order.
create or replace macro etl.summary_label(v) as
    case when list_contains(['汇总', '合计', '总计', '小计', '均值', '平均'], left(v, 2))
              and regexp_full_match(trim(v), '(汇总|合计|总计|小计|均值|平均值?)\s*([:：(（].*)?')
         then trim(v) end;
