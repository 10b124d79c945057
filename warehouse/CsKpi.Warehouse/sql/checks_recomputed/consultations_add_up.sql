-- consult = received + filtered, replied <= received, inquiries <= received, on every mart row (an incremental recompute: the store-days of mart_day)
-- As checks/consultations_add_up.sql over the store-days whose mart rows the recompute rebuilt (mart_day).
-- An agent report's counts are the CS tool's, as it counts them (source report): not checked here. Nor are the team
-- and store rows of a day whose agent rows come from reports: reports of different layouts carry different metrics,
-- so a team's consultations may sum fewer agents than its receptions (a sum no report of an agent carried is empty).
-- Each mart is semi-joined with mart_day as it is read, not wrapped in a select * of the store-days: DuckDB binds every
-- column a star names (≈ 70 metrics a mart) before it drops the unused ones, which was half of this check's planning.
with report_day as (
    select distinct store_id, business_day from marts.kpi_agent_daily semi join mart_day using (store_id, business_day) where source = 'report'
)

select 'kpi_agent_daily' as mart, store_id, business_day, agent_id as who
from marts.kpi_agent_daily semi join mart_day using (store_id, business_day)
where source = 'chats' and (consult_buyers <> received_buyers + filtered_buyers or replied_buyers > received_buyers
   or inquiry_buyers > received_buyers or inquiry_paid_next_day > inquiry_paid_final or inquiry_paid_final > inquiry_buyers)
union all
select 'kpi_team_daily', t.store_id, t.business_day, t.team
from marts.kpi_team_daily as t
semi join mart_day as d on d.store_id = t.store_id and d.business_day = t.business_day
anti join report_day as r on r.store_id = t.store_id and r.business_day = t.business_day
where t.consult_buyers <> t.received_buyers + t.filtered_buyers or t.replied_buyers > t.received_buyers
union all
select 'kpi_store_daily', s.store_id, s.business_day, ''
from marts.kpi_store_daily as s
semi join mart_day as d on d.store_id = s.store_id and d.business_day = s.business_day
anti join report_day as r on r.store_id = s.store_id and r.business_day = s.business_day
where s.consult_buyers <> s.received_buyers + s.filtered_buyers or s.replied_buyers > s.received_buyers;
