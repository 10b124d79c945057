-- Planning (planning.md): the settings of the staffing plan and of chat sampling, the standard values diagnostics
-- compare KPIs with, the causes and remedies of a weak KPI, and the macros that read history for the staffing plan
-- and the diagnosis.
--
-- The planning settings sit in their own table rather than in app.setting: every change of app.setting makes the
-- days from its effective date dirty for the mart recompute, and none of these values changes a mart.

create table app.planning_setting (
    store_id        varchar not null,
    code            varchar not null,
    value           varchar not null,
    effective_from  date not null,
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, code, effective_from)
);
comment on table app.planning_setting is '规划设置 — staffing and chat-sampling settings: one row per store, setting and effective date; store * is every store''s default, and a store''s own row beats it whatever their dates';
comment on column app.planning_setting.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.planning_setting.code is '设置项 — chat_concurrency, service_level, answer_seconds, sample_slowest, sample_unanswered, sample_unconverted, sample_largest_orders, sample_random_share';
comment on column app.planning_setting.value is '值 — as text, a number';
comment on column app.planning_setting.effective_from is '生效日期 — the first day this value applies';
comment on column app.planning_setting.changed_by is '修改人 — who changed it';
comment on column app.planning_setting.changed_at is '修改时间 — when it was changed';

insert into app.planning_setting (store_id, code, value, effective_from) values
    ('*', 'chat_concurrency', '3', date '2000-01-01'),
    ('*', 'service_level', '0.8', date '2000-01-01'),
    ('*', 'answer_seconds', '30', date '2000-01-01'),
    ('*', 'sample_slowest', '2', date '2000-01-01'),
    ('*', 'sample_unanswered', '2', date '2000-01-01'),
    ('*', 'sample_unconverted', '2', date '2000-01-01'),
    ('*', 'sample_largest_orders', '1', date '2000-01-01'),
    ('*', 'sample_random_share', '0.02', date '2000-01-01');

-- The value of a planning setting for a store on a day: the store's own newest version on or before the day, else
-- the default's. For one-off look-ups (a plan, a job run), not for filters over facts.
create macro app.planning_value(store, setting_code, on_day) as (
    select value
    from app.planning_setting
    where store_id in (store, '*') and code = setting_code and effective_from <= on_day::date
    order by store_id = '*', effective_from desc
    limit 1
);

create table app.kpi_standard (
    store_id        varchar not null,
    effective_from  date not null,
    metric          varchar not null,
    standard_value  double not null,
    direction       varchar not null check (direction in ('higher', 'lower')),
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, metric)
);
comment on table app.kpi_standard is 'KPI 标准值 — the value below which diagnostics call an agent''s or team''s KPI weak, per store, metric and version (effective date); a metric without a row here is held to its scorecard target';
comment on column app.kpi_standard.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.kpi_standard.effective_from is '生效日期 — the newest version on or before a period''s last day applies to the period';
comment on column app.kpi_standard.metric is '指标 — a column of kpi_agent_daily (received_buyers, final_conversion, …)';
comment on column app.kpi_standard.standard_value is '标准值 — for sums (received_buyers, sales_amount, …) per 30 days, scaled to the period''s length like scorecard targets';
comment on column app.kpi_standard.direction is '方向 — higher or lower is better; below standard means under it when higher, over it when lower';
comment on column app.kpi_standard.changed_by is '修改人 — who changed it';
comment on column app.kpi_standard.changed_at is '修改时间 — when it was changed';

create table app.kpi_remedy (
    metric    varchar not null,
    language  varchar not null,
    causes    varchar not null,
    remedies  varchar not null,
    primary key (metric, language)
);
comment on table app.kpi_remedy is 'KPI 对症下药 — the usual causes of a weak KPI and their remedies (planning.md), per metric and language';
comment on column app.kpi_remedy.metric is '指标 — a column of kpi_agent_daily';
comment on column app.kpi_remedy.language is '语言 — zh-CN or en';
comment on column app.kpi_remedy.causes is '常见原因';
comment on column app.kpi_remedy.remedies is '改进方法';

