-- Training (career.md): the events as facts, and table macros that answer HR's questions on a given day, since
-- "passed", "expiring" and "due" all depend on the day asked:
--   select * from marts.training_status(date '2026-06-30');     -- agent × course: passes, attempts, state
--   select * from marts.training_matrix(date '2026-06-30');     -- agents × courses their level and the next require
--   select * from marts.training_agent(date '2026-06-30');      -- per agent: level, counts, certified junior on
--   select * from marts.next_to_learn(date '2026-06-30');       -- per agent, in career.md's order

create table core.fct_training (
    agent_id      varchar not null,
    course_id     varchar not null,
    course_key    bigint,
    event_on      date not null,
    status        varchar not null,
    score         integer,
    pass_score    integer,
    is_pass       boolean not null,
    is_failure    boolean not null,
    expires_on    date,
    is_newest     boolean not null,
    assessor      varchar,
    load_seq      bigint not null
);
comment on table core.fct_training is '培训记录 — one row per training event of an agent on a course, judged against the course''s pass score';
comment on column core.fct_training.agent_id is '客服账号';
comment on column core.fct_training.course_id is '课程编号';
comment on column core.fct_training.course_key is '课程键 — core.dim_course; empty for a course the catalogue does not (yet) hold';
comment on column core.fct_training.event_on is '日期';
comment on column core.fct_training.status is '状态 — planned, in_progress or completed';
comment on column core.fct_training.score is '考核成绩 — of a completion';
comment on column core.fct_training.pass_score is '及格分 — the course''s, when the event was judged';
comment on column core.fct_training.is_pass is '通过 — a completion scoring at least the pass score';
comment on column core.fct_training.is_failure is '未通过 — a completion scoring below the pass score (a failed attempt)';
comment on column core.fct_training.expires_on is '失效日期 — a pass counts until the day before; event_on + valid_months; empty = never expires';
comment on column core.fct_training.is_newest is '最新状态 — the newest event of the (agent, course) pair: its current state';
comment on column core.fct_training.assessor is '考核人';
comment on column core.fct_training.load_seq is '导入顺序 — breaks ties between events of one day';

-- grain: one row per store (every store of a chat, order or roster, and *) per career setting per version, with the
-- days it is in force. The store's own versions beat the default's from its first own version on, as scorecards do.
create macro marts.career_setting_version() as table
with stores as (
    select store_id from core.dim_store
    union
    select store_id from raw.agent_version
    union
    select '*'
),

versions as (
    select distinct 'career_level' as setting, store_id, effective_from from app.career_level
    union all
    select distinct 'promotion_threshold', store_id, effective_from from app.promotion_threshold
    union all
    select distinct 'coefficient_band', store_id, effective_from from app.coefficient_band
    union all
    select distinct 'warning_rule', store_id, effective_from from app.warning_rule
    union all
    select distinct 'kpi_course_category', store_id, effective_from from app.kpi_course_category
),

own_first as (
    select setting, store_id, min(effective_from) as first_from from versions where store_id <> '*' group by all
),

in_force as (
    select s.store_id, v.setting, v.store_id as source_store_id, v.effective_from
    from stores as s
    join versions as v on v.store_id in (s.store_id, '*')
    left join own_first as o on o.setting = v.setting and o.store_id = s.store_id
    where v.store_id = s.store_id or o.first_from is null or v.effective_from < o.first_from
),

final as (
    select *, lead(effective_from) over (partition by store_id, setting order by effective_from) as valid_to
    from in_force
)

select * from final;

-- grain: one row per store per level per ladder version, with the days it is in force
create macro marts.career_level_version() as table
select v.store_id, v.effective_from as valid_from, v.valid_to, l.* exclude (store_id, effective_from, changed_by, changed_at)
from marts.career_setting_version() as v
join app.career_level as l on l.store_id = v.source_store_id and l.effective_from = v.effective_from
where v.setting = 'career_level';

-- grain: one row per store per setting: the version in force on a day
create macro marts.career_setting_on(setting_name, day) as table
select store_id, source_store_id, effective_from
from marts.career_setting_version()
where setting = setting_name and effective_from <= day::date and (valid_to is null or valid_to > day::date);

-- grain: one row per store per level: the ladder in force on a day
create macro marts.career_level_on(day) as table
select * from marts.career_level_version() where valid_from <= day::date and (valid_to is null or valid_to > day::date);

