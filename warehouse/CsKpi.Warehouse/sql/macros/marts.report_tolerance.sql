-- How far CsKpi's own number may be from a CS tool's report (赤兔, 千牛 …) and still agree: the one place the
-- reconciliation's tolerances are defined (marts.report_reconciliation applies them; the page and `cskpi reconcile`
-- show them from here). Per metric format (core.metric.format): a value agrees when
--   |CsKpi − report| <= greatest(relative × |report|, absolute)
-- counts and money: ±2 % or ±1 (a count of 3 against 4 is one buyer, not 25 %); rates: ±2 percentage points
-- (absolute 0.02 of a fraction, no relative part); seconds: ±10 %, at least ±1 s (the tools write whole seconds);
-- other ratios (答问比, 客件数): ±2 %, at least ±0.01 (the tools write two decimals); a time of day (clock, seconds
-- after midnight): ±60 s (the tools write HH:mm; attendance is not reconciled today, the row keeps every format covered).
-- grain: one row per metric format
create or replace macro marts.report_tolerance() as table
select * from (values
    ('count', 0.02, 1.0),
    ('money', 0.02, 1.0),
    ('percent', null, 0.02),
    ('seconds', 0.10, 1.0),
    ('ratio', 0.02, 0.01),
    ('clock', null, 60.0)
) as tolerance(format, relative, absolute);