insert into app.kpi_remedy (metric, language, causes, remedies) values
    ('received_buyers', 'zh-CN', '店铺流量少', '属于市场推广的工作；与运营共享数据'),
    ('received_buyers', 'en', 'Little traffic', 'Marketing''s job; share the numbers with operations'),
    ('sales_amount', 'zh-CN', '产品知识薄弱；销售被动；话术欠佳', '产品培训与考核；销售话术'),
    ('sales_amount', 'en', 'Weak product knowledge; passive selling; poor scripts', 'Product training and assessment; sales scripts'),
    ('aov', 'zh-CN', '产品关联知识薄弱；不做搭配推荐', '产品搭配培训；推荐套餐'),
    ('aov', 'en', 'Weak product-association knowledge; no bundle suggestions', 'Product pairing; recommended bundles'),
    ('items_per_buyer', 'zh-CN', '产品关联知识薄弱；不做搭配推荐', '产品搭配培训；推荐套餐'),
    ('items_per_buyer', 'en', 'Weak product-association knowledge; no bundle suggestions', 'Product pairing; recommended bundles'),
    ('final_conversion', 'zh-CN', '销售被动；产品知识薄弱；催付不及时或没有催付', '产品培训；催付话术与催付时机'),
    ('final_conversion', 'en', 'Passive; weak product knowledge; payment reminders late or missing', 'Product training; payment-reminder scripts and timing'),
    ('qa_ratio', 'zh-CN', '销售被动；产品知识薄弱；回复技巧欠缺', '回复技巧培训（长回答分多行发送）'),
    ('qa_ratio', 'en', 'Passive; weak product knowledge; reply technique', 'Reply technique (split long answers into lines)'),
    ('reply_rate', 'zh-CN', '回复技巧欠缺；服务态度问题', '每位买家都要回复，广告和售后咨询也不例外'),
    ('reply_rate', 'en', 'Reply technique; service attitude', 'Reply to everyone, ads and after-sales included'),
    ('first_response_seconds', 'zh-CN', '未设置自动回复；工具设置不当', '设置自动回复；工具使用培训'),
    ('first_response_seconds', 'en', 'No auto-reply; tool settings', 'Set the auto-reply; tool training'),
    ('avg_response_seconds', 'zh-CN', '打字慢；没有快捷短语；产品知识薄弱', '打字练习；快捷短语；产品培训'),
    ('avg_response_seconds', 'en', 'Typing speed; no quick phrases; product knowledge', 'Typing practice; quick phrases; product training'),
    ('satisfaction_rate', 'zh-CN', '服务态度；问题没有解决；回复慢', '服务意识培训；抽查差评聊天记录并复盘'),
    ('satisfaction_rate', 'en', 'Service attitude; problems left unsolved; slow replies', 'Service-mindset training; review the chats of poor ratings together'),
    ('assist_buyers', 'zh-CN', '不跟进同事的买家；交接不清', '跟进与交接流程；团队协作'),
    ('assist_buyers', 'en', 'No follow-up of colleagues'' buyers; unclear hand-overs', 'Follow-up and hand-over routine; teamwork');

-- The version of a versioned table (app.kpi_standard, app.scorecard_item, app.kpi_course_category: rows keyed by
-- store_id and effective_from) in force for every store on a day: the store's own newest on or before it, else the
-- default's (*), whatever their dates.
-- grain: one row per store with a version
create macro marts.store_version(version_table, on_day) as table
select s.store_id, v.store_id as version_store, v.effective_from
from core.dim_store as s
join (select distinct store_id, effective_from from query_table(version_table)) as v
  on v.store_id in (s.store_id, '*') and v.effective_from <= on_day::date
qualify row_number() over (partition by s.store_id order by v.store_id = '*', v.effective_from desc) = 1;

-- The standard value of every metric for every store on a day: the store's own kpi_standard version, else the
-- default's, else the target of the scorecard in force (the store's own, else the default's).
-- grain: one row per store per metric with a standard
create macro marts.kpi_standard_on(on_day) as table
with standards as (
    select v.store_id, k.metric, k.standard_value, k.direction, 'standard' as source, k.effective_from
    from marts.store_version('app.kpi_standard', on_day) as v
    join app.kpi_standard as k on k.store_id = v.version_store and k.effective_from = v.effective_from
),
targets as (
    select v.store_id, i.metric, i.target::double as standard_value, i.direction, 'scorecard' as source, i.effective_from
    from marts.store_version('app.scorecard_item', on_day) as v
    join app.scorecard_item as i on i.store_id = v.version_store and i.effective_from = v.effective_from
),
final as (
    select * from standards
    union all
    select t.* from targets as t
    anti join standards as s on s.store_id = t.store_id and s.metric = t.metric
)
select * from final;

