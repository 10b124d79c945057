-- The standard value of every metric for every store on a day: the store's own kpi_standard version, else the
-- default's, else the target of the scorecard in force (the store's own, else the default's).
-- grain: one row per store per metric with a standard
create or replace macro marts.kpi_standard_on(on_day) as table
with standards as (
    select s.store_id, k.metric, k.standard_value, k.direction, 'standard' as source, k.effective_from
    from core.dim_store as s, lateral app.kpi_standard_in_force(s.store_id, on_day) as k
),
targets as (
    select s.store_id, i.metric, i.target::double as standard_value, i.direction, 'scorecard' as source, i.effective_from
    from core.dim_store as s, lateral app.scorecard_in_force(s.store_id, on_day) as i
),
final as (
    select * from standards
    union all
    select t.* from targets as t
    anti join standards as s on s.store_id = t.store_id and s.metric = t.metric
)
select * from final;
