-- The platforms' own service metrics (issue 15): Taobao/Tmall 3分钟人工响应率, JD 咚咚 30秒应答率, Pinduoduo 有效回复率
-- and its 5-, 15- and 60-minute reply rates. Their definitions are in metrics/metrics.yml, the sources and the choices
-- made where the sources are silent in docs/platform-metrics.md. Their windows and thresholds are settings like the
-- others (versioned per store); each platform's settings apply only to the stores of that platform (app.store).
-- Inserting the defaults marks every day dirty (changed_at is now), so the next recompute fills the new columns.
-- The metrics' mart columns (sums and ratios, every level) come from the registry on open (MetricSchema).

insert into app.setting (store_id, code, value, effective_from) values
    ('*', 'taobao_response_hours', '08:00-24:00', date '2000-01-01'),
    ('*', 'taobao_response_seconds', '180', date '2000-01-01'),
    ('*', 'jd_response_hours', '09:00-23:00', date '2000-01-01'),
    ('*', 'jd_response_seconds', '30', date '2000-01-01'),
    ('*', 'pdd_reply_hours', '08:00-23:00', date '2000-01-01'),
    ('*', 'pdd_unanswered_seconds', '3600', date '2000-01-01'),
    ('*', 'pdd_reply_5min_seconds', '300', date '2000-01-01'),
    ('*', 'pdd_reply_15min_seconds', '900', date '2000-01-01'),
    ('*', 'pdd_reply_60min_seconds', '3600', date '2000-01-01');

alter table core.store_day_setting add column platform varchar;
alter table core.store_day_setting add column service_hours integer[];
alter table core.store_day_setting add column taobao_response_seconds double;
alter table core.store_day_setting add column jd_response_seconds double;
alter table core.store_day_setting add column pdd_unanswered_seconds double;
alter table core.store_day_setting add column pdd_reply_5min_seconds double;
alter table core.store_day_setting add column pdd_reply_15min_seconds double;
alter table core.store_day_setting add column pdd_reply_60min_seconds double;
comment on column core.store_day_setting.platform is '平台 — app.store''s platform of the store (taobao, tmall, jd, pdd, douyin, other)';
comment on column core.store_day_setting.service_hours is '平台考核时段 — [from, to) in seconds of the day of the platform''s hours (taobao_response_hours for taobao and tmall, jd_response_hours, pdd_reply_hours); null for other platforms';
comment on column core.store_day_setting.taobao_response_seconds is '3分钟人工响应阈值(秒) — taobao_response_seconds';
comment on column core.store_day_setting.jd_response_seconds is '30秒应答阈值(秒) — jd_response_seconds';
comment on column core.store_day_setting.pdd_unanswered_seconds is '拼多多未回复等待(秒) — pdd_unanswered_seconds: a message waiting longer leaves its buyer unanswered';
comment on column core.store_day_setting.pdd_reply_5min_seconds is '5分钟回复阈值(秒) — pdd_reply_5min_seconds';
comment on column core.store_day_setting.pdd_reply_15min_seconds is '15分钟回复阈值(秒) — pdd_reply_15min_seconds';
comment on column core.store_day_setting.pdd_reply_60min_seconds is '60分钟回复阈值(秒) — pdd_reply_60min_seconds';

alter table core.fct_reception add column is_service_hours boolean;
alter table core.fct_reception add column first_manual_response_seconds double;
alter table core.fct_reception add column longest_manual_wait_seconds double;
comment on column core.fct_reception.is_service_hours is '平台考核时段内 — the first buyer message falls in the service hours of the store''s platform; null for platforms without such metrics';
comment on column core.fct_reception.first_manual_response_seconds is '首次人工响应时间 — seconds from the first buyer message to the first agent message (a person, never an auto reply) after it; null when none came';
comment on column core.fct_reception.longest_manual_wait_seconds is '最长人工等待 — the longest any buyer message sent in service hours waited for an agent message (infinity when none came); null when no buyer message fell in service hours';