-- Diagnostics (对症下药): every KPI of every agent and team over [date_from, date_to] that has a standard, compared
-- with it (sums against the standard scaled by the period's days / 30, as scorecards scale targets), with the
-- causes and remedies in `in_language` and the courses of the KPI → course mapping in force on date_to.
-- grain: one row per subject (agent or team) per metric with a standard
create macro marts.kpi_diagnosis(date_from, date_to, in_language) as table
with agent_values as (
    select 'agent' as scope, store_id, team, agent_id, agent_name, metric, value, is_sum, period_start, period_end
    from marts.agent_metric('range', date_from, date_to)
),
team_periods as (
    select store_id, team, period_start, period_end,
           columns(* exclude (store_id, team, period, period_start, period_end, active_days, max_agents,
                              next_day_provisional, final_provisional))::double
    from marts.kpi_team_period('range', date_from, date_to)
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
    select v.store_id, m.metric,
           list({'course_id': c.course_id, 'title': c.title, 'category': c.category, 'hours': c.hours::double}
                order by m.category, c.course_id) as courses
    from marts.store_version('app.kpi_course_category', date_to) as v
    join app.kpi_course_category as m on m.store_id = v.version_store and m.effective_from = v.effective_from
    join core.dim_course as c on c.category = m.category
    group by v.store_id, m.metric
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

-- Staffing history (planning.md): the inputs of the headcount formula from a store's history over [date_from,
-- date_to]. aov here is that of every paid order (total paid amount / paying buyers), because target / aov must
-- count all the store's buyers before cs_buyer_share takes the share that goes through customer service.
-- max_receptions is the 90th percentile of presale agents' daily received buyers (days they received anyone).
-- grain: one row per store
create macro marts.staffing_history(date_from, date_to) as table
with store_period as (
    select store_id, active_days, total_paid_amount, paid_buyers, cs_buyer_share, final_conversion,
           marts.ratio(total_paid_amount, paid_buyers) as aov,
           marts.ratio(total_paid_amount, active_days) as daily_sales
    from marts.kpi_store_period('range', date_from, date_to)
),
agent_days as (
    select k.store_id, quantile_cont(k.received_buyers, 0.9) as max_receptions, count(*) as agent_days
    from marts.kpi_agent_daily as k
    join core.dim_agent as a using (agent_key)
    where k.business_day between date_from::date and date_to::date
      and k.received_buyers > 0 and a.role in ('presale', 'both')
    group by k.store_id
),
final as (
    select s.store_id, s.active_days, s.total_paid_amount::double as total_paid_amount, s.paid_buyers, s.aov,
           s.cs_buyer_share, s.final_conversion, d.max_receptions, coalesce(d.agent_days, 0) as agent_days, s.daily_sales
    from store_period as s
    left join agent_days as d using (store_id)
)
select * from final;

-- Arrivals by hour of day (planning.md, hour by hour): the mean inquiries a day that began in each clock hour over
-- the store's days with data in [date_from, date_to], and the mean handling time of an inquiry (reception seconds
-- over replied inquiries) of the whole period, the same for every hour.
-- grain: one row per store per hour of day (0–23)
create macro marts.hourly_arrivals(date_from, date_to) as table
with store_days as (
    select store_id, count(*) as days
    from marts.kpi_store_daily
    where business_day between date_from::date and date_to::date
    group by store_id
),
inquiries as (
    select store_id, hour(first_buyer_at) as hour, count(*) as inquiries,
           sum(reception_seconds) as reception_seconds, count(*) filter (where is_replied) as replied
    from core.fct_reception
    where is_inquiry and business_day between date_from::date and date_to::date
    group by store_id, hour(first_buyer_at)
),
handling as (
    select store_id, marts.ratio(sum(reception_seconds), sum(replied)) as handling_seconds
    from inquiries
    group by store_id
),
final as (
    select d.store_id, h.hour::integer as hour, d.days, coalesce(i.inquiries, 0) as inquiries,
           coalesce(i.inquiries, 0) / d.days as arrivals_per_day, t.handling_seconds
    from store_days as d
    cross join range(24) as h(hour)
    left join inquiries as i on i.store_id = d.store_id and i.hour = h.hour
    left join handling as t on t.store_id = d.store_id
)
select * from final;
