-- The standard value of every metric for every store on a day, by the role whose agents it holds: the store's own
-- kpi_standard version, else the default's (app.kpi_standard holds a store's standards for every role), else the
-- target of that role's card in the scorecard version in force (the store's own, else the default's). A role without
-- a card of its own in that version borrows no other role's: its metrics have the store's own standards only.
-- card_role picks one role: presale by default, the store's main card (the dashboard's targets, the teams'
-- diagnosis); null gives every role there is (a card's, a roster's, presale), for the agents' diagnosis.
-- grain: one row per store per role per metric with a standard
create or replace macro marts.kpi_standard_on(on_day, card_role := 'presale') as table
with standards as (
    select s.store_id, k.metric, k.standard_value, k.direction, 'standard' as source, k.effective_from
    from core.dim_store as s, lateral app.kpi_standard_in_force(s.store_id, on_day) as k
),
targets as (
    select s.store_id, i.role, i.metric, i.target::double as standard_value, i.direction, 'scorecard' as source, i.effective_from
    from core.dim_store as s, lateral app.scorecards_in_force(s.store_id, on_day) as i
),
roles as (
    select s.store_id, r.role
    from core.dim_store as s,
         (select role from app.scorecard_item union select role from core.dim_agent union select 'presale' union select card_role) as r
    where r.role is not null and (card_role is null or r.role = card_role)
),
final as (
    select r.store_id, r.role, k.metric, k.standard_value, k.direction, k.source, k.effective_from
    from roles as r
    join standards as k on k.store_id = r.store_id
    union all
    select t.*
    from targets as t
    semi join roles as r on r.store_id = t.store_id and r.role = t.role
    anti join standards as k on k.store_id = t.store_id and k.metric = t.metric
)
select * from final;
