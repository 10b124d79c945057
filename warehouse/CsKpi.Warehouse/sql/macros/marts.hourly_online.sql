-- Agents online by hour of day (issue 16, the staffing plan beside marts.hourly_arrivals): the mean number of a
-- store's agents online in each clock hour over the days of [date_from, date_to] that have an attendance report
-- (赤兔 遵时率, core.fct_agent_report), per team.
-- An ESTIMATE: an agent-day counts as online from its first log-in to its last online time (first_login_time,
-- last_online_time: seconds after midnight), breaks and suspended time included, since the report gives no more.
-- A day's row (period_from = period_to) is that day. A longer range (a month's download) gives the mean log-in and
-- last-online times of its 上班天数: those days are counted with that one shift, shared over the part of the range
-- inside [date_from, date_to] in proportion, and only where the agent has no day rows in the range (never twice).
-- An agent whose last online is not after the first log-in (a shift past midnight, an empty time) adds nothing.
-- The team is the roster's (core.dim_agent, current), else the report's.
-- grain: one row per store, team and hour of day (0–23) that has attendance
create or replace macro marts.hourly_online(date_from, date_to) as table
with report as (
    select store_id, agent_id, any_value(team) as team, period_from, period_to,
           any_value(value) filter (where metric = 'first_login_time') as first_login,
           any_value(value) filter (where metric = 'last_online_time') as last_online,
           any_value(value) filter (where metric = 'attendance_days') as attendance_days
    from core.fct_agent_report
    where metric in ('first_login_time', 'last_online_time', 'attendance_days')
      and period_from <= date_to::date and period_to >= date_from::date
    group by store_id, agent_id, period_from, period_to
),

day_rows as (
    select *, 1.0 as agent_days
    from report
    where period_from = period_to
),

-- A range's worked days inside the window: 上班天数 × the share of the range's days that fall in it.
range_rows as (
    select r.*,
           coalesce(r.attendance_days, 0)
               * (date_diff('day', greatest(r.period_from, date_from::date), least(r.period_to, date_to::date)) + 1)
               / (date_diff('day', r.period_from, r.period_to) + 1) as agent_days
    from report as r
    where r.period_from < r.period_to
      and not exists (
          select 1 from day_rows as d
          where d.store_id = r.store_id and d.agent_id = r.agent_id and d.period_from between r.period_from and r.period_to)
),

shifts as (
    select s.store_id, coalesce(a.team, s.team) as team, s.first_login, s.last_online, s.agent_days
    from (select * from day_rows union all select * from range_rows) as s
    left join core.dim_agent as a on a.agent_id = s.agent_id and a.store_id = s.store_id and a.is_current
    where s.last_online > s.first_login and s.agent_days > 0
),

-- The store's days with attendance in the window: day rows' days and ranges' days, each once.
store_days as (
    select store_id, count(distinct day) as days
    from (
        select store_id, period_from as day from report where period_from = period_to
        union all
        select store_id, unnest(generate_series(greatest(period_from, date_from::date), least(period_to, date_to::date), interval 1 day))::date
        from report where period_from < period_to
    )
    where day between date_from::date and date_to::date
    group by store_id
),

by_hour as (
    select s.store_id, s.team, h.hour::integer as hour,
           sum(s.agent_days * greatest(0, least(s.last_online, (h.hour + 1) * 3600) - greatest(s.first_login, h.hour * 3600))) as online_seconds
    from shifts as s
    cross join range(24) as h(hour)
    group by s.store_id, s.team, h.hour
)

select b.store_id, b.team, b.hour, d.days, b.online_seconds, b.online_seconds / 3600.0 / d.days as agents_online
from by_hour as b
join store_days as d using (store_id);
