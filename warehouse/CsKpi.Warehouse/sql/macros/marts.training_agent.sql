-- grain: one row per agent registered and employed on the day: level (the ladder's first when the roster names none),
-- the next level, and the training counts
-- only_agent (optional): that agent alone (the agent page), every input filtered to them
create or replace macro marts.training_agent(as_of, only_agent := null) as table
with agents as (
    select *
    from core.dim_agent
    where is_registered and valid_from <= as_of::date and (valid_to is null or valid_to > as_of::date)
      and (left_on is null or left_on > as_of::date)
      and (only_agent is null or agent_id = only_agent)
),

ladder as (
    select * from marts.career_level_on(as_of)
),

leveled as (
    select
        a.agent_id, a.store_id, a.name, a.team, a.hired_on,
        coalesce(a.level, first.level) as level, a.level is null as is_level_assumed,
        coalesce(cur.level_rank, 1) as level_rank, nxt.level as next_level
    from agents as a
    join (select * from ladder where level_rank = 1) as first on first.store_id = a.store_id
    left join ladder as cur on cur.store_id = a.store_id and cur.level = coalesce(a.level, first.level)
    left join ladder as nxt on nxt.store_id = a.store_id and nxt.level_rank = coalesce(cur.level_rank, 1) + 1
),

-- the day all courses the ladder's first level requires were passed: the latest of their first passes
certified as (
    select l.agent_id, max(p.first_pass) as certified_on, count(p.first_pass) = count(*) as is_certified
    from leveled as l
    join ladder as r on r.store_id = l.store_id and r.level_rank = 1
    join core.dim_course as c on c.required_for_level = r.level
    left join (
        select agent_id, course_id, min(event_on) as first_pass from core.fct_training
        where is_pass and event_on <= as_of::date and (only_agent is null or agent_id = only_agent) group by all
    ) as p on p.agent_id = l.agent_id and p.course_id = c.course_id
    group by l.agent_id
),

counts as (
    select
        agent_id,
        count(*) filter (where state in ('passed', 'expiring'))::bigint as passed_courses,
        count(*) filter (where state = 'expiring')::bigint as expiring_courses,
        count(*) filter (where state = 'in_progress')::bigint as in_progress_courses,
        sum(failures)::bigint as failed_attempts
    from marts.training_status(as_of, only_agent := only_agent)
    group by agent_id
),

final as (
    select
        l.*,
        coalesce(n.passed_courses, 0) as passed_courses, coalesce(n.expiring_courses, 0) as expiring_courses,
        coalesce(n.in_progress_courses, 0) as in_progress_courses, coalesce(n.failed_attempts, 0) as failed_attempts,
        coalesce(c.is_certified, false) as is_certified_junior,
        case when c.is_certified then c.certified_on end as certified_junior_on
    from leveled as l
    left join counts as n using (agent_id)
    left join certified as c using (agent_id)
)

select * from final;
