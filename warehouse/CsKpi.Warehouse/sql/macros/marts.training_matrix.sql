-- grain: one row per agent (as training_agent) per course required for a level up to the next one (holding a level
-- needs the courses of the levels below too); required_for is current or next
-- only_agent (optional): that agent's rows alone
create or replace macro marts.training_matrix(as_of, only_agent := null) as table
with agents as (
    select * from marts.training_agent(as_of, only_agent := only_agent)
),

ladder as (
    select * from marts.career_level_on(as_of)
),

required as (
    select a.agent_id, a.store_id, a.name, a.team, a.level, a.next_level, c.course_id, c.title, c.category,
           c.required_for_level, r.level_rank as required_rank,
           case when r.level_rank <= a.level_rank then 'current' else 'next' end as required_for
    from agents as a
    join ladder as r on r.store_id = a.store_id and r.level_rank <= a.level_rank + 1
    join core.dim_course as c on c.required_for_level = r.level
),

final as (
    select
        q.*, coalesce(s.state, 'missing') as state, s.passed_on, s.score, s.expires_on, s.expired_on,
        coalesce(s.attempts, 0) as attempts, coalesce(s.failures, 0) as failures
    from required as q
    left join marts.training_status(as_of, only_agent := only_agent) as s on s.agent_id = q.agent_id and s.course_id = q.course_id
)

select * from final;
