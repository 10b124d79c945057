-- The chat-review rubric in force for a store on a day: app.review_rubric's version by app.version_in_force's rule.
-- grain: one row per rubric category of that version
create or replace macro app.review_rubric_in_force(store, day) as table
select r.*
from app.version_in_force('app.review_rubric', store, day) as v
join app.review_rubric as r on r.store_id = v.store_id and r.effective_from = v.effective_from;
