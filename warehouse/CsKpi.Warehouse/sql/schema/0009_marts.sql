-- marts: the KPIs of metrics.md. The daily tables are filled by sql/marts/<table>.sql; the period macros roll
-- them up as ratios of sums, never means of daily ratios, for pages, the command line and analysts alike.
-- Only the structural columns are listed here: every metric of the registry (metrics/metrics.yml) is added as a
-- column of the daily table of each of its levels, with its comment, by MetricSchema when the warehouse is opened.

create table marts.kpi_agent_daily (
    store_id                      varchar not null,
    team                          varchar not null,
    agent_id                      varchar not null,
    agent_name                    varchar not null,
    business_day                  date not null,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null,
    agent_key                     bigint not null
);

create table marts.kpi_team_daily (
    store_id                      varchar not null,
    team                          varchar not null,
    business_day                  date not null,
    agents                        integer not null,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null
);

create table marts.kpi_store_daily (
    store_id                      varchar not null,
    business_day                  date not null,
    agents                        integer not null,
    next_day_provisional          boolean not null,
    final_provisional             boolean not null
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
