-- The items of one role's card in the scorecard version in force for a store on a day (app.scorecards_in_force); a
-- role without a card of its own in that version gets its presale card. Without a role: the presale card, the
-- store's main one (diagnosis standards, the editor's first card).
-- grain: one row per item (metric) of that card
create or replace macro app.scorecard_in_force(store, day, card_role := 'presale') as table
with version as (
    select * from app.scorecards_in_force(store, day)
)
select *
from version
where role = coalesce((select any_value(role) from version where role = card_role), 'presale');
