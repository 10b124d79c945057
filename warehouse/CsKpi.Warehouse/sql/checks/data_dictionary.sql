-- every table and column of core, marts and app carries its comment (the data dictionary)
select schema_name || '.' || table_name as table_name, null as column_name
from duckdb_tables()
where database_name = current_database() and schema_name in ('core', 'marts', 'app') and coalesce(comment, '') = ''
union all
select schema_name || '.' || table_name, column_name
from duckdb_columns()
where database_name = current_database() and schema_name in ('core', 'marts', 'app') and coalesce(comment, '') = ''
  and not internal;
