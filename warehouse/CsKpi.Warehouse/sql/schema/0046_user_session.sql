-- Sessions that end when the account changes (issue 13): the sign-in cookie carries the account's security stamp,
-- and every request compares it with this column; a change of role, store, team, agent, password or activity, and
-- a sign-out, write a new stamp, so every cookie issued before is refused, across restarts too.
-- Supervisors and agent users belong to a store (a supervisor without one saw a team of that name in every store):
-- rows written before get the store their team or agent is in, when the warehouse names exactly one.

alter table app.user_account add column security_stamp varchar;
update app.user_account set security_stamp = cast(uuid() as varchar);

update app.user_account as u
set store_id = (
    select min(a.store_id) from core.dim_agent as a
    where a.is_current and ((u.role = 'supervisor' and a.team = u.team) or (u.role = 'agent' and a.agent_id = u.agent_id))
    having count(distinct a.store_id) = 1
)
where u.role in ('supervisor', 'agent') and u.store_id is null;

comment on column app.user_account.security_stamp is '安全戳 — changes when the role, scope, password or activity changes and on sign-out; a session whose stamp differs has ended';
comment on column app.user_account.store_id is '店铺 — the store a supervisor or agent user belongs to (required for them); empty for every other role';
