-- marts: the KPIs of metrics.md. The daily tables are filled by sql/marts/<table>.sql; the period macros roll
-- them up as ratios of sums, never means of daily ratios, for pages, the command line and analysts alike.

create table marts.kpi_agent_daily (
    store_id                      varchar not null,
    team                          varchar not null,
    agent_id                      varchar not null,
    agent_name                    varchar not null,
    business_day                  date not null,
    consult_buyers                integer not null,
    filtered_buyers               integer not null,
    received_buyers               integer not null,
    inquiry_buyers                integer not null,
    replied_buyers                integer not null,
    unreplied_buyers              integer not null,
    reply_rate                    double,
    buyer_messages                integer not null,
    agent_messages                integer not null,
    qa_ratio                      double,
    first_response_seconds        double,
    avg_response_seconds          double,
    slow_buyers                   integer not null,
    reception_seconds             double not null,
    avg_reception_seconds         double,
    sales_amount                  decimal(18,2) not null,
    sales_items                   integer not null,
    sales_buyers                  integer not null,
    aov                           double,
    items_per_buyer               double,
    refund_amount                 decimal(18,2) not null,
    inquiry_paid_next_day         integer not null,
    inquiry_paid_final            integer not null,
    next_day_conversion           double,
    final_conversion              double,
    rated_buyers                  integer not null,
    satisfied_buyers              integer not null,
    satisfaction_rate             double,
    roi                           double,
    assist_buyers                 integer not null,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null,
    first_responses               integer not null,
    first_response_total_seconds  double not null,
    answered_questions            integer not null,
    response_total_seconds        double not null,
    daily_cost                    decimal(18,4),
    agent_key                     bigint not null
);

create table marts.kpi_team_daily (
    store_id                      varchar not null,
    team                          varchar not null,
    business_day                  date not null,
    agents                        integer not null,
    consult_buyers                integer not null,
    filtered_buyers               integer not null,
    received_buyers               integer not null,
    inquiry_buyers                integer not null,
    replied_buyers                integer not null,
    unreplied_buyers              integer not null,
    reply_rate                    double,
    buyer_messages                integer not null,
    agent_messages                integer not null,
    qa_ratio                      double,
    first_response_seconds        double,
    avg_response_seconds          double,
    slow_buyers                   integer not null,
    reception_seconds             double not null,
    avg_reception_seconds         double,
    sales_amount                  decimal(18,2) not null,
    sales_items                   integer not null,
    sales_buyers                  integer not null,
    aov                           double,
    items_per_buyer               double,
    refund_amount                 decimal(18,2) not null,
    inquiry_paid_next_day         integer not null,
    inquiry_paid_final            integer not null,
    next_day_conversion           double,
    final_conversion              double,
    rated_buyers                  integer not null,
    satisfied_buyers              integer not null,
    satisfaction_rate             double,
    roi                           double,
    assist_buyers                 integer not null,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null,
    first_responses               integer not null,
    first_response_total_seconds  double not null,
    answered_questions            integer not null,
    response_total_seconds        double not null,
    costed_sales_amount           decimal(18,2) not null,
    daily_cost                    decimal(18,4)
);

create table marts.kpi_store_daily (
    store_id                      varchar not null,
    business_day                  date not null,
    agents                        integer not null,
    consult_buyers                integer not null,
    filtered_buyers               integer not null,
    received_buyers               integer not null,
    inquiry_buyers                integer not null,
    replied_buyers                integer not null,
    unreplied_buyers              integer not null,
    reply_rate                    double,
    buyer_messages                integer not null,
    agent_messages                integer not null,
    qa_ratio                      double,
    first_response_seconds        double,
    avg_response_seconds          double,
    slow_buyers                   integer not null,
    reception_seconds             double not null,
    avg_reception_seconds         double,
    sales_amount                  decimal(18,2) not null,
    sales_items                   integer not null,
    sales_buyers                  integer not null,
    aov                           double,
    items_per_buyer               double,
    refund_amount                 decimal(18,2) not null,
    inquiry_paid_next_day         integer not null,
    inquiry_paid_final            integer not null,
    next_day_conversion           double,
    final_conversion              double,
    rated_buyers                  integer not null,
    satisfied_buyers              integer not null,
    satisfaction_rate             double,
    roi                           double,
    assist_buyers                 integer not null,
    total_paid_amount             decimal(18,2) not null,
    silent_amount                 decimal(18,2) not null,
    cs_sales_share                double,
    paid_buyers                   integer not null,
    credited_paid_buyers          integer not null,
    cs_buyer_share                double,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null,
    first_responses               integer not null,
    first_response_total_seconds  double not null,
    answered_questions            integer not null,
    response_total_seconds        double not null,
    costed_sales_amount           decimal(18,2) not null,
    daily_cost                    decimal(18,4)
);

