-- The rejects of a CSV file's records DuckDB's reader could not split into the header's columns (too many or too few
-- fields, a value half quoted, a line too long to read), from its rejects table etl_csv_errors (temp, the loader's):
-- one reject per record — a record can break more than one rule, but it is one line read and one line lost.
-- DuckDB numbers its errors by line of the file, title lines it skipped included.
-- A line too long to read (CsvLimits) arrives either as DuckDB's own 'LINE SIZE OVER MAXIMUM' error or, when the
-- loader read a shortened copy, as a marker row "cskpi-line-too-long:BYTES:START" (written by CsvLimits.WithoutLongLines);
-- its value is the line's start, for a person to find it. getvariable('max_line_bytes') is CsvLimits.MaxLineBytes.
insert into etl.rejects
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
        'the line is ' || coalesce(
                nullif(regexp_extract(csv_line, '^\s*"cskpi-line-too-long:(\d+):', 1), ''),
                nullif(regexp_extract(error_message, 'Actual Size:\s*(\d+)', 1), ''),
                'more than ' || getvariable('max_line_bytes'))
            || ' bytes long, more than the ' || getvariable('max_line_bytes') || ' bytes a line may hold, so it was not read; '
            || 'a value this long is not a chat message, an order or a roster row: check that line of the export'
            as too_long_reason
    from csv_errors
)

select
    getvariable('file_id'),
    getvariable('file_name'),
    line,
    case when is_marker then null else column_name end,
    case
        when is_marker then replace(regexp_extract(csv_line, '^\s*"cskpi-line-too-long:\d+:(.*)"', 1), '""', '"') || '…'
        -- a line too long to read keeps its first 200 characters: the value is for a person to find the line
        when error_type = 'LINE SIZE OVER MAXIMUM' and length(csv_line) > 200 then left(csv_line, 200) || '…'
        else csv_line
    end,
    case when is_marker then too_long_reason else case error_type
        when 'TOO MANY COLUMNS' then 'the row has ' || coalesce(nullif(fields.found, ''), 'more') || ' fields but the header has '
            || coalesce(nullif(fields.expected, ''), 'fewer') || '; a comma inside a value needs double quotes around the value'
        when 'MISSING COLUMNS' then 'the row has ' || coalesce(nullif(fields.found, ''), 'fewer') || ' fields but the header has '
            || coalesce(nullif(fields.expected, ''), 'more') || '; an empty value still needs its comma'
        when 'UNQUOTED VALUE' then 'a value mixes quoted and unquoted text; put the double quotes around the whole value'
        when 'LINE SIZE OVER MAXIMUM' then too_long_reason
        else lower(error_type) || ': ' || error_message
    end end
from too_long;
