-- grain: one row per decision or manual change (app.audit_log), each sealed (app.audit_seal)
-- Appends the rows of the temp table audit_entry (actor, action, agent_id, proposal_id, effective_from, what,
-- before_level, before_coefficient, after_level, after_coefficient, reason) that the caller filled in its transaction.
-- Only ever inserts: the seal's foreign key makes DuckDB refuse any later update or delete of an entry.

create or replace temp table audit_numbered as
select nextval('app.audit_entry_id') as entry_id, current_localtimestamp()::timestamp as logged_at, *
from audit_entry;

insert into app.audit_log
select
    entry_id, logged_at, actor, action, agent_id, proposal_id, effective_from, what, before_level, before_coefficient,
    after_level, after_coefficient, reason,
    app.audit_digest(entry_id, logged_at, actor, action, agent_id, proposal_id, effective_from, what, before_level,
                     before_coefficient, after_level, after_coefficient, reason)
from audit_numbered;

insert into app.audit_seal
select entry_id, digest from app.audit_log semi join audit_numbered using (entry_id);

drop table audit_numbered;
drop table audit_entry;
