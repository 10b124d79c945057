-- The rest of the data dictionary: every column of core, marts and app says its Chinese name and definition
-- (sql/checks/data_dictionary.sql keeps it so).

comment on column app.scorecard_item.store_id is '店铺 — the store, or * for the default scorecard';
comment on column app.scorecard_item.effective_from is '生效日期 — the version: all items of a store with this date';
comment on column app.scorecard_item.changed_by is '修改人';
comment on column app.scorecard_item.changed_at is '修改时间';

comment on column core.dim_agent.store_id is '店铺';
comment on column core.dim_agent.hired_on is '入职日期';
comment on column core.dim_agent.left_on is '离职日期 — null while employed';
comment on column core.dim_course.course_key is '课程键 — surrogate key';
comment on column core.dim_course.course_id is '课程编号';
comment on column core.dim_course.title is '课程名称';
comment on column core.dim_course.category is '类别 — product, tools, scripts, logistics, promotions, policy, platform_rules or mindset';
comment on column core.dim_course.hours is '学时';
comment on column core.dim_date.year is '年';
comment on column core.dim_date.month_start is '月初 — the first day of the month';
comment on column core.dim_date.iso_year is 'ISO 年 — the year the ISO week belongs to';
comment on column core.dim_date.iso_week is 'ISO 周序号 — 1…53';
comment on column core.dim_date.weekday_name is '星期名 — 周一…周日';
comment on column core.dim_store.store_id is '店铺 — as the files name it';

comment on column core.fct_order.store_id is '店铺';
comment on column core.fct_order.order_id is '订单编号 — unique within a store';
comment on column core.fct_order.buyer_id is '买家会员名';
comment on column core.fct_order.created_at is '订单创建时间 — store local time';
comment on column core.fct_order.items is '宝贝总数量';
comment on column core.fct_order.status is '订单状态 — created, paid, shipped, completed, closed or refunded';
comment on column core.fct_order.refunded_at is '退款时间';
comment on column core.fct_order.updated_at is '更新时间 — which state of the order is newest';
comment on column core.fct_order_credit.store_id is '店铺';
comment on column core.fct_order_credit.order_id is '订单编号';

comment on column core.fct_reception.store_id is '店铺';
comment on column core.fct_reception.agent_id is '客服账号 — the seller-side account of the conversation';
comment on column core.fct_reception.buyer_id is '买家';
comment on column core.fct_reception.business_day is '营业日';
comment on column core.fct_question.store_id is '店铺';
comment on column core.fct_question.agent_id is '客服账号';
comment on column core.fct_question.buyer_id is '买家';
comment on column core.fct_question.business_day is '营业日';
comment on column core.fct_question.buyer_messages is '买家消息数 — buyer messages in the run';

comment on column core.store_day_setting.store_id is '店铺';
comment on column core.store_day_setting.business_day is '营业日';
comment on column core.store_day_setting.day_cutoff is '日切时间 — a business day starts at this time of the calendar day (day_cutoff)';
comment on column core.store_day_setting.aftersale_days is '售后判定天数 — a buyer with an order this many days before a reception is after-sale (aftersale_days)';
comment on column core.store_day_setting.count_auto_replies is '自动回复算回复 — count_auto_replies';
comment on column core.store_day_setting.slow_seconds is '慢响应阈值(秒) — slow_seconds';
comment on column core.store_day_setting.slow_count is '慢响应次数 — slow_count';
comment on column core.store_day_setting.max_wait_seconds is '最长等待(秒) — max_wait_minutes × 60: longer gaps do not count as reception time';
comment on column core.store_day_setting.inquiry_valid_days is '询单有效天数 — how far back a message can credit an order (inquiry_valid_days)';
comment on column core.store_day_setting.final_payment_days is '最终付款天数 — final_payment_days';
comment on column core.store_day_setting.attribution_rule is '落实规则 — order_created, paid or order_first';
comment on column core.store_day_setting.min_inquiries_for_rank is '排名最少询单数 — min_inquiries_for_rank';
comment on column core.store_day_setting.scorecard_cap is '单项封顶系数 — scorecard_cap';
comment on column core.store_day_setting.filter_buyers is '过滤买家 — filter_buyers';

comment on column etl.recompute_run.run_id is '重算序号';
comment on column etl.recompute_run.mode is '方式 — full, incremental or range (cskpi recompute --from/--to)';
comment on column etl.recompute_run.through_file_id is '覆盖到的文件 — the highest etl.file_ledger.file_id whose days this run (or an earlier one) recomputed';
comment on column etl.recompute_run.started_at is '开始时间 — settings changed after it are new to the next run';
comment on column etl.recompute_run.finished_at is '结束时间';
comment on column etl.recompute_run.dirty_days is '重算店铺日数 — store-days whose mart rows were rebuilt';
