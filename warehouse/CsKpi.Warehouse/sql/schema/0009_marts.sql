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

-- Every mart column says its Chinese name and definition, so the data dictionary writes itself. The metric columns'
-- comments come from the metric registry (metrics/metrics.yml), written on open by MetricSchema.
comment on table marts.kpi_agent_daily is '客服日报 — one row per agent per business day with a consultation, a credited sale or refund, an assist or a rating (metrics.md)';
comment on column marts.kpi_agent_daily.store_id is '店铺';
comment on column marts.kpi_agent_daily.team is '小组 — the agent''s team on that day (未登记 for an account no roster names yet)';
comment on column marts.kpi_agent_daily.agent_id is '客服账号';
comment on column marts.kpi_agent_daily.agent_name is '客服姓名 — 未登记 for an account no roster names yet';
comment on column marts.kpi_agent_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_agent_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_agent_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';
comment on column marts.kpi_agent_daily.agent_key is '客服版本键 — core.dim_agent version of that day';

comment on table marts.kpi_team_daily is '小组日报 — one row per team per business day: sums of its agents'' rows, ratios of those sums';
comment on column marts.kpi_team_daily.store_id is '店铺';
comment on column marts.kpi_team_daily.team is '小组 — the agent''s team on that day (未登记 for an account no roster names yet)';
comment on column marts.kpi_team_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_team_daily.agents is '客服数 — agents with a row that day';
comment on column marts.kpi_team_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_team_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';

comment on table marts.kpi_store_daily is '店铺日报 — one row per store per business day: sums of its agents'' rows, ratios of those sums, and the store-only shares';
comment on column marts.kpi_store_daily.store_id is '店铺';
comment on column marts.kpi_store_daily.business_day is '营业日 — calendar date of a time minus day_cutoff';
comment on column marts.kpi_store_daily.agents is '客服数 — agents with a row that day';
comment on column marts.kpi_store_daily.next_day_provisional is '次日转化待定 — true until the data watermark passes the end of the next business day (延迟统计)';
comment on column marts.kpi_store_daily.final_provisional is '最终转化待定 — true until the data watermark passes the end of day + final_payment_days (延迟统计)';
