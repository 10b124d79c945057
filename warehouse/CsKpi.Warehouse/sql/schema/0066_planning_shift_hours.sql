-- The campaign roster's shift length (planning.md, issue 18.5): the staffing plan covers each hour's Erlang C need
-- with whole shifts of shift_hours hours, so its headcount is people on a roster, not agents online at once.
insert into app.planning_setting (store_id, code, value, effective_from) values
    ('*', 'shift_hours', '8', date '2000-01-01');

comment on column app.planning_setting.code is '设置项 — chat_concurrency, service_level, answer_seconds, shift_hours, sample_slowest, sample_unanswered, sample_unconverted, sample_largest_orders, sample_random_share';
