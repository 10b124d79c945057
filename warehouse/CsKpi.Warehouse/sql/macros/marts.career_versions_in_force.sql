-- The versions of one career settings table (version_table: 'app.career_level', …) that are in force on some day for
-- every store of a chat, order or roster, and for * (what a store without its own gets), by app.version_in_force's
-- rule. The answer can change only on a day some version begins, so those are the days asked.
-- grain: one row per store per version in force on some day
create or replace macro marts.career_versions_in_force(version_table) as table
with stores as (
    select store_id from core.dim_store
    union
    select store_id from raw.agent_version
    union
    select '*'
),

days as (
    select distinct effective_from as day from query_table(version_table)
)

select distinct s.store_id, v.store_id as source_store_id, v.effective_from
from stores as s
cross join days as d, lateral app.version_in_force(version_table, s.store_id, d.day) as v;
