-- The career rules of career.md as versioned settings (architecture decision 6): the ladder, the promotion thresholds,
-- the coefficient bands and the warning rule. Like app.scorecard_item, a version is every row of a store with one
-- effective_from; the store's own newest version on or before a day beats the default's (*); admin and HR edit them.
-- Then what HR decides: the level and coefficient changes (merged into core.dim_agent on every recompute, so they
-- outlive roster loads), and the append-only audit log of every decision and manual change.

create table app.career_level (
    store_id           varchar not null,
    effective_from     date not null,
    level              varchar not null,
    level_rank         integer not null,
    name               varchar not null,
    annual_leave_days  integer not null,
    housing_subsidy    decimal(18,2) not null,
    team_travel        boolean not null,
    coefficient_min    decimal(4,2) not null,
    coefficient_max    decimal(4,2) not null,
    base_bonus         decimal(18,2) not null,
    changed_by         varchar not null default 'system',
    changed_at         timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, level),
    check (coefficient_min <= coefficient_max)
);
comment on table app.career_level is '职级 — the ladder: one row per level of a version (store, effective date); store * is the default ladder';
comment on column app.career_level.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.career_level.effective_from is '生效日期 — the version: every level of a store with this date';
comment on column app.career_level.level is '级别 — the code rosters and courses name (L1…L7)';
comment on column app.career_level.level_rank is '级序 — 1 for the first step of the ladder; the next level has the next rank';
comment on column app.career_level.name is '级别名称 — 新员工, 老员工, 组长, …';
comment on column app.career_level.annual_leave_days is '年假天数';
comment on column app.career_level.housing_subsidy is '住房补贴 — yuan per month';
comment on column app.career_level.team_travel is '团建旅游 — whether the level goes on the team trip';
comment on column app.career_level.coefficient_min is '系数下限 — also the coefficient a promotion to this level starts at';
comment on column app.career_level.coefficient_max is '系数上限';
comment on column app.career_level.base_bonus is '基础奖金 — yuan per month at coefficient 1 and score 100';
comment on column app.career_level.changed_by is '修改人';
comment on column app.career_level.changed_at is '修改时间';

insert into app.career_level (store_id, effective_from, level, level_rank, name, annual_leave_days, housing_subsidy, team_travel,
                              coefficient_min, coefficient_max, base_bonus) values
    ('*', date '2000-01-01', 'L1', 1, '新员工', 5, 0, false, 0.8, 1.0, 1000),
    ('*', date '2000-01-01', 'L2', 2, '特殊技能新员工', 5, 200, false, 0.9, 1.1, 1200),
    ('*', date '2000-01-01', 'L3', 3, '老员工', 7, 300, false, 1.0, 1.3, 1500),
    ('*', date '2000-01-01', 'L4', 4, '组长', 10, 500, true, 1.2, 1.5, 2000),
    ('*', date '2000-01-01', 'L5', 5, '部门主管', 12, 800, true, 1.4, 1.8, 3000),
    ('*', date '2000-01-01', 'L6', 6, '部门经理', 15, 1200, true, 1.6, 2.2, 4000),
    ('*', date '2000-01-01', 'L7', 7, '公司高层', 15, 2000, true, 2.0, 3.0, 6000);

create table app.promotion_threshold (
    store_id          varchar not null,
    effective_from    date not null,
    to_level          varchar not null,
    months_at_level   integer not null,
    min_avg_score     decimal(6,2) not null,
    min_month_score   decimal(6,2) not null,
    changed_by        varchar not null default 'system',
    changed_at        timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, to_level)
);
comment on table app.promotion_threshold is '晋升门槛 — what a promotion to a level asks, per version (store, effective date); store * is the default';
comment on column app.promotion_threshold.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.promotion_threshold.effective_from is '生效日期 — the version: every row of a store with this date';
comment on column app.promotion_threshold.to_level is '目标级别 — the level promoted to';
comment on column app.promotion_threshold.months_at_level is '现级别任职月数 — whole months at the current level at the half''s end, at least';
comment on column app.promotion_threshold.min_avg_score is '平均分下限 — mean of the monthly scorecard totals of the half, at least';
comment on column app.promotion_threshold.min_month_score is '最低分下限 — the lowest monthly total of the half, at least';
comment on column app.promotion_threshold.changed_by is '修改人';
comment on column app.promotion_threshold.changed_at is '修改时间';

