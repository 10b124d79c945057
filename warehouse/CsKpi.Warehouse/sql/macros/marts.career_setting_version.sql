-- grain: one row per store (every store of a chat, order or roster, and *) per career setting per version, with the
-- days it is in force (valid_to exclusive, null = still in force). The store's own versions beat the default's
-- from its first own version on, as scorecards do: marts.career_versions_in_force, by app.version_in_force's rule.
create or replace macro marts.career_setting_version() as table
with in_force as (
    select *, 'career_level' as setting from marts.career_versions_in_force('app.career_level')
    union all
    select *, 'promotion_threshold' from marts.career_versions_in_force('app.promotion_threshold')
    union all
    select *, 'coefficient_band' from marts.career_versions_in_force('app.coefficient_band')
    union all
    select *, 'warning_rule' from marts.career_versions_in_force('app.warning_rule')
    union all
    select *, 'kpi_course_category' from marts.career_versions_in_force('app.kpi_course_category')
),

final as (
    select store_id, setting, source_store_id, effective_from,
           lead(effective_from) over (partition by store_id, setting order by effective_from) as valid_to
    from in_force
)

select * from final;
