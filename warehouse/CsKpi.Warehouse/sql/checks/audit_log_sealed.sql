-- every audit log entry keeps its seal and its digest (the log is append-only)
select l.entry_id, case when s.entry_id is null then 'entry has no seal' else 'digest differs from the seal' end as problem
from app.audit_log as l
left join app.audit_seal as s using (entry_id)
where s.entry_id is null or s.digest <> l.digest;
