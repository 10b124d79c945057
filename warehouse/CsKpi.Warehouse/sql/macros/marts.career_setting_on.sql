-- grain: one row per store per setting: the version in force on a day
create or replace macro marts.career_setting_on(setting_name, day) as table
select store_id, source_store_id, effective_from
from marts.career_setting_version()
where setting = setting_name and effective_from <= day::date and (valid_to is null or valid_to > day::date);