-- Every mart column says its Chinese name and definition, so the data dictionary writes itself.
comment on table marts.kpi_agent_daily is '客服日报 — one row per agent per business day with a consultation, a credited sale or refund, an assist or a rating (metrics.md)';
comment on column marts.kpi_agent_daily.store_id is '店铺';
comment on column marts.kpi_agent_daily.team is '小组 — the agent''s team on that day (未登记 for an account no roster names yet)';
comment on column marts.kpi_agent_daily.agent_id is '客服账号';
comment on column marts.kpi_agent_daily.agent_name is '客服姓名 — 未登记 for an account no roster names yet';
comment on column marts.kpi_agent_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_agent_daily.consult_buyers is '咨询人数 — consultations: (agent, buyer) pairs in which the buyer wrote that day';
comment on column marts.kpi_agent_daily.filtered_buyers is '接待过滤人数 — consultations filtered as blocked buyer, ad or no text';
comment on column marts.kpi_agent_daily.received_buyers is '接待人数 — consultations not filtered (receptions)';
comment on column marts.kpi_agent_daily.inquiry_buyers is '询单人数 — receptions that are inquiries (pre-sale)';
comment on column marts.kpi_agent_daily.replied_buyers is '回复人数 — receptions with at least one answered question';
comment on column marts.kpi_agent_daily.unreplied_buyers is '未回复人数 — received − replied';
comment on column marts.kpi_agent_daily.reply_rate is '回复率 — replied_buyers / received_buyers';
comment on column marts.kpi_agent_daily.buyer_messages is '买家消息数 — buyer messages in receptions';
comment on column marts.kpi_agent_daily.agent_messages is '客服消息数 — agent messages (not auto) in receptions';
comment on column marts.kpi_agent_daily.qa_ratio is '答问比 — agent_messages / buyer_messages';
comment on column marts.kpi_agent_daily.first_response_seconds is '首次响应时间 — seconds; first_response_total_seconds / first_responses';
comment on column marts.kpi_agent_daily.avg_response_seconds is '平均响应时间 — seconds; response_total_seconds / answered_questions';
comment on column marts.kpi_agent_daily.slow_buyers is '慢响应人数 — receptions with at least slow_count answered questions slower than slow_seconds';
comment on column marts.kpi_agent_daily.reception_seconds is '总接待时长 — seconds: gaps between consecutive messages of replied receptions, each up to max_wait_minutes';
comment on column marts.kpi_agent_daily.avg_reception_seconds is '平均接待时长 — reception_seconds / replied_buyers';
comment on column marts.kpi_agent_daily.sales_amount is '销售额 — amount of orders credited and paid that day, yuan';
comment on column marts.kpi_agent_daily.sales_items is '销售量 — items of those orders';
comment on column marts.kpi_agent_daily.sales_buyers is '销售人数 — distinct buyers of those orders (summed over agents above agent level)';
comment on column marts.kpi_agent_daily.aov is '客单价 — sales_amount / sales_buyers';
comment on column marts.kpi_agent_daily.items_per_buyer is '客件数 — sales_items / sales_buyers';
comment on column marts.kpi_agent_daily.refund_amount is '退款金额 — refund_amount of credited orders refunded that day, yuan';
comment on column marts.kpi_agent_daily.inquiry_paid_next_day is '询单→次日付款人数 — inquiry buyers with a credited order created after the first buyer message and paid by the end of the next business day';
comment on column marts.kpi_agent_daily.inquiry_paid_final is '询单→最终付款人数 — the same, paid by the end of day + final_payment_days';
comment on column marts.kpi_agent_daily.next_day_conversion is '询单→次日付款成功率 — inquiry_paid_next_day / inquiry_buyers; provisional while next_day_provisional';
comment on column marts.kpi_agent_daily.final_conversion is '询单→最终付款成功率 — inquiry_paid_final / inquiry_buyers; provisional while final_provisional';
comment on column marts.kpi_agent_daily.rated_buyers is '评价人数 — buyers whose rating of the agent falls on the day';
comment on column marts.kpi_agent_daily.satisfied_buyers is '满意人数 — of those, ratings of 4 or 5';
comment on column marts.kpi_agent_daily.satisfaction_rate is '满意率 — satisfied_buyers / rated_buyers';
comment on column marts.kpi_agent_daily.roi is '投入产出比 — sales of agents with a known cost / their daily cost (monthly_cost / 30); empty when no cost is known';
comment on column marts.kpi_agent_daily.assist_buyers is '协助跟进人数 — buyers of orders paid that day and credited to another agent, to whom this agent wrote between creation − inquiry_valid_days and payment';
comment on column marts.kpi_agent_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_agent_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';
comment on column marts.kpi_agent_daily.first_responses is '首次响应数 — receptions whose first question was answered (denominator of first_response_seconds)';
comment on column marts.kpi_agent_daily.first_response_total_seconds is '首次响应总秒数 — numerator of first_response_seconds';
comment on column marts.kpi_agent_daily.answered_questions is '已回复问题数 — denominator of avg_response_seconds';
comment on column marts.kpi_agent_daily.response_total_seconds is '响应总秒数 — numerator of avg_response_seconds';
comment on column marts.kpi_agent_daily.daily_cost is '日成本 — monthly_cost / 30 of the agents with a known cost; null when none is known';
comment on column marts.kpi_agent_daily.agent_key is '客服版本键 — core.dim_agent version of that day';

