-- every table has one row per key of its grain
select 'core.dim_date' as table_name, business_day::varchar as key, count(*) as rows from core.dim_date group by all having count(*) > 1
union all select 'core.dim_store', store_id, count(*) from core.dim_store group by all having count(*) > 1
union all select 'core.dim_agent', agent_key::varchar, count(*) from core.dim_agent group by all having count(*) > 1
union all select 'core.dim_course', course_id, count(*) from core.dim_course group by all having count(*) > 1
union all select 'core.store_day_setting', store_id || ' ' || business_day, count(*) from core.store_day_setting group by all having count(*) > 1
union all select 'core.fct_order', store_id || ' ' || order_id, count(*) from core.fct_order group by all having count(*) > 1
union all select 'core.fct_order_credit', store_id || ' ' || order_id || ' ' || rule, count(*) from core.fct_order_credit group by all having count(*) > 1
union all select 'core.fct_reception', store_id || ' ' || agent_id || ' ' || buyer_id || ' ' || business_day, count(*)
    from core.fct_reception group by all having count(*) > 1
union all select 'core.fct_question', store_id || ' ' || agent_id || ' ' || buyer_id || ' ' || business_day || ' ' || question_no, count(*)
    from core.fct_question group by all having count(*) > 1
union all select 'marts.kpi_agent_daily', store_id || ' ' || agent_id || ' ' || business_day, count(*) from marts.kpi_agent_daily group by all having count(*) > 1
union all select 'marts.kpi_team_daily', store_id || ' ' || team || ' ' || business_day, count(*) from marts.kpi_team_daily group by all having count(*) > 1
union all select 'marts.kpi_store_daily', store_id || ' ' || business_day, count(*) from marts.kpi_store_daily group by all having count(*) > 1;
