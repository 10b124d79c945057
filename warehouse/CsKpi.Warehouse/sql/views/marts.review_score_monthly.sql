-- The review score of an agent per month (of the receptions' business days): what the agent page shows and what a
-- scorecard item `review_score` (direction higher, target e.g. 85) would read.
create or replace view marts.review_score_monthly as
with reviews as (
    select r.store_id, r.agent_id, strftime(r.business_day, '%Y-%m') as month, r.score, r.critical_failed, r.example
    from app.chat_review as r
),
final as (
    select store_id, agent_id, month, count(*) as reviews, avg(score) as review_score,
           count(*) filter (where critical_failed) as critical_failures,
           count(*) filter (where example = 'good') as good_examples,
           count(*) filter (where example = 'bad') as bad_examples
    from reviews
    group by store_id, agent_id, month
)
select * from final;
comment on view marts.review_score_monthly is '月度质检得分 — one row per agent per month with reviews: the mean review score (0–100) of receptions of that month';
comment on column marts.review_score_monthly.store_id is '店铺';
comment on column marts.review_score_monthly.agent_id is '客服账号';
comment on column marts.review_score_monthly.month is '月份 — 2026-03, of the reviewed receptions'' business days';
comment on column marts.review_score_monthly.reviews is '质检数';
comment on column marts.review_score_monthly.review_score is '质检得分 — mean of the reviews'' scores, 0–100';
comment on column marts.review_score_monthly.critical_failures is '红线次数 — reviews with a failed critical category';
comment on column marts.review_score_monthly.good_examples is '优秀案例数';
comment on column marts.review_score_monthly.bad_examples is '反面案例数';
