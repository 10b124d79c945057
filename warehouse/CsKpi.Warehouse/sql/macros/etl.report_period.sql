-- The period an agent report covers, from its 日期 value or its file name (issue 16): a range such as
-- 2026-03-01至2026-03-07, 2026-03-01 ~ 2026-03-07, 2026/3/1-2026/3/7 or _20260301_20260307, else one day such as
-- 2026-03-05 or 2026年3月5日. A struct {period_from, period_to}; NULL when there is none or it ends before it starts.
create or replace macro etl.report_period(t) as list_transform([
    regexp_extract(t, '(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?\s*(?:至|~|～|到|—|_|-)\s*(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})',
        ['y1', 'm1', 'd1', 'y2', 'm2', 'd2']),
    list_transform([regexp_extract(t, '(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})', ['y', 'm', 'd'])],
        d -> {'y1': d.y, 'm1': d.m, 'd1': d.d, 'y2': d.y, 'm2': d.m, 'd2': d.d})[1]
], r -> {
    'period_from': cast(try_strptime(r.y1 || '-' || r.m1 || '-' || r.d1, '%Y-%m-%d') as date),
    'period_to': cast(try_strptime(r.y2 || '-' || r.m2 || '-' || r.d2, '%Y-%m-%d') as date)
}).list_filter(p -> p.period_from is not null and p.period_to is not null and p.period_from <= p.period_to)[1];
