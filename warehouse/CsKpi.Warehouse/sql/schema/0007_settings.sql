-- Settings are data (architecture decision 6): versioned rows with an effective date, per store, so a day is
-- computed with the rules in force on that day and last year's numbers keep last year's rules.
-- store_id '*' is the default of every store that has no row of its own for that setting.

create table app.setting (
    store_id        varchar not null,
    code            varchar not null,
    value           varchar not null,
    effective_from  date not null,
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, code, effective_from)
);
comment on table app.setting is '设置 — KPI thresholds, filter lists, the attribution rule: one row per store, setting and effective date; store * is every store''s default';
comment on column app.setting.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.setting.code is '设置项 — the name metrics.md gives the setting (slow_seconds, attribution_rule, …)';
comment on column app.setting.value is '值 — as text; lists are JSON arrays of strings';
comment on column app.setting.effective_from is '生效日期 — the first business day computed with this value';
comment on column app.setting.changed_by is '修改人 — who changed it';
comment on column app.setting.changed_at is '修改时间 — when it was changed; a change after the last recompute makes the days from effective_from dirty';

insert into app.setting (store_id, code, value, effective_from) values
    ('*', 'day_cutoff', '00:00', date '2000-01-01'),
    ('*', 'aftersale_days', '7', date '2000-01-01'),
    ('*', 'count_auto_replies', 'false', date '2000-01-01'),
    ('*', 'slow_seconds', '60', date '2000-01-01'),
    ('*', 'slow_count', '1', date '2000-01-01'),
    ('*', 'max_wait_minutes', '10', date '2000-01-01'),
    ('*', 'inquiry_valid_days', '3', date '2000-01-01'),
    ('*', 'final_payment_days', '3', date '2000-01-01'),
    ('*', 'attribution_rule', 'order_created', date '2000-01-01'),
    ('*', 'min_inquiries_for_rank', '30', date '2000-01-01'),
    ('*', 'scorecard_cap', '1.15', date '2000-01-01'),
    ('*', 'filter_buyers', '[]', date '2000-01-01'),
    ('*', 'filter_ad_patterns', '["https?://", "www\\.", "加微信", "加v", "加V", "V信", "威信", "兼职", "刷单", "QQ群", "代运营"]', date '2000-01-01'),
    ('*', 'campaign_days', '["03-08", "06-18", "09-09", "11-11", "12-12"]', date '2000-01-01');

-- The scorecard: a version is every item of a store with one effective_from; the newest version on or before
-- a period's last day scores that period.
create table app.scorecard_item (
    store_id        varchar not null,
    effective_from  date not null,
    metric          varchar not null,
    weight          decimal(6,2) not null,
    target          decimal(18,4) not null,
    direction       varchar not null check (direction in ('higher', 'lower')),
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, metric)
);
comment on table app.scorecard_item is '考核项 — one row per item of a scorecard version (store, effective date); store * is the default scorecard';
comment on column app.scorecard_item.metric is '指标 — a column of kpi_agent_daily';
comment on column app.scorecard_item.weight is '权重 — points of the item at 100 % of target';
comment on column app.scorecard_item.target is '目标值 — for sums (sales_amount, assist_buyers, …) per 30 days, scaled to the period''s length';
comment on column app.scorecard_item.direction is '方向 — higher or lower is better';

insert into app.scorecard_item (store_id, effective_from, metric, weight, target, direction) values
    ('*', date '2000-01-01', 'final_conversion', 25, 0.50, 'higher'),
    ('*', date '2000-01-01', 'sales_amount', 15, 100000, 'higher'),
    ('*', date '2000-01-01', 'aov', 15, 200, 'higher'),
    ('*', date '2000-01-01', 'reply_rate', 10, 1.00, 'higher'),
    ('*', date '2000-01-01', 'first_response_seconds', 10, 20, 'lower'),
    ('*', date '2000-01-01', 'avg_response_seconds', 10, 30, 'lower'),
    ('*', date '2000-01-01', 'qa_ratio', 5, 1.00, 'higher'),
    ('*', date '2000-01-01', 'assist_buyers', 5, 20, 'higher'),
    ('*', date '2000-01-01', 'satisfaction_rate', 5, 0.95, 'higher');
