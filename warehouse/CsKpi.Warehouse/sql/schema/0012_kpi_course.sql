-- KPI → course categories (career.md, planning.md): which training a weak KPI calls for. Shared by the training
-- tracker's "what to learn next" and the planning page's diagnostics, so it sits on its own. Versioned like every
-- setting: the newest effective_from on or before a day is the mapping of that day; store * is the default.

create table app.kpi_course_category (
    store_id        varchar not null,
    effective_from  date not null,
    metric          varchar not null,
    category        varchar not null,
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, metric, category)
);
comment on table app.kpi_course_category is 'KPI 对应课程 — one row per weak KPI and course category it calls for, per store and version (effective date); store * is the default mapping';
comment on column app.kpi_course_category.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.kpi_course_category.effective_from is '生效日期 — the first day this version of the mapping applies';
comment on column app.kpi_course_category.metric is '指标 — a column of kpi_agent_daily (final_conversion, aov, …)';
comment on column app.kpi_course_category.category is '课程类别 — a course category of career.md (product, tools, scripts, …)';
comment on column app.kpi_course_category.changed_by is '修改人 — who changed it';
comment on column app.kpi_course_category.changed_at is '修改时间 — when it was changed';

insert into app.kpi_course_category (store_id, effective_from, metric, category) values
    ('*', date '2000-01-01', 'final_conversion', 'product'),
    ('*', date '2000-01-01', 'final_conversion', 'scripts'),
    ('*', date '2000-01-01', 'final_conversion', 'promotions'),
    ('*', date '2000-01-01', 'sales_amount', 'product'),
    ('*', date '2000-01-01', 'sales_amount', 'scripts'),
    ('*', date '2000-01-01', 'sales_amount', 'promotions'),
    ('*', date '2000-01-01', 'aov', 'product'),
    ('*', date '2000-01-01', 'aov', 'scripts'),
    ('*', date '2000-01-01', 'items_per_buyer', 'product'),
    ('*', date '2000-01-01', 'items_per_buyer', 'scripts'),
    ('*', date '2000-01-01', 'first_response_seconds', 'tools'),
    ('*', date '2000-01-01', 'avg_response_seconds', 'tools'),
    ('*', date '2000-01-01', 'avg_response_seconds', 'product'),
    ('*', date '2000-01-01', 'reply_rate', 'mindset'),
    ('*', date '2000-01-01', 'reply_rate', 'scripts'),
    ('*', date '2000-01-01', 'qa_ratio', 'scripts'),
    ('*', date '2000-01-01', 'qa_ratio', 'mindset');
