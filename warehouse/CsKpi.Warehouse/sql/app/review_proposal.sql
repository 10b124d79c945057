-- grain: one proposal per agent registered and employed on the half's last day (app.review_proposal), with its
-- criteria (app.review_criterion)
-- The half-yearly review of career.md. Variables: review_half ('2026H1'), half_start, half_end, previous_start and
-- previous_end (the half before, for the two-halves warning). Runs in one transaction: the pending proposals of the
-- half are replaced, and an agent whose proposal of the half HR already decided gets no new one.

-- grain: one row per agent active at the half's end, with everything the rules read
create or replace temp table review_agent as
with versions as (
    select * from core.dim_agent where is_registered and valid_from <= getvariable('half_end')
),

at_end as (
    select *
    from versions
    where (valid_to is null or valid_to > getvariable('half_end'))
      and hired_on <= getvariable('half_end') and (left_on is null or left_on > getvariable('half_end'))
),

-- the first day of the agent's latest run of versions at the level held at the half's end
level_runs as (
    select agent_id, valid_from, level is distinct from lag(level) over (partition by agent_id order by valid_from) as starts_run
    from versions
),

level_since as (
    select agent_id, max(valid_from) as level_since from level_runs where starts_run group by agent_id
),

-- months with no reception are left out: a month of only ratings or late credits says nothing of the agent's work
-- (a month that only a whole-month agent report gives counts too: issue 16)
received_months as (
    select agent_id, month
    from (
        select agent_id, strftime(business_day, '%Y-%m') as month, received_buyers
        from marts.kpi_agent_daily
        where business_day between getvariable('previous_start') and getvariable('half_end')
        union all
        select agent_id, strftime(month, '%Y-%m'), received_buyers
        from marts.report_month('month', getvariable('previous_start'), getvariable('half_end'))
    )
    group by all
    having sum(received_buyers) > 0
),

scored as (
    select s.agent_id, s.month, s.total, s.period_start >= getvariable('half_start') as in_half
    from marts.scorecard_monthly as s
    semi join received_months as r on r.agent_id = s.agent_id and r.month = s.month
    where s.period_start between getvariable('previous_start') and getvariable('half_end')
),

scores as (
    select
        agent_id,
        count(*) filter (where in_half) as scored_months,
        avg(total) filter (where in_half) as avg_score,
        min(total) filter (where in_half) as min_score,
        avg(total) filter (where not in_half) as previous_avg_score,
        string_agg(month, ', ' order by month) filter (where in_half) as months
    from scored
    group by agent_id
),

ladder as (
    select * from marts.career_level_on(getvariable('half_end'))
),

final as (
    select
        a.agent_id, a.store_id, a.name as agent_name, a.team,
        coalesce(cur.level, first.level) as level,
        coalesce(a.coefficient, cur.coefficient_min, first.coefficient_min) as coefficient,
        a.level is null or cur.level is null or a.coefficient is null as is_level_assumed,
        coalesce(cur.level_rank, 1) as level_rank,
        coalesce(cur.coefficient_min, first.coefficient_min) as coefficient_min,
        coalesce(cur.coefficient_max, first.coefficient_max) as coefficient_max,
        nxt.level as next_level, nxt.level_rank as next_rank, nxt.coefficient_min as next_coefficient_min,
        -- whole months from the level's first day to the day after the half
        (12 * (year(getvariable('half_end') + 1) - year(l.level_since)) + month(getvariable('half_end') + 1) - month(l.level_since)
            - case when day(getvariable('half_end') + 1) < day(l.level_since) then 1 else 0 end)::integer as months_at_level,
        coalesce(s.scored_months, 0)::integer as scored_months, s.avg_score, s.min_score, s.previous_avg_score, s.months
    from at_end as a
    join level_since as l using (agent_id)
    join (select * from ladder where level_rank = 1) as first on first.store_id = a.store_id
    left join ladder as cur on cur.store_id = a.store_id and cur.level = a.level
    left join ladder as nxt on nxt.store_id = a.store_id and nxt.level_rank = coalesce(cur.level_rank, 1) + 1
    left join scores as s using (agent_id)
)

select * from final;

-- grain: one row per agent of review_agent per course required for the next level or below, valid at the half's end or not
create or replace temp table review_course as
select
    a.agent_id, c.course_id, c.title,
    bool_or(t.is_pass and t.event_on <= getvariable('half_end') and (t.expires_on is null or t.expires_on > getvariable('half_end'))) is true as is_valid,
    max(t.expires_on) filter (where t.is_pass and t.event_on <= getvariable('half_end')) as last_expiry