-- grain: one row per agent per course with an event on or before the day, or required by the agent's level or the next
create macro marts.training_status(as_of) as table
with events as (
    select * from core.fct_training where event_on <= as_of::date
),

pairs as (
    select
        agent_id, course_id,
        max(event_on) filter (where is_pass) as passed_on,
        arg_max(score, event_on) filter (where is_pass) as pass_score_got,
        arg_max(expires_on, event_on) filter (where is_pass) as expires_on,
        count(*) filter (where status = 'completed')::bigint as attempts,
        count(*) filter (where is_failure)::bigint as failures,
        max(event_on) filter (where is_failure) as last_failed_on,
        arg_max(status, (event_on, load_seq)) as newest_status,
        max(event_on) as newest_on
    from events
    group by agent_id, course_id
),

judged as (
    select
        *,
        passed_on is not null and (expires_on is null or expires_on > as_of::date) as is_valid,
        case
            when passed_on is not null and (expires_on is null or expires_on > as_of::date) then
                case when expires_on <= as_of::date + 30 then 'expiring' else 'passed' end
            when newest_status = 'in_progress' then 'in_progress'
            when failures > 0 and (passed_on is null or last_failed_on > passed_on) then 'failed'
            else 'missing'
        end as state
    from pairs
),

final as (
    select
        j.agent_id, j.course_id, c.title, c.category, c.required_for_level, c.pass_score, c.valid_months,
        j.state, j.is_valid, j.passed_on, j.pass_score_got as score, j.expires_on,
        case when not j.is_valid then j.expires_on end as expired_on,
        j.attempts, j.failures, j.newest_status, j.newest_on
    from judged as j
    left join core.dim_course as c using (course_id)
)

select * from final;

-- grain: one row per agent registered and employed on the day: level (the ladder's first when the roster names none),
-- the next level, and the training counts
create macro marts.training_agent(as_of) as table
with agents as (
    select *
    from core.dim_agent
    where is_registered and valid_from <= as_of::date and (valid_to is null or valid_to > as_of::date)
      and (left_on is null or left_on > as_of::date)
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
        select agent_id, course_id, min(event_on) as first_pass from core.fct_training where is_pass and event_on <= as_of::date group by all
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
    from marts.training_status(as_of)
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

-- grain: one row per agent (as training_agent) per course required for a level up to the next one (holding a level
-- needs the courses of the levels below too); required_for is current or next
create macro marts.training_matrix(as_of) as table
with agents as (
    select * from marts.training_agent(as_of)
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
    left join marts.training_status(as_of) as s on s.agent_id = q.agent_id and s.course_id = q.course_id
)

select * from final;

-- grain: one row per agent per course to learn next, in career.md's order: priority 1 the courses the current level
-- requires that are not passed or expire within 30 days, 2 those the next level requires, 3 those of the categories a
-- weak KPI calls for (app.kpi_course_category): a scorecard item below its target in the agent's two latest
-- complete months, when those are consecutive. A course appears once, at its first priority.
create macro marts.next_to_learn(as_of) as table
with matrix as (
    select * from marts.training_matrix(as_of)
),

by_level as (
    select agent_id, course_id, case when required_for = 'current' then 1 else 2 end as priority,
           'required for ' || required_for_level || ' (' || state || ')' as reason, required_rank
    from matrix
    where state <> 'passed'
),

complete_months as (
    select store_id, agent_id, month, period_start, items,
           row_number() over (partition by agent_id order by period_start desc) as recency
    from marts.scorecard_monthly
    where last_day(period_start) <= as_of::date
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
           99 as required_rank
    from weak as w
    join latest_two as t on t.agent_id = w.agent_id
    join mapping as m on m.store_id = t.store_id and m.metric = w.metric
    join core.dim_course as c on c.category = m.category
    anti join marts.training_status(as_of) as s on s.agent_id = w.agent_id and s.course_id = c.course_id and s.state = 'passed'
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

final as (
    select
        c.agent_id, c.course_id, d.title, d.category, d.required_for_level, c.priority, c.reason,
        row_number() over (partition by c.agent_id order by c.priority, c.required_rank, c.course_id) as rank_in_agent
    from first_reason as c
    join core.dim_course as d using (course_id)
    semi join marts.training_agent(as_of) as a on a.agent_id = c.agent_id
)

select * from final;
