-- grain: one row per store (every store of a chat, order or roster, and *) per career setting per version, with the
-- days it is in force. The store's own versions beat the default's from its first own version on, as scorecards do.
create or replace macro marts.career_setting_version() as table
with stores as (
    select store_id from core.dim_store
    union
    select store_id from raw.agent_version
    union
    select '*'
),

versions as (
    select distinct 'career_level' as setting, store_id, effective_from from app.career_level
    union all
    select distinct 'promotion_threshold', store_id, effective_from from app.promotion_threshold
    union all
    select distinct 'coefficient_band', store_id, effective_from from app.coefficient_band
    union all
    select distinct 'warning_rule', store_id, effective_from from app.warning_rule
    union all
    select distinct 'kpi_course_category', store_id, effective_from from app.kpi_course_category
),

own_first as (
    select setting, store_id, min(effective_from) as first_from from versions where store_id <> '*' group by all
),

in_force as (
    select s.store_id, v.setting, v.store_id as source_store_id, v.effective_from
    from stores as s
    join versions as v on v.store_id in (s.store_id, '*')
    left join own_first as o on o.setting = v.setting and o.store_id = s.store_id
    where v.store_id = s.store_id or o.first_from is null or v.effective_from < o.first_from
),

final as (
    select *, lead(effective_from) over (partition by store_id, setting order by effective_from) as valid_to
    from in_force
)

select * from final;