comment on table marts.kpi_team_daily is '小组日报 — one row per team per business day: sums of its agents'' rows, ratios of those sums';
comment on column marts.kpi_team_daily.store_id is '店铺';
comment on column marts.kpi_team_daily.team is '小组 — the agent''s team on that day (未登记 for an account no roster names yet)';
comment on column marts.kpi_team_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_team_daily.agents is '客服数 — agents with a row that day';
comment on column marts.kpi_team_daily.consult_buyers is '咨询人数 — consultations: (agent, buyer) pairs in which the buyer wrote that day';
comment on column marts.kpi_team_daily.filtered_buyers is '接待过滤人数 — consultations filtered as blocked buyer, ad or no text';
comment on column marts.kpi_team_daily.received_buyers is '接待人数 — consultations not filtered (receptions)';
comment on column marts.kpi_team_daily.inquiry_buyers is '询单人数 — receptions that are inquiries (pre-sale)';
comment on column marts.kpi_team_daily.replied_buyers is '回复人数 — receptions with at least one answered question';
comment on column marts.kpi_team_daily.unreplied_buyers is '未回复人数 — received − replied';
comment on column marts.kpi_team_daily.reply_rate is '回复率 — replied_buyers / received_buyers';
comment on column marts.kpi_team_daily.buyer_messages is '买家消息数 — buyer messages in receptions';
comment on column marts.kpi_team_daily.agent_messages is '客服消息数 — agent messages (not auto) in receptions';
comment on column marts.kpi_team_daily.qa_ratio is '答问比 — agent_messages / buyer_messages';
comment on column marts.kpi_team_daily.first_response_seconds is '首次响应时间 — seconds; first_response_total_seconds / first_responses';
comment on column marts.kpi_team_daily.avg_response_seconds is '平均响应时间 — seconds; response_total_seconds / answered_questions';
comment on column marts.kpi_team_daily.slow_buyers is '慢响应人数 — receptions with at least slow_count answered questions slower than slow_seconds';
comment on column marts.kpi_team_daily.reception_seconds is '总接待时长 — seconds: gaps between consecutive messages of replied receptions, each up to max_wait_minutes';
comment on column marts.kpi_team_daily.avg_reception_seconds is '平均接待时长 — reception_seconds / replied_buyers';
comment on column marts.kpi_team_daily.sales_amount is '销售额 — amount of orders credited and paid that day, yuan';
comment on column marts.kpi_team_daily.sales_items is '销售量 — items of those orders';
comment on column marts.kpi_team_daily.sales_buyers is '销售人数 — distinct buyers of those orders (summed over agents above agent level)';
comment on column marts.kpi_team_daily.aov is '客单价 — sales_amount / sales_buyers';
comment on column marts.kpi_team_daily.items_per_buyer is '客件数 — sales_items / sales_buyers';
comment on column marts.kpi_team_daily.refund_amount is '退款金额 — refund_amount of credited orders refunded that day, yuan';
comment on column marts.kpi_team_daily.inquiry_paid_next_day is '询单→次日付款人数 — inquiry buyers with a credited order created after the first buyer message and paid by the end of the next business day';
comment on column marts.kpi_team_daily.inquiry_paid_final is '询单→最终付款人数 — the same, paid by the end of day + final_payment_days';
comment on column marts.kpi_team_daily.next_day_conversion is '询单→次日付款成功率 — inquiry_paid_next_day / inquiry_buyers; provisional while next_day_provisional';
comment on column marts.kpi_team_daily.final_conversion is '询单→最终付款成功率 — inquiry_paid_final / inquiry_buyers; provisional while final_provisional';
comment on column marts.kpi_team_daily.rated_buyers is '评价人数 — buyers whose rating of the agent falls on the day';
comment on column marts.kpi_team_daily.satisfied_buyers is '满意人数 — of those, ratings of 4 or 5';
comment on column marts.kpi_team_daily.satisfaction_rate is '满意率 — satisfied_buyers / rated_buyers';
comment on column marts.kpi_team_daily.roi is '投入产出比 — sales of agents with a known cost / their daily cost (monthly_cost / 30); empty when no cost is known';
comment on column marts.kpi_team_daily.assist_buyers is '协助跟进人数 — buyers of orders paid that day and credited to another agent, to whom this agent wrote between creation − inquiry_valid_days and payment';
comment on column marts.kpi_team_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_team_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';
comment on column marts.kpi_team_daily.first_responses is '首次响应数 — receptions whose first question was answered (denominator of first_response_seconds)';
comment on column marts.kpi_team_daily.first_response_total_seconds is '首次响应总秒数 — numerator of first_response_seconds';
comment on column marts.kpi_team_daily.answered_questions is '已回复问题数 — denominator of avg_response_seconds';
comment on column marts.kpi_team_daily.response_total_seconds is '响应总秒数 — numerator of avg_response_seconds';
comment on column marts.kpi_team_daily.costed_sales_amount is '有成本销售额 — sales of agents with a known cost (numerator of roi)';
comment on column marts.kpi_team_daily.daily_cost is '日成本 — monthly_cost / 30 of the agents with a known cost; null when none is known';