from review_agent as a
join marts.career_level_on(getvariable('half_end')) as r on r.store_id = a.store_id and r.level_rank <= a.next_rank
join core.dim_course as c on c.required_for_level = r.level
left join core.fct_training as t on t.agent_id = a.agent_id and t.course_id = c.course_id
group by all;

-- grain: one row per agent of review_agent: the rules applied
create or replace temp table review_outcome as
with thresholds as (
    select v.store_id, t.*
    from marts.career_setting_on('promotion_threshold', getvariable('half_end')) as v
    join app.promotion_threshold as t on t.store_id = v.source_store_id and t.effective_from = v.effective_from
),

bands as (
    select v.store_id, b.*
    from marts.career_setting_on('coefficient_band', getvariable('half_end')) as v
    join app.coefficient_band as b on b.store_id = v.source_store_id and b.effective_from = v.effective_from
),

warnings as (
    select v.store_id, w.*
    from marts.career_setting_on('warning_rule', getvariable('half_end')) as v
    join app.warning_rule as w on w.store_id = v.source_store_id and w.effective_from = v.effective_from
),

courses as (
    select
        agent_id,
        count(*) filter (where is_valid) as valid_courses,
        count(*) as required_courses,
        string_agg(course_id || ' ' || title || case when last_expiry is not null then ' (expired ' || strftime(last_expiry, '%Y-%m-%d') || ')' else '' end, '; '
                   order by course_id) filter (where not is_valid) as missing,
        to_json(list({'course_id': course_id, 'title': title, 'expired': strftime(last_expiry, '%Y-%m-%d')} order by course_id)
                filter (where not is_valid))::varchar as missing_list
    from review_course
    group by agent_id
),

judged as (
    select
        a.*,
        t.months_at_level as need_months, t.min_avg_score::double as need_avg, t.min_month_score::double as need_min,
        coalesce(c.valid_courses, 0) as valid_courses, coalesce(c.required_courses, 0) as required_courses, c.missing, c.missing_list,
        b.band, b.avg_from::double as band_from, b.avg_below::double as band_below, coalesce(b.step, 0) as step,
        w.avg_below::double as warn_avg, w.two_halves_avg_below::double as warn_two_halves,
        coalesce(a.next_level is not null and t.to_level is not null and a.avg_score is not null
            and a.months_at_level >= t.months_at_level and a.avg_score >= t.min_avg_score and a.min_score >= t.min_month_score
            and coalesce(c.valid_courses, 0) = coalesce(c.required_courses, 0), false) as promote,
        coalesce(a.avg_score < w.avg_below or (a.avg_score < w.two_halves_avg_below and a.previous_avg_score < w.two_halves_avg_below), false) as is_warning
    from review_agent as a
    left join thresholds as t on t.store_id = a.store_id and t.to_level = a.next_level
    left join courses as c using (agent_id)
    left join bands as b on b.store_id = a.store_id and a.avg_score >= coalesce(b.avg_from, -1e9) and a.avg_score < coalesce(b.avg_below, 1e9)
    left join warnings as w on w.store_id = a.store_id
),

final as (
    select
        *,
        case when promote then next_level else level end as proposed_level,
        case when promote then next_coefficient_min
             else greatest(coefficient_min, least(coefficient_max, coefficient + step)) end::decimal(4,2) as proposed_coefficient
    from judged
)

select
    *,
    case
        when promote then 'promote'
        when proposed_coefficient > coefficient then 'coefficient_up'
        when proposed_coefficient < coefficient then 'coefficient_down'
        else 'unchanged'
    end as action
from final;

delete from app.review_criterion
where proposal_id in (select proposal_id from app.review_proposal where half = getvariable('review_half') and status = 'pending');

delete from app.review_proposal where half = getvariable('review_half') and status = 'pending';

insert into app.review_proposal (
    proposal_id, half, store_id, agent_id, agent_name, team, level, coefficient, is_level_assumed, months_at_level,
    scored_months, avg_score, min_score, previous_avg_score, action, proposed_level, proposed_coefficient, is_warning,
    summary, reviewed_at)
select
    hash(getvariable('review_half'), o.agent_id) >> 1, getvariable('review_half'), o.store_id, o.agent_id, o.agent_name, o.team,
    o.level, o.coefficient, o.is_level_assumed, o.months_at_level, o.scored_months, o.avg_score, o.min_score,
    o.previous_avg_score, o.action, o.proposed_level, o.proposed_coefficient, o.is_warning,
    case o.action
        when 'promote' then 'promote ' || o.level || ' → ' || o.proposed_level || ', coefficient ' || o.coefficient || ' → ' || o.proposed_coefficient
        when 'unchanged' then 'coefficient unchanged at ' || o.coefficient
        else 'coefficient ' || o.coefficient || ' → ' || o.proposed_coefficient
    end || case when o.is_warning then '; warning (降级预警)' else '' end,
    current_localtimestamp()
