-- grain: one row per store per level per ladder version, with the days it is in force
create or replace macro marts.career_level_version() as table
select v.store_id, v.effective_from as valid_from, v.valid_to, l.* exclude (store_id, effective_from, changed_by, changed_at)
from marts.career_setting_version() as v
join app.career_level as l on l.store_id = v.source_store_id and l.effective_from = v.effective_from
where v.setting = 'career_level';