insert into app.promotion_threshold (store_id, effective_from, to_level, months_at_level, min_avg_score, min_month_score) values
    ('*', date '2000-01-01', 'L2', 3, 85, 70),
    ('*', date '2000-01-01', 'L3', 6, 90, 75),
    ('*', date '2000-01-01', 'L4', 12, 95, 80),
    ('*', date '2000-01-01', 'L5', 12, 95, 80),
    ('*', date '2000-01-01', 'L6', 18, 100, 85),
    ('*', date '2000-01-01', 'L7', 24, 100, 85);

-- The coefficient step of an agent not promoted, by the half's average: avg_from ≤ avg < avg_below (an empty bound
-- is open). The warning rule sits beside it: both read the same average.
create table app.coefficient_band (
    store_id        varchar not null,
    effective_from  date not null,
    band            varchar not null,
    avg_from        decimal(6,2),
    avg_below       decimal(6,2),
    step            decimal(4,2) not null,
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, band)
);
comment on table app.coefficient_band is '系数档 — the coefficient step of an agent not promoted, by the half''s average score, per version (store, effective date)';
comment on column app.coefficient_band.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.coefficient_band.effective_from is '生效日期 — the version: every band of a store with this date';
comment on column app.coefficient_band.band is '档位 — excellent, good, fair, poor';
comment on column app.coefficient_band.avg_from is '平均分自 — the band holds averages from this (inclusive); empty = no lower bound';
comment on column app.coefficient_band.avg_below is '平均分低于 — up to this (exclusive); empty = no upper bound';
comment on column app.coefficient_band.step is '系数调整 — added to the coefficient, then clamped to the level''s range';
comment on column app.coefficient_band.changed_by is '修改人';
comment on column app.coefficient_band.changed_at is '修改时间';

insert into app.coefficient_band (store_id, effective_from, band, avg_from, avg_below, step) values
    ('*', date '2000-01-01', 'excellent', 100, null, 0.10),
    ('*', date '2000-01-01', 'good', 85, 100, 0.05),
    ('*', date '2000-01-01', 'fair', 70, 85, 0),
    ('*', date '2000-01-01', 'poor', null, 70, -0.10);

create table app.warning_rule (
    store_id              varchar not null,
    effective_from        date not null,
    avg_below             decimal(6,2) not null,
    two_halves_avg_below  decimal(6,2) not null,
    changed_by            varchar not null default 'system',
    changed_at            timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from)
);
comment on table app.warning_rule is '降级预警规则 — a warning when the half''s average is below avg_below, or below two_halves_avg_below in this half and the one before';
comment on column app.warning_rule.store_id is '店铺 — the store, or * for the default of every store';
comment on column app.warning_rule.effective_from is '生效日期';
comment on column app.warning_rule.avg_below is '单半年预警线 — avg below this in one half';
comment on column app.warning_rule.two_halves_avg_below is '连续两个半年预警线 — avg below this in two halves running';
comment on column app.warning_rule.changed_by is '修改人';
comment on column app.warning_rule.changed_at is '修改时间';

insert into app.warning_rule (store_id, effective_from, avg_below, two_halves_avg_below) values ('*', date '2000-01-01', 60, 70);

