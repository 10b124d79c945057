-- The staged rows of a CSV file moved to their real line numbers once DuckDB's reader has rejected some records
-- (etl_csv_errors, the loader's temp table): good row n of the stage is record n + (rejected records before it), and
-- line = record + the header's line (getvariable('header_line'), title lines above it included). DuckDB numbers its
-- errors by record too, so a quoted newline before them shifts nothing.
update stage set line = stage.line + shift.before
from (
    select s.line, count(*) as before
    from stage as s
    join (
        select line - getvariable('header_line') - row_number() over (order by line) as good_before
        from (select distinct line from etl_csv_errors)
    ) as e
        on e.good_before < s.line - getvariable('header_line')
    group by s.line
) as shift
where stage.line = shift.line;
