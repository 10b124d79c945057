-- A number as people write it in a rule: 85, 0.05, −0.1; not 85.0 or 0.050.
create or replace macro app.plain_number(x) as regexp_replace(regexp_replace(x::varchar, '(\.\d*[1-9])0+$', '\1'), '\.0+$', '');
