-- Chat sampling (抽查聊天记录, planning.md): the rubric reviewers score against, the receptions the weekly job picks,
-- the reviews, and the monthly review score per agent the agent page and a scorecard item read.

create table app.review_rubric (
    store_id        varchar not null,
    effective_from  date not null,
    category        varchar not null,
    position        integer not null,
    name_zh         varchar not null,
    name_en         varchar not null,
    guide_zh        varchar not null,
    guide_en        varchar not null,
    weight          decimal(6,2) not null check (weight >= 0),
    is_critical     boolean not null,
    changed_by      varchar not null default 'system',
    changed_at      timestamp not null default current_localtimestamp(),
    primary key (store_id, effective_from, category)
);
comment on table app.review_rubric is '质检评分表 — one row per category of a rubric version (store, effective date); store * is the default rubric; a reception is scored with the version in force on its business day';
comment on column app.review_rubric.store_id is '店铺 — the store, or * for the default rubric';
comment on column app.review_rubric.effective_from is '生效日期 — the version: every category of a store with this date';
comment on column app.review_rubric.category is '评分项 — code of the category';
comment on column app.review_rubric.position is '顺序 — where the review page lists it';
comment on column app.review_rubric.name_zh is '名称 — Chinese';
comment on column app.review_rubric.name_en is '名称 — English';
comment on column app.review_rubric.guide_zh is '评分说明 — what a reviewer looks for, Chinese';
comment on column app.review_rubric.guide_en is '评分说明 — what a reviewer looks for, English';
comment on column app.review_rubric.weight is '权重 — the category''s share of the 100 points (weights of a version are normalised to 100)';
comment on column app.review_rubric.is_critical is '红线项 — scored pass or fail; failed, it scores the whole review 0';
comment on column app.review_rubric.changed_by is '修改人 — who changed it';
comment on column app.review_rubric.changed_at is '修改时间 — when it was changed';

insert into app.review_rubric (store_id, effective_from, category, position, name_zh, name_en, guide_zh, guide_en, weight, is_critical) values
    ('*', date '2000-01-01', 'greeting', 1, '问候与礼貌用语', 'Greeting and courtesy',
     '及时问候，称呼得体，结束时致谢并道别', 'Greets promptly, addresses the buyer politely, thanks and says goodbye', 10, false),
    ('*', date '2000-01-01', 'responsiveness', 2, '响应及时', 'Responsiveness',
     '每个问题都及时回复，不让买家等待', 'Answers every question promptly; the buyer is never left waiting', 15, false),
    ('*', date '2000-01-01', 'product_knowledge', 3, '产品专业度', 'Product knowledge',
     '回答准确，规格、材质、用法讲得清楚', 'Answers are correct; sizes, materials and use are explained clearly', 20, false),
    ('*', date '2000-01-01', 'selling', 4, '主动推荐与促成', 'Active selling',
     '主动推荐搭配，化解顾虑，适时催付', 'Suggests bundles, handles doubts, reminds to pay at the right time', 20, false),
    ('*', date '2000-01-01', 'resolution', 5, '问题解决', 'Problem solved',
     '买家的问题得到解决或有明确的后续安排', 'The buyer''s problem is solved or has a clear next step', 20, false),
    ('*', date '2000-01-01', 'tone', 6, '服务态度', 'Tone',
     '耐心、热情、不推诿', 'Patient, warm, never passes the buck', 15, false),
    ('*', date '2000-01-01', 'courtesy_red_line', 7, '服务红线', 'Service red line',
     '辱骂、讽刺、与买家争吵即为不合格', 'Insulting, mocking or arguing with the buyer fails the review', 0, true),
    ('*', date '2000-01-01', 'compliance', 8, '平台合规', 'Platform compliance',
     '站外引流、虚假承诺、泄露买家信息即为不合格', 'Off-platform contact, false promises or leaking buyer data fails the review', 0, true);

create table app.review_sample (
    week_start        date not null,
    consultation_key  ubigint primary key,
    store_id          varchar not null,
    agent_id          varchar not null,
    buyer_id          varchar not null,
    business_day      date not null,
    reason            varchar not null check (reason in ('slowest', 'unanswered', 'unconverted', 'largest_order', 'random')),
    reason_value      double,
    picked_at         timestamp not null default current_localtimestamp()
);
comment on table app.review_sample is '抽查样本 — one row per reception picked for review; a reception is picked at most once, and an agent sampled for a week keeps that sample when the job runs again';
comment on column app.review_sample.week_start is '周一 — the Monday of the ISO week the reception''s business day falls in';
comment on column app.review_sample.consultation_key is '咨询键 — core.fct_reception.consultation_key';
comment on column app.review_sample.store_id is '店铺';
comment on column app.review_sample.agent_id is '客服账号';
comment on column app.review_sample.buyer_id is '买家 — unmasked; pages mask it';
comment on column app.review_sample.business_day is '营业日';
comment on column app.review_sample.reason is '抽查原因 — slowest, unanswered, unconverted (inquiry that did not convert), largest_order or random, the first that picked it';
comment on column app.review_sample.reason_value is '原因数值 — mean response seconds, unanswered questions, buyer messages, order amount; null for random';
comment on column app.review_sample.picked_at is '抽取时间';

create table app.chat_review (
    consultation_key  ubigint primary key,
    week_start        date not null,
    store_id          varchar not null,
    agent_id          varchar not null,
    business_day      date not null,
    rubric_store      varchar not null,
    rubric_from       date not null,
    score             double not null,
    critical_failed   boolean not null,
    comment           varchar,
    example           varchar check (example in ('good', 'bad')),
    reviewer          varchar not null,
    reviewed_at       timestamp not null
);
comment on table app.chat_review is '质检结果 — one review per sampled reception; saving again replaces it';
comment on column app.chat_review.consultation_key is '咨询键 — the reviewed reception (app.review_sample)';
comment on column app.chat_review.week_start is '周一 — the sample''s week';
comment on column app.chat_review.store_id is '店铺';
comment on column app.chat_review.agent_id is '客服账号';
comment on column app.chat_review.business_day is '营业日 — of the reception; the month of the review score';
comment on column app.chat_review.rubric_store is '评分表店铺 — the store of the rubric version used, or *';
comment on column app.chat_review.rubric_from is '评分表生效日 — the rubric version used';
comment on column app.chat_review.score is '质检得分 — 0–100: weighted share of the category scores; 0 when a critical category failed';
comment on column app.chat_review.critical_failed is '触犯红线 — a critical category failed';
comment on column app.chat_review.comment is '评语';
comment on column app.chat_review.example is '案例 — good or bad example for training; null = neither';
comment on column app.chat_review.reviewer is '质检员';
comment on column app.chat_review.reviewed_at is '质检时间';

create table app.chat_review_score (
    consultation_key  ubigint not null,
    category          varchar not null,
    weight            decimal(6,2) not null,
    is_critical       boolean not null,
    score             double not null check (score between 0 and 1),
    primary key (consultation_key, category)
);
comment on table app.chat_review_score is '质检分项 — one row per review and rubric category: the reviewer''s score with the weight it had';
comment on column app.chat_review_score.consultation_key is '咨询键 — app.chat_review.consultation_key';
comment on column app.chat_review_score.category is '评分项 — app.review_rubric.category';
comment on column app.chat_review_score.weight is '权重 — as the rubric version said when reviewed';
comment on column app.chat_review_score.is_critical is '红线项';
comment on column app.chat_review_score.score is '得分 — 0–1, the share of the category earned; a critical category is 1 (pass) or 0 (fail)';
