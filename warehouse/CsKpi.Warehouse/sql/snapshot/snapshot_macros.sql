-- The macros the analyst snapshot carries: the table and scalar macros of the schemas it copies ($schemas: core and
-- marts), as written, except those that read settings, users or the ETL's tables (app.*): the snapshot has none of
-- them, so such a macro could not run there. A macro calling one left out fails to be created and is reported.
-- grain: one row per macro
select schema_name, function_name, function_type, array_to_string(parameters, ', '), macro_definition
from duckdb_functions()
where database_name = current_database() and schema_name in $schemas
  and function_type in ('macro', 'table_macro') and macro_definition not ilike '%app.%'
order by function_name;
