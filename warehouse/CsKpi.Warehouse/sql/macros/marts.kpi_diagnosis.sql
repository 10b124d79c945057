-- Diagnostics (对症下药): every KPI of every agent and team over [date_from, date_to] that has a standard, compared
-- with it (sums against the standard scaled by the period's days / 30, as scorecards scale targets), with the
-- causes and remedies in `in_language` and the courses of the KPI → course mapping in force on date_to.
-- only_agent (optional) diagnoses that agent alone: no other agent's metrics and no team's are computed.
-- An agent is held to the standards of their own role (marts.kpi_standard_on): the store's own standards, else the
-- targets of their role's card; a role without a card borrows no other role's (role_has_card false), so only the
-- store's own standards apply. A team is held to the presale card.
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
cards as (
    select distinct s.store_id, i.role
    from core.dim_store as s, lateral app.scorecards_in_force(s.store_id, date_to) as i
),
agent_roles as (
    -- the agent's role on the period's last day, as the scorecards take it (presale when the roster does not know them
    -- yet); an agent of both roles without a card of its own sells, so is held to the presale card
    select r.store_id, r.agent_id, r.role,
           case when r.role = 'both' and c.role is null then 'presale' else r.role end as card_role
    from (
        select v.store_id, v.agent_id, coalesce(a.role, 'presale') as role
        from (select distinct store_id, agent_id, period_end from agent_values) as v
        asof left join core.dim_agent as a on a.agent_id = v.agent_id and a.valid_from <= v.period_end
    ) as r
    left join cards as c on c.store_id = r.store_id and c.role = r.role
),
subject_values as (
    select v.*, r.role, r.card_role, c.role is not null as role_has_card
    from agent_values as v
    join agent_roles as r using (store_id, agent_id)
    left join cards as c on c.store_id = r.store_id and c.role = r.card_role
    union all
    -- a team is held to the presale card, the store's main one
    select *, null, 'presale', true from team_values
),
standards as (
    -- every role's standards: the store's own for every role, else the targets of that role's card only
    select * from marts.kpi_standard_on(date_to, card_role := null)
),
compared as (
    select
        v.*, s.direction, s.source as standard_source,
        case when v.is_sum then s.standard_value * (v.period_end - v.period_start + 1) / 30.0 else s.standard_value end
            as standard_value
    from subject_values as v
    join standards as s on s.store_id = v.store_id and s.role = v.card_role and s.metric = v.metric
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
        c.scope, c.store_id, c.team, c.agent_id, c.agent_name, c.role, c.role_has_card, c.period_start, c.period_end,
        c.metric, c.value, c.standard_value, c.direction, c.standard_source,
        case when c.direction = 'higher' then c.value < c.standard_value else c.value > c.standard_value end
            as is_below_standard,
        r.causes, r.remedies, coalesce(k.courses, []) as courses
    from compared as c
    left join app.kpi_remedy as r on r.metric = c.metric and r.language = in_language
    left join courses as k on k.store_id = c.store_id and k.metric = c.metric
)
select * from final;
