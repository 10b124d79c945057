-- grain: one row per agent per course to learn next, in career.md's order: priority 1 the courses the current level
-- requires that are not passed or expire within 30 days, 2 those the next level requires, 3 those of the categories a
-- weak KPI calls for (app.kpi_course_category): a scorecard item below its target in the agent's two latest
-- complete months, when those are consecutive, and only courses of no level or of a level up to the next one. A course
-- appears once, at its first priority.
-- only_agent (optional): what that agent should learn, computed from their rows alone (the agent page)
create or replace macro marts.next_to_learn(as_of, only_agent := null) as table
with matrix as (
    select * from marts.training_matrix(as_of, only_agent := only_agent)
),

by_level as (
    select agent_id, course_id, case when required_for = 'current' then 1 else 2 end as priority,
           'required for ' || required_for_level || ' (' || state || ')' as reason, required_rank,
           -- the reason as values, for the site to word: the course's state here, the weak metrics and months below
           state as course_state, null::varchar as weak_metrics, null::varchar as weak_months
    from matrix
    where state <> 'passed'
),

complete_months as (
    select store_id, agent_id, month, period_start, items,
           row_number() over (partition by agent_id order by period_start desc) as recency
    from marts.scorecard_monthly
    where last_day(period_start) <= as_of::date and (only_agent is null or agent_id = only_agent)
),

latest_two as (
    select agent_id, any_value(store_id) as store_id, list(month order by month) as months
    from complete_months
    where recency <= 2
    group by agent_id
    having count(*) = 2 and date_diff('month', min(period_start), max(period_start)) = 1
),

weak as (
    select m.agent_id, i.metric
    from complete_months as m
    semi join latest_two as t on t.agent_id = m.agent_id
    cross join unnest(m.items) as u(i)
    where m.recency <= 2
      and i.actual is not null and (case when i.direction = 'lower' then i.actual > i.target else i.actual < i.target end)
    group by m.agent_id, i.metric
    having count(*) = 2
),

mapping as (
    select v.store_id, k.metric, k.category
    from marts.career_setting_on('kpi_course_category', as_of) as v
    join app.kpi_course_category as k on k.store_id = v.source_store_id and k.effective_from = v.effective_from
),

by_kpi as (
    select w.agent_id, c.course_id, 3 as priority,
           'weak ' || string_agg(distinct w.metric, ', ' order by w.metric) || ' in ' || array_to_string(any_value(t.months), ', ') as reason,
           99 as required_rank,
           null as course_state, string_agg(distinct w.metric, ',' order by w.metric) as weak_metrics,
           array_to_string(any_value(t.months), ',') as weak_months
    from weak as w
    join latest_two as t on t.agent_id = w.agent_id
    join mapping as m on m.store_id = t.store_id and m.metric = w.metric
    join core.dim_course as c on c.category = m.category
    anti join marts.training_status(as_of, only_agent := only_agent) as s on s.agent_id = w.agent_id and s.course_id = c.course_id and s.state = 'passed'
    group by w.agent_id, c.course_id
),

candidates as (
    select * from by_level
    union all
    select * from by_kpi
),

first_reason as (
    select * from candidates
    qualify row_number() over (partition by agent_id, course_id order by priority) = 1
),

-- A weak KPI suggests only courses within the agent's reach: of no level, or required up to the next level (the
-- ladder's rank). A new L1 hire weak on a mindset KPI learns 职业心态, not 团队管理 of L4.
within_reach as (
    select c.*
    from first_reason as c
    join marts.training_agent(as_of, only_agent := only_agent) as a on a.agent_id = c.agent_id
    join core.dim_course as d using (course_id)
    left join marts.career_level_on(as_of) as r on r.store_id = a.store_id and r.level = d.required_for_level
    where c.priority < 3 or d.required_for_level is null or r.level_rank <= a.level_rank + 1
),

final as (
    select
        c.agent_id, c.course_id, d.title, d.category, d.required_for_level, c.priority, c.reason,
        c.course_state, c.weak_metrics, c.weak_months,
        row_number() over (partition by c.agent_id order by c.priority, c.required_rank, c.course_id) as rank_in_agent
    from within_reach as c
    join core.dim_course as d using (course_id)
)

select * from final;
