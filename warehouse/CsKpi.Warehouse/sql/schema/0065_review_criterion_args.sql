-- Issue 18: the site shows a proposal's criteria in the viewer's language, so the review stores each criterion's
-- values as values (the levels it compares, the band, the missing courses…) beside the English rule and note that
-- cskpi prints. The page words them from the criterion's code and these.

alter table app.review_criterion add column args varchar;
comment on column app.review_criterion.args is '参数 — JSON of the values the rule and note are made of (levels, band, missing courses), for the site to word them';
