-- Training (career.md): the events as facts, and table macros that answer HR's questions on a given day, since
-- "passed", "expiring" and "due" all depend on the day asked:
--   select * from marts.training_status(date '2026-06-30');     -- agent × course: passes, attempts, state
--   select * from marts.training_matrix(date '2026-06-30');     -- agents × courses their level and the next require
--   select * from marts.training_agent(date '2026-06-30');      -- per agent: level, counts, certified junior on
--   select * from marts.next_to_learn(date '2026-06-30');       -- per agent, in career.md's order

create table core.fct_training (
    agent_id      varchar not null,
    course_id     varchar not null,
    course_key    bigint,
    event_on      date not null,
    status        varchar not null,
    score         integer,
    pass_score    integer,
    is_pass       boolean not null,
    is_failure    boolean not null,
    expires_on    date,
    is_newest     boolean not null,
    assessor      varchar,
    load_seq      bigint not null
);
comment on table core.fct_training is '培训记录 — one row per training event of an agent on a course, judged against the course''s pass score';
comment on column core.fct_training.agent_id is '客服账号';
comment on column core.fct_training.course_id is '课程编号';
comment on column core.fct_training.course_key is '课程键 — core.dim_course; empty for a course the catalogue does not (yet) hold';
comment on column core.fct_training.event_on is '日期';
comment on column core.fct_training.status is '状态 — planned, in_progress or completed';
comment on column core.fct_training.score is '考核成绩 — of a completion';
comment on column core.fct_training.pass_score is '及格分 — the course''s, when the event was judged';
comment on column core.fct_training.is_pass is '通过 — a completion scoring at least the pass score';
comment on column core.fct_training.is_failure is '未通过 — a completion scoring below the pass score (a failed attempt)';
comment on column core.fct_training.expires_on is '失效日期 — a pass counts until the day before; event_on + valid_months; empty = never expires';
comment on column core.fct_training.is_newest is '最新状态 — the newest event of the (agent, course) pair: its current state';
comment on column core.fct_training.assessor is '考核人';
comment on column core.fct_training.load_seq is '导入顺序 — breaks ties between events of one day';
