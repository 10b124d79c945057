-- Diagnostics (对症下药): every KPI of every agent and team over [date_from, date_to] that has a standard, compared
-- with it (sums against the standard scaled by the period's days / 30, as scorecards scale targets), with the
-- causes and remedies in `in_language` and the courses of the KPI → course mapping in force on date_to.
-- only_agent (optional) diagnoses that agent alone: no other agent's metrics and no team's are computed.
-- grain: one row per subject (agent or team) per metric with a standard
create or replace macro marts.kpi_diagnosis(date_from, date_to, in_language, only_agent := null) as table
with agent_values as (
    select 'agent' as scope, store_id, team, agent_id, agent_name, metric, value, is_sum, period_start, period_end
    from marts.agent_metric('range', date_from, date_to, only_agent := only_agent)
),
team_periods as (
    select store_id, team, period_start, period_end,
           columns(* exclude (store_id, team, period, period_start, period_end, active_days, max_agents,
                              next_day_provisional, final_provisional))::double
    from marts.kpi_team_period('range', date_from, date_to)
    where only_agent is null
),
team_values as (
    select 'team' as scope, t.store_id, t.team, null::varchar as agent_id, null::varchar as agent_name, t.metric, t.value,
           a.is_sum, t.period_start, t.period_end
    from (
        unpivot team_periods on columns(* exclude (store_id, team, period_start, period_end)) into name metric value value
    ) as t
    -- which metrics are sums is said once, by agent_metric
    join (select distinct metric, is_sum from agent_values) as a using (metric)
),
subject_values as (
    select * from agent_values
    union all
    select * from team_values
),
standards as (
    select * from marts.kpi_standard_on(date_to)
),
compared as (
    select
        v.*, s.direction, s.source as standard_source,
        case when v.is_sum then s.standard_value * (v.period_end - v.period_start + 1) / 30.0 else s.standard_value end
            as standard_value
    from subject_values as v
    join standards as s on s.store_id = v.store_id and s.metric = v.metric
),
courses as (
    select s.store_id, m.metric,
           list({'course_id': c.course_id, 'title': c.title, 'category': c.category, 'hours': c.hours::double}
                order by m.category, c.course_id) as courses
    from core.dim_store as s, lateral app.kpi_course_category_in_force(s.store_id, date_to) as m
    join core.dim_course as c on c.category = m.category
    group by s.store_id, m.metric
),
final as (
    select
        c.scope, c.store_id, c.team, c.agent_id, c.agent_name, c.period_start, c.period_end, c.metric, c.value,
        c.standard_value, c.direction, c.standard_source,
        case when c.direction = 'higher' then c.value < c.standard_value else c.value > c.standard_value end
            as is_below_standard,
        r.causes, r.remedies, coalesce(k.courses, []) as courses
    from compared as c
    left join app.kpi_remedy as r on r.metric = c.metric and r.language = in_language
    left join courses as k on k.store_id = c.store_id and k.metric = c.metric
)
select * from final;