from review_outcome as o
anti join app.review_proposal as p on p.half = getvariable('review_half') and p.agent_id = o.agent_id;

insert into app.review_criterion
with fresh as (
    select o.*, p.proposal_id
    from review_outcome as o
    join app.review_proposal as p on p.half = getvariable('review_half') and p.agent_id = o.agent_id and p.status = 'pending'
),

criteria as (
    select proposal_id, 1 as position, 'scored_months' as criterion, 'months of the half with a reception ≥ 1' as rule,
           scored_months::double as value, 1::double as threshold, scored_months >= 1 as passed,
           coalesce('scored: ' || months, 'no month of the half had a reception: nothing to judge') as note,
           to_json({'months': months})::varchar as args
    from fresh
    union all
    select proposal_id, 2, 'next_level', 'a level above ' || level || ' in the ladder', null, null, next_level is not null,
           coalesce('next: ' || next_level, level || ' is the top of the ladder'),
           to_json({'level': level, 'next_level': next_level})::varchar
    from fresh
    union all
    select proposal_id, 3, 'months_at_level', 'months at ' || level || ' ≥ ' || need_months || ' for ' || next_level,
           months_at_level, need_months, months_at_level >= need_months, null,
           to_json({'level': level, 'next_level': next_level})::varchar
    from fresh where next_level is not null
    union all
    select proposal_id, 4, 'avg_score', 'avg ≥ ' || app.plain_number(need_avg) || ' for ' || next_level, avg_score, need_avg,
           coalesce(avg_score >= need_avg, false), null, to_json({'next_level': next_level})::varchar
    from fresh where next_level is not null
    union all
    select proposal_id, 5, 'min_score', 'min ≥ ' || app.plain_number(need_min) || ' for ' || next_level, min_score, need_min,
           coalesce(min_score >= need_min, false), null, to_json({'next_level': next_level})::varchar
    from fresh where next_level is not null
    union all
    select proposal_id, 6, 'courses', 'courses required up to ' || next_level || ' passed and valid on ' || strftime(getvariable('half_end'), '%Y-%m-%d'),
           valid_courses, required_courses, valid_courses = required_courses, 'missing: ' || missing,
           to_json({'next_level': next_level, 'on': strftime(getvariable('half_end'), '%Y-%m-%d'), 'missing': missing_list::json})::varchar
    from fresh where next_level is not null
    union all
    select proposal_id, 7, 'coefficient_band',
           case when band is null then 'no average, no step'
                else coalesce(app.plain_number(band_from) || ' ≤ ', '') || 'avg' || coalesce(' < ' || app.plain_number(band_below), '') || ' → '
                     || case when step >= 0 then '+' else '' end || app.plain_number(step) end,
           avg_score, band_from, band is not null,
           case when promote then 'promoted: the coefficient starts at ' || proposed_level || '''s minimum ' || proposed_coefficient
                else coefficient || ' → ' || proposed_coefficient || ', clamped to ' || coefficient_min || '–' || coefficient_max end,
           to_json({'band': band is not null, 'band_from': band_from, 'band_below': band_below, 'step': step, 'promote': promote,
                    'proposed_level': proposed_level, 'proposed_coefficient': proposed_coefficient::double, 'coefficient': coefficient::double,
                    'coefficient_min': coefficient_min::double, 'coefficient_max': coefficient_max::double})::varchar
    from fresh
    union all
    select proposal_id, 8, 'warning_avg', 'no warning unless avg < ' || app.plain_number(warn_avg), avg_score, warn_avg,
           not coalesce(avg_score < warn_avg, false), null, null
    from fresh
    union all
    select proposal_id, 9, 'warning_two_halves', 'no warning unless avg < ' || app.plain_number(warn_two_halves) || ' in this half and the one before',
           previous_avg_score, warn_two_halves,
           not coalesce(avg_score < warn_two_halves and previous_avg_score < warn_two_halves, false),
           'this half ' || coalesce(round(avg_score, 2)::varchar, 'none') || ', the half before ' || coalesce(round(previous_avg_score, 2)::varchar, 'none'),
           to_json({'avg_score': round(avg_score, 2), 'previous_avg_score': round(previous_avg_score, 2)})::varchar
    from fresh
)

select * from criteria;
