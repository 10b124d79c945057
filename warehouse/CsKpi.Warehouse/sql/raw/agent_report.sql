-- grain: one row per agent, period and metric of an agent report (raw.agent_report)
-- Loads the staged rows of one agent report (issue 16). Variables: file_id, file_name. The stage has the contract's
-- columns (store_id, agent_nick, team, report_day) and one "form:metric" column per metric (LayoutStaging), which
-- are unpivoted here. Defines `typed` (every staged row, with its first `failure`) and `fresh` (the rows that added
-- a figure); the loader files the failures and counts both, as for every kind.

create or replace temp table report_cell as
with cells as (
    -- Empty figures are staged as '', so every metric of every row is here (LayoutStaging).
    unpivot (select * exclude (summary_label, store_id, agent_nick, team, report_day) from stage)
    on columns(* exclude (line))
    into name metric_column value raw_value
)

select
    line,
    split_part(metric_column, ':', 1) as form,
    substr(metric_column, strpos(metric_column, ':') + 1) as metric,
    raw_value,
    etl.report_value(raw_value, split_part(metric_column, ':', 1)) as value
from cells;

create or replace temp table typed as
with parsed as (
    select
        line,
        etl.blank(store_id) as store_id,
        etl.blank(agent_nick) as agent_nick,
        etl.blank(team) as team,
        etl.blank(report_day) as day_text,
        -- The row's 日期, else the file name's period (…2026-03-01至2026-03-07…, …_20260301_20260307.xlsx).
        coalesce(etl.report_period(etl.blank(report_day)),
                 case when etl.blank(report_day) is null then etl.report_period(regexp_extract(getvariable('file_name'), '[^/\\]*$')) end) as period
    from stage
),

bad_cell as (
    select line, arg_min({'column_name': metric, 'value': raw_value}, metric) as cell
    from report_cell
    where etl.blank(raw_value) is not null and value is null
    group by line
),

checked as (
    select
        p.line, p.store_id, p.agent_nick, p.team, p.period.period_from as period_from, p.period.period_to as period_to,
        case
            when p.store_id is null then {'column_name': 'store_id', 'value': '', 'code': 'agent_report.store_id.empty', 'args': null}
            when p.agent_nick is null then {'column_name': 'agent_nick', 'value': '', 'code': 'agent_report.agent_nick.empty', 'args': null}
            when p.day_text is not null and p.period is null then {'column_name': 'report_day', 'value': p.day_text, 'code': 'agent_report.report_day.invalid', 'args': null}
            when p.period is null then {'column_name': 'report_day', 'value': '', 'code': 'agent_report.report_day.unknown', 'args': null}
            when b.cell is not null then {'column_name': b.cell.column_name, 'value': b.cell.value, 'code': 'agent_report.metric.invalid', 'args': null}
        end as failure
    from parsed as p
    left join bad_cell as b on b.line = p.line
)

select * from checked;

create or replace temp table report_fresh as
with valid as (
    select
        md5(concat_ws(chr(31), t.store_id, t.agent_nick, t.period_from::varchar, t.period_to::varchar, c.metric, coalesce(c.value::varchar, ''))) as report_key,
        t.store_id, t.agent_nick, t.team, t.period_from, t.period_to, c.metric, c.value, t.line
    from typed as t
    join report_cell as c on c.line = t.line
    where t.failure is null
),

first_in_file as (
    select * from valid
    qualify row_number() over (partition by report_key order by line) = 1
)

select f.*
from first_in_file as f
anti join raw.agent_report as r on r.report_key = f.report_key;

-- A row counts as loaded when it added at least one figure; a row all of whose figures were there is a duplicate.
create or replace temp table fresh as
select * from typed where line in (select line from report_fresh);

insert into raw.agent_report
select report_key, store_id, agent_nick, team, period_from, period_to, metric, value,
       getvariable('file_id'), line, getvariable('file_id') * 1000000000 + line
from report_fresh;

-- every day of each new row's period, as the other raw models mark theirs: the incremental recompute rebuilds them,
-- and core.dim_store knows a store that has only reports
insert or ignore into etl.touched_days
select distinct getvariable('file_id'), store_id, cast(unnest(range(period_from, period_to + 1, interval 1 day)) as date)
from report_fresh;

drop table report_cell;
drop table report_fresh;
