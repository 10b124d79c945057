-- every fact and daily mart has one row per key of its grain (the dimensions and scorecards: dimension_keys.sql)
-- (keys are grouped as columns and only the duplicates are spelled out: concatenating millions of keys costs seconds)
select 'core.fct_order' as table_name, concat_ws(' ', store_id, order_id) as key, n
    from (select store_id, order_id, count(*) as n from core.fct_order group by all having n > 1)
union all select 'core.fct_order_credit', concat_ws(' ', store_id, order_id, rule), n
    from (select store_id, order_id, rule, count(*) as n from core.fct_order_credit group by all having n > 1)
union all select 'core.fct_reception', concat_ws(' ', store_id, agent_id, buyer_id, business_day), n
    from (select store_id, agent_id, buyer_id, business_day, count(*) as n from core.fct_reception group by all having n > 1)
-- two consultations sharing a consultation_key (a 64-bit hash collision) would be merged: never silently
union all select 'core.fct_reception (consultation_key)', consultation_key::varchar, n
    from (select consultation_key, count(*) as n from core.fct_reception group by all having n > 1)
union all select 'core.fct_question', concat_ws(' ', consultation_key, question_no), n
    from (select consultation_key, question_no, count(*) as n from core.fct_question group by all having n > 1)
union all select 'core.fct_agent_message', message_key, n
    from (select message_key, count(*) as n from core.fct_agent_message group by all having n > 1)
union all select 'marts.kpi_agent_daily', concat_ws(' ', store_id, agent_id, business_day), n
    from (select store_id, agent_id, business_day, count(*) as n from marts.kpi_agent_daily group by all having n > 1)
union all select 'marts.kpi_team_daily', concat_ws(' ', store_id, team, business_day), n
    from (select store_id, team, business_day, count(*) as n from marts.kpi_team_daily group by all having n > 1)
union all select 'marts.kpi_store_daily', concat_ws(' ', store_id, business_day), n
    from (select store_id, business_day, count(*) as n from marts.kpi_store_daily group by all having n > 1);