-- What HR changed: an approved proposal or a manual change sets an agent's level and coefficient from a day on.
-- core/dim_agent.sql merges these with the roster's own changes, newest effective date first: a later roster
-- snapshot that changes the level or coefficient (compared with the roster's previous value) overrides from its date;
-- one that merely repeats the roster's old values does not, so a promotion outlives every roster that never heard of it.
create sequence app.career_change_id start 1;

create table app.agent_career_change (
    change_id       bigint primary key default nextval('app.career_change_id'),
    agent_id        varchar not null,
    effective_from  date not null,
    level           varchar not null,
    coefficient     decimal(4,2) not null,
    source          varchar not null check (source in ('review', 'manual')),
    proposal_id     bigint,
    reason          varchar not null,
    changed_by      varchar not null,
    changed_at      timestamp not null default current_localtimestamp()
);
comment on table app.agent_career_change is '职级变更 — one row per level and coefficient HR set for an agent from a day on: approved review proposals and manual changes';
comment on column app.agent_career_change.change_id is '变更编号';
comment on column app.agent_career_change.agent_id is '客服账号';
comment on column app.agent_career_change.effective_from is '生效日期 — the first day of the agent''s new version in core.dim_agent';
comment on column app.agent_career_change.level is '级别 — from that day';
comment on column app.agent_career_change.coefficient is '系数 — from that day';
comment on column app.agent_career_change.source is '来源 — review (an approved proposal) or manual';
comment on column app.agent_career_change.proposal_id is '评审建议 — app.review_proposal.proposal_id when the source is review';
comment on column app.agent_career_change.reason is '原因 — HR''s comment';
comment on column app.agent_career_change.changed_by is '修改人';
comment on column app.agent_career_change.changed_at is '修改时间 — a change after the last recompute makes the agent''s store dirty from effective_from';

-- The audit log: append-only. DuckDB has no triggers or grants, so the database itself refuses change this way:
-- every entry carries a digest of its content (a CHECK keeps it honest) and a seal row in app.audit_seal references
-- (entry_id, digest) by a foreign key. DuckDB then refuses any UPDATE or DELETE of a sealed entry, and DROP TABLE.
-- Only removing the seal first would open an entry, which no code path does; checks/audit_log_sealed.sql reports an
-- entry without its seal.
create sequence app.audit_entry_id start 1;

create macro app.audit_digest(entry_id, logged_at, actor, action, agent_id, proposal_id, effective_from, what,
                              before_level, before_coefficient, after_level, after_coefficient, reason) as
    md5(concat_ws(chr(31), entry_id, logged_at, actor, action, agent_id, coalesce(proposal_id::varchar, chr(0)),
                  coalesce(effective_from::varchar, chr(0)), what, coalesce(before_level, chr(0)),
                  coalesce(before_coefficient::varchar, chr(0)), coalesce(after_level, chr(0)),
                  coalesce(after_coefficient::varchar, chr(0)), reason));

create table app.audit_log (
    entry_id            bigint primary key,
    logged_at           timestamp not null,
    actor               varchar not null,
    action              varchar not null check (action in ('approve', 'reject', 'manual_change')),
    agent_id            varchar not null,
    proposal_id         bigint,
    effective_from      date,
    what                varchar not null,
    before_level        varchar,
    before_coefficient  decimal(4,2),
    after_level         varchar,
    after_coefficient   decimal(4,2),
    reason              varchar not null,
    digest              varchar not null,
    unique (entry_id, digest),
    check (digest = app.audit_digest(entry_id, logged_at, actor, action, agent_id, proposal_id, effective_from, what,
                                     before_level, before_coefficient, after_level, after_coefficient, reason))
);
comment on table app.audit_log is '审计日志 — append-only: one row per decision on a proposal and per manual change of level or coefficient; never updated or deleted';
comment on column app.audit_log.entry_id is '日志序号';
comment on column app.audit_log.logged_at is '时间 — when it was done';
comment on column app.audit_log.actor is '操作人 — who did it';
comment on column app.audit_log.action is '操作 — approve, reject or manual_change';
comment on column app.audit_log.agent_id is '客服账号 — whose level or coefficient';
comment on column app.audit_log.proposal_id is '评审建议 — the proposal decided; empty for a manual change';
comment on column app.audit_log.effective_from is '生效日期 — from when the change holds; empty for a rejection';
comment on column app.audit_log.what is '内容 — what was done, in words (the proposal and the half)';
comment on column app.audit_log.before_level is '原级别';
comment on column app.audit_log.before_coefficient is '原系数';
comment on column app.audit_log.after_level is '新级别 — the same as before for a rejection';
comment on column app.audit_log.after_coefficient is '新系数 — the same as before for a rejection';
comment on column app.audit_log.reason is '原因 — HR''s comment';
comment on column app.audit_log.digest is '摘要 — md5 of the entry''s content; the seal references it, so changing the entry is refused';

create table app.audit_seal (
    entry_id  bigint primary key,
    digest    varchar not null,
    foreign key (entry_id, digest) references app.audit_log (entry_id, digest)
);
comment on table app.audit_seal is '审计封条 — one row per audit entry, referencing its id and digest so DuckDB refuses to update or delete the entry';
comment on column app.audit_seal.entry_id is '日志序号';
comment on column app.audit_seal.digest is '摘要 — the entry''s digest when it was written';
