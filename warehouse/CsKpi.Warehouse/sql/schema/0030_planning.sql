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
