-- Rows labelled 汇总, 合计, 均值… (etl.summary_label) are totals a person added under the data: they go to the rejects
-- with a reason that says so (every row stays accounted for, read = loaded + duplicates + rejected) and leave the
-- stage (the loader's temp table), so they never reach a load script. The reason's English sentence is the loader's
-- temp macro etl_reason_english (made from CsKpi.Etl.EtlReasons, the one table of reasons).
insert into etl.rejects (file_id, file_name, line, column_name, value, reason, reason_code, reason_args)
select getvariable('file_id'), getvariable('file_name'), line, null, summary_label,
       etl_reason_english('row.summary', null, summary_label, null), 'row.summary', null
from stage
where summary_label is not null;

delete from stage where summary_label is not null;
