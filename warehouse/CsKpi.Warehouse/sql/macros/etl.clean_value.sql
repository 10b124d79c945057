-- Every staged value of every kind and format passes through this in the loader, so the load scripts and every
-- layout's mapping see the plain value: white space trimmed (etl.trim_text), then the office forms of
-- etl.office_value. Like etl.trim_text, a cheap test first: almost no value starts or ends with a character that any
-- form needs, and those few take the slow path.
-- The trimmed value is bound once through a lambda: written as etl.office_value(etl.trim_text(v)), the macros expand
-- into a tree with eight copies of the trim, and staging a million chat rows took 1.5× as long even though no value
-- took that branch; bound once, it costs what etl.trim_text costs.
-- Its value has no space at either end that DuckDB's trim() would strip (etl.trim_text's spaces are all of those), so
-- a load script tests it for empty with nullif(v, '') rather than etl.blank, which trims again: in a chat file's typed
-- copy the second trim of five columns cost about as much as all of etl.clean_value.
create or replace macro etl.clean_value(v) as
    case when regexp_matches(v, '^[\s\p{Zs}=''\-－—¥￥\x{FF10}-\x{FF19}]|[\s\p{Zs}元"\x{FF10}-\x{FF19}]$')
         then list_transform([etl.trim_text(v)], t -> etl.office_value(t))[1]
         else v end;