comment on table marts.kpi_store_daily is '店铺日报 — one row per store per business day: sums of its agents'' rows, ratios of those sums, and the store-only shares';
comment on column marts.kpi_store_daily.store_id is '店铺';
comment on column marts.kpi_store_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_store_daily.agents is '客服数 — agents with a row that day';
comment on column marts.kpi_store_daily.consult_buyers is '咨询人数 — consultations: (agent, buyer) pairs in which the buyer wrote that day';
comment on column marts.kpi_store_daily.filtered_buyers is '接待过滤人数 — consultations filtered as blocked buyer, ad or no text';
comment on column marts.kpi_store_daily.received_buyers is '接待人数 — consultations not filtered (receptions)';
comment on column marts.kpi_store_daily.inquiry_buyers is '询单人数 — receptions that are inquiries (pre-sale)';
comment on column marts.kpi_store_daily.replied_buyers is '回复人数 — receptions with at least one answered question';
comment on column marts.kpi_store_daily.unreplied_buyers is '未回复人数 — received − replied';
comment on column marts.kpi_store_daily.reply_rate is '回复率 — replied_buyers / received_buyers';
comment on column marts.kpi_store_daily.buyer_messages is '买家消息数 — buyer messages in receptions';
comment on column marts.kpi_store_daily.agent_messages is '客服消息数 — agent messages (not auto) in receptions';
comment on column marts.kpi_store_daily.qa_ratio is '答问比 — agent_messages / buyer_messages';
comment on column marts.kpi_store_daily.first_response_seconds is '首次响应时间 — seconds; first_response_total_seconds / first_responses';
comment on column marts.kpi_store_daily.avg_response_seconds is '平均响应时间 — seconds; response_total_seconds / answered_questions';
comment on column marts.kpi_store_daily.slow_buyers is '慢响应人数 — receptions with at least slow_count answered questions slower than slow_seconds';
comment on column marts.kpi_store_daily.reception_seconds is '总接待时长 — seconds: gaps between consecutive messages of replied receptions, each up to max_wait_minutes';
comment on column marts.kpi_store_daily.avg_reception_seconds is '平均接待时长 — reception_seconds / replied_buyers';
comment on column marts.kpi_store_daily.sales_amount is '销售额 — amount of orders credited and paid that day, yuan';
comment on column marts.kpi_store_daily.sales_items is '销售量 — items of those orders';
comment on column marts.kpi_store_daily.sales_buyers is '销售人数 — distinct buyers of those orders (summed over agents above agent level)';
comment on column marts.kpi_store_daily.aov is '客单价 — sales_amount / sales_buyers';
comment on column marts.kpi_store_daily.items_per_buyer is '客件数 — sales_items / sales_buyers';
comment on column marts.kpi_store_daily.refund_amount is '退款金额 — refund_amount of credited orders refunded that day, yuan';
comment on column marts.kpi_store_daily.inquiry_paid_next_day is '询单→次日付款人数 — inquiry buyers with a credited order created after the first buyer message and paid by the end of the next business day';
comment on column marts.kpi_store_daily.inquiry_paid_final is '询单→最终付款人数 — the same, paid by the end of day + final_payment_days';
comment on column marts.kpi_store_daily.next_day_conversion is '询单→次日付款成功率 — inquiry_paid_next_day / inquiry_buyers; provisional while next_day_provisional';
comment on column marts.kpi_store_daily.final_conversion is '询单→最终付款成功率 — inquiry_paid_final / inquiry_buyers; provisional while final_provisional';
comment on column marts.kpi_store_daily.rated_buyers is '评价人数 — buyers whose rating of the agent falls on the day';
comment on column marts.kpi_store_daily.satisfied_buyers is '满意人数 — of those, ratings of 4 or 5';
comment on column marts.kpi_store_daily.satisfaction_rate is '满意率 — satisfied_buyers / rated_buyers';
comment on column marts.kpi_store_daily.roi is '投入产出比 — sales of agents with a known cost / their daily cost (monthly_cost / 30); empty when no cost is known';
comment on column marts.kpi_store_daily.assist_buyers is '协助跟进人数 — buyers of orders paid that day and credited to another agent, to whom this agent wrote between creation − inquiry_valid_days and payment';
comment on column marts.kpi_store_daily.total_paid_amount is '付款总额 — amount of all orders paid that day, credited or silent';
comment on column marts.kpi_store_daily.silent_amount is '静默销售额 — amount of paid orders credited to nobody';
comment on column marts.kpi_store_daily.cs_sales_share is '客服销售占比 — credited paid amount / total paid amount';
comment on column marts.kpi_store_daily.paid_buyers is '付款人数 — distinct buyers of all orders paid that day';
comment on column marts.kpi_store_daily.credited_paid_buyers is '客服付款人数 — distinct buyers of credited orders paid that day';
comment on column marts.kpi_store_daily.cs_buyer_share is '客服买家占比 — credited_paid_buyers / paid_buyers';
comment on column marts.kpi_store_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_store_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';
comment on column marts.kpi_store_daily.first_responses is '首次响应数 — receptions whose first question was answered (denominator of first_response_seconds)';
comment on column marts.kpi_store_daily.first_response_total_seconds is '首次响应总秒数 — numerator of first_response_seconds';
comment on column marts.kpi_store_daily.answered_questions is '已回复问题数 — denominator of avg_response_seconds';
comment on column marts.kpi_store_daily.response_total_seconds is '响应总秒数 — numerator of avg_response_seconds';
comment on column marts.kpi_store_daily.costed_sales_amount is '有成本销售额 — sales of agents with a known cost (numerator of roi)';
comment on column marts.kpi_store_daily.daily_cost is '日成本 — monthly_cost / 30 of the agents with a known cost; null when none is known';
