-- The rejects of a CSV file's records DuckDB's reader could not split into the header's columns (too many or too few
-- fields, a value half quoted, a line too long to read), from its rejects table etl_csv_errors (temp, the loader's):
-- one reject per record — a record can break more than one rule, but it is one line read and one line lost.
-- DuckDB numbers its errors by line of the file, title lines it skipped included.
-- A line too long to read (CsvLimits) arrives either as DuckDB's own 'LINE SIZE OVER MAXIMUM' error or, when the
-- loader read a shortened copy, as a marker row "cskpi-line-too-long:BYTES:START" (written by CsvLimits.WithoutLongLines);
-- its value is the line's start, for a person to find it. getvariable('max_line_bytes') is CsvLimits.MaxLineBytes.
insert into etl.rejects (file_id, file_name, line, column_name, value, reason, reason_code, reason_args)
with csv_errors as (
    select
        line,
        nullif(column_name, '') as column_name,
        csv_line,
        error_type,
        error_message,
        -- a file with \r\n line breaks gives csv_line with the previous line's \n first
        regexp_matches(csv_line, '^\s*"cskpi-line-too-long:\d+:') as is_marker,
        -- DuckDB says "Expected Number of Columns: 7 Found: 8"; the reason repeats the two counts.
        regexp_extract(error_message, 'Expected Number of Columns: (\d+) Found: (\d+)', ['expected', 'found']) as fields
    from etl_csv_errors
    qualify row_number() over (partition by line order by byte_position) = 1
),

too_long as (
    select
        *,
        coalesce(
            nullif(regexp_extract(csv_line, '^\s*"cskpi-line-too-long:(\d+):', 1), ''),
            nullif(regexp_extract(error_message, 'Actual Size:\s*(\d+)', 1), ''),
            'more than ' || getvariable('max_line_bytes')) as line_bytes
    from csv_errors
),

coded as (
    select
        line,
        case when is_marker then null else column_name end as column_name,
        case
            when is_marker then replace(regexp_extract(csv_line, '^\s*"cskpi-line-too-long:\d+:(.*)"', 1), '""', '"') || '…'
            -- a line too long to read keeps its first 200 characters: the value is for a person to find the line
            when error_type = 'LINE SIZE OVER MAXIMUM' and length(csv_line) > 200 then left(csv_line, 200) || '…'
            else csv_line
        end as value,
        case
            when is_marker or error_type = 'LINE SIZE OVER MAXIMUM' then 'row.too_long'
            when error_type = 'TOO MANY COLUMNS' then 'row.too_many_fields'
            when error_type = 'MISSING COLUMNS' then 'row.too_few_fields'
            when error_type = 'UNQUOTED VALUE' then 'row.unquoted_value'
            else 'row.unreadable'
        end as code,
        case
            when is_marker or error_type = 'LINE SIZE OVER MAXIMUM' then
                to_json({'bytes': line_bytes, 'max': cast(getvariable('max_line_bytes') as varchar)})::varchar
            when error_type = 'TOO MANY COLUMNS' then
                to_json({'found': coalesce(nullif(fields.found, ''), 'more'), 'expected': coalesce(nullif(fields.expected, ''), 'fewer')})::varchar
            when error_type = 'MISSING COLUMNS' then
                to_json({'found': coalesce(nullif(fields.found, ''), 'fewer'), 'expected': coalesce(nullif(fields.expected, ''), 'more')})::varchar
            when error_type = 'UNQUOTED VALUE' then null
            else to_json({'error': lower(error_type), 'message': error_message})::varchar
        end as args
    from too_long
)

-- The reason's English sentence is the loader's temp macro etl_reason_english (made from CsKpi.Etl.EtlReasons).
select getvariable('file_id'), getvariable('file_name'), line, column_name, value,
       etl_reason_english(code, column_name, value, args), code, args
from coded;
