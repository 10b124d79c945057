-- DuckDB's trim() strips spaces (the ideographic one too) but not tabs or line breaks. Shop exports pad long numbers
-- with a tab so that Excel keeps them as text; an order id with its tab would be another order. The loader trims every
-- staged value (through etl.clean_value) before any rule looks at it.
-- DuckDB's trim with a character set is slow: on a month of chats it took more time than reading the file. Almost no
-- value has white space to trim, so a cheap regular-expression test decides, and only the few values that need it
-- are trimmed.
-- The spaces are every one DuckDB's trim() strips (Unicode's Zs: the ASCII, no-break and ideographic spaces, U+1680,
-- U+2000-U+200A, U+202F, U+205F) plus tabs and line breaks, so a trimmed value is one that trim() leaves as it is and a
-- load script need not trim it again (raw/chat_message.sql relies on it).
create or replace macro etl.trim_text(v) as
    case when regexp_matches(v, '^[\s\p{Zs}]|[\s\p{Zs}]$')
         then trim(v, ' ' || chr(9) || chr(10) || chr(13) || chr(12) || chr(160) || chr(5760) || chr(8192) || chr(8193)
             || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199) || chr(8200) || chr(8201) || chr(8202)
             || chr(8239) || chr(8287) || chr(12288))
         else v end;
