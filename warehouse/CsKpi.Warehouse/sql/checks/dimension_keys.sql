-- every dimension, store-day setting and monthly scorecard has one row per key of its grain
-- (small tables, rebuilt whole or by month: checked whole after every recompute; the facts and daily marts are in unique_keys.sql)
select 'core.dim_date' as table_name, business_day::varchar as key, n from (select business_day, count(*) as n from core.dim_date group by all having n > 1)
union all select 'core.dim_store', store_id, n from (select store_id, count(*) as n from core.dim_store group by all having n > 1)
union all select 'core.dim_agent', agent_key::varchar, n from (select agent_key, count(*) as n from core.dim_agent group by all having n > 1)
union all select 'core.dim_course', course_id, n from (select course_id, count(*) as n from core.dim_course group by all having n > 1)
union all select 'core.store_day_setting', concat_ws(' ', store_id, business_day), n
    from (select store_id, business_day, count(*) as n from core.store_day_setting group by all having n > 1)
union all select 'marts.scorecard_monthly', concat_ws(' ', store_id, agent_id, month), n
    from (select store_id, agent_id, month, count(*) as n from marts.scorecard_monthly group by all having n > 1);
