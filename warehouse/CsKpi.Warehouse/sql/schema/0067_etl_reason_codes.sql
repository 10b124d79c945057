-- Issue 18: the site shows why the ETL rejected a row or a file, and what it noted of a loaded file, in the viewer's
-- language. The loader stores each reason as a stable code with its values (the column, the value found, the line,
-- the limit…) beside the English sentence cskpi prints, which is made from the same code (CsKpi.Etl.EtlReasons).
-- Rows written before this migration have no code: the site shows their stored sentence.

alter table etl.rejects add column reason_code varchar;
alter table etl.rejects add column reason_args varchar;
comment on column etl.rejects.reason_code is '原因代码 — the reason as a code (chats.sender.invalid, timestamp.empty, row.summary…), worded by the site; null before migration 0067';
comment on column etl.rejects.reason_args is '原因参数 — JSON of the reason''s values beyond the column and value (the amount paid, the level''s range, the field counts)';

alter table etl.file_ledger add column reason_code varchar;
alter table etl.file_ledger add column reason_args varchar;
alter table etl.file_ledger add column note_codes varchar;
comment on column etl.file_ledger.reason_code is '原因代码 — why the file was rejected or skipped, as a code (file.columns_missing, file.empty…), worded by the site';
comment on column etl.file_ledger.reason_args is '原因参数 — JSON of the reason''s values (the columns missing, the header, the line, the limit)';
comment on column etl.file_ledger.note_codes is '说明代码 — the notes of a loaded file as a JSON array of {code, args}, worded by the site';
