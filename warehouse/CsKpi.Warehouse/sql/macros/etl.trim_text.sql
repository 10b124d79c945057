-- DuckDB's trim() strips spaces (the ideographic one too) but not tabs or line breaks. Shop exports pad long numbers
-- with a tab so that Excel keeps them as text; an order id with its tab would be another order. The loader trims every
-- staged value (through etl.clean_value) before any rule looks at it.
-- DuckDB's trim with a character set is slow: on a month of chats it took more time than reading the file. Almost no
-- value has white space to trim, so a cheap regular-expression test decides, and only the few values that need it
-- are trimmed.
create or replace macro etl.trim_text(v) as
    case when regexp_matches(v, '^[\s\x{00A0}\x{3000}]|[\s\x{00A0}\x{3000}]$')
         then trim(v, ' ' || chr(9) || chr(10) || chr(13) || chr(12) || chr(160) || chr(12288))
         else v end;
