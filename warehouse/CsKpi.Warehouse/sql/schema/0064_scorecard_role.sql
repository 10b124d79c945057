-- Issue 18 point 3: a scorecard per role. An after-sales agent is scored on service (replies, response times,
-- satisfaction, workload), not on conversion and sales. A version is still every row of one store and effective date,
-- now holding every role's card: saving one role's card copies the other roles' cards in force into the new version,
-- so "the version in force" stays app.version_in_force's one rule. A role without a card of its own in a version
-- (both, or a store's own version that names only presale items) is scored by that version's presale card.
-- The primary key gains the role, so the table is rebuilt.

create table app.scorecard_item_by_role (
    store_id        varchar not null,
    effective_from  date not null,
    role            varchar not null default 'presale',
    metric          varchar not null,
    weight          decimal(6,2) not null,
    target          decimal(18,4) not null,
    direction       varchar not null check (direction in ('higher', 'lower')),
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, role, metric)
);

insert into app.scorecard_item_by_role (store_id, effective_from, role, metric, weight, target, direction, changed_by, changed_at)
select store_id, effective_from, 'presale', metric, weight, target, direction, changed_by, changed_at
from app.scorecard_item;

drop table app.scorecard_item;
alter table app.scorecard_item_by_role rename to scorecard_item;

-- The default after-sales card (weights total 100, so the maximum is 115 like the presale card): every version
-- there is gets it, the stores' own versions too, dated with their version and stamped now, so the next recompute
-- rebuilds the days from each version on and every month is scored by its role's card under the new rules.
insert into app.scorecard_item (store_id, effective_from, role, metric, weight, target, direction, changed_by, changed_at)
select v.store_id, v.effective_from, 'aftersale', d.metric, d.weight, d.target, d.direction, 'system', current_localtimestamp()
from (select distinct store_id, effective_from from app.scorecard_item) as v,
     (values
        ('reply_rate', 20, 1.00, 'higher'),
        ('first_response_seconds', 20, 20, 'lower'),
        ('avg_response_seconds', 20, 30, 'lower'),
        ('satisfaction_rate', 20, 0.95, 'higher'),
        ('received_buyers', 10, 300, 'higher'),
        ('qa_ratio', 10, 1.00, 'higher')
     ) as d(metric, weight, target, direction);

comment on table app.scorecard_item is '考核项 — one row per item of a scorecard version (store, effective date) and role; store * is the default scorecard';
comment on column app.scorecard_item.store_id is '店铺 — the store, or * for the default scorecard';
comment on column app.scorecard_item.effective_from is '生效日期 — the version: all items of a store with this date, every role''s card';
comment on column app.scorecard_item.role is '岗位 — the card''s role (presale, aftersale, or a store''s own); an agent is scored by the card of their role, else by presale';
comment on column app.scorecard_item.metric is '指标 — a column of kpi_agent_daily';
comment on column app.scorecard_item.weight is '权重 — points of the item at 100 % of target';
comment on column app.scorecard_item.target is '目标值 — for sums (sales_amount, assist_buyers, …) per 30 days, scaled to the days scored';
comment on column app.scorecard_item.direction is '方向 — higher or lower is better';
comment on column app.scorecard_item.changed_by is '修改人';
comment on column app.scorecard_item.changed_at is '修改时间';

-- The monthly card says which role's card scored it, the last day it counts and whether it may still change.
alter table marts.scorecard_monthly add column role varchar default 'presale';
alter table marts.scorecard_monthly add column scored_to date;
alter table marts.scorecard_monthly add column in_progress boolean default false;
alter table marts.scorecard_monthly add column is_provisional boolean default false;
update marts.scorecard_monthly set scored_to = period_end;
comment on column marts.scorecard_monthly.role is '考核岗位 — the role whose card scored the month (the agent''s role at month end, else presale)';
comment on column marts.scorecard_monthly.scored_to is '计分截止日 — the month''s last day, or for a month in progress the newest day with data: sum targets × days to it / 30';
comment on column marts.scorecard_monthly.in_progress is '月份进行中 — the data do not reach the month''s last day yet: targets prorated to the days elapsed';
comment on column marts.scorecard_monthly.is_provisional is '暂定 — in progress, or an item''s value may still change (延迟统计): the score and its bonus may change';
