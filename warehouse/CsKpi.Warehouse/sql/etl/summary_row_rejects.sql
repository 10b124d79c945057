-- Rows labelled 汇总, 合计, 均值… (etl.summary_label) are totals a person added under the data: they go to the rejects
-- with a reason that says so (every row stays accounted for, read = loaded + duplicates + rejected) and leave the
-- stage (the loader's temp table), so they never reach a load script.
insert into etl.rejects
select getvariable('file_id'), getvariable('file_name'), line, null, summary_label,
       'a summary row (' || summary_label || '), not a record: CsKpi adds up the rows itself, so totals, subtotals and averages under the data are left out'
from stage
where summary_label is not null;

delete from stage where summary_label is not null;
