-- Every role's card of the scorecard version in force for a store on a day: app.scorecard_item's version by
-- app.version_in_force's rule (the store's own newest, else the default's). A version holds every role's card.
-- grain: one row per role and item (metric) of that version
create or replace macro app.scorecards_in_force(store, day) as table
select i.*
from app.version_in_force('app.scorecard_item', store, day) as v
join app.scorecard_item as i on i.store_id = v.store_id and i.effective_from = v.effective_from;
