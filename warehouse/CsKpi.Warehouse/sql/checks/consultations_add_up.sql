-- consult = received + filtered, replied <= received, inquiries <= received, on every mart row
select 'kpi_agent_daily' as mart, store_id, business_day, agent_id as who from marts.kpi_agent_daily
-- an agent report's counts are the CS tool's, as it counts them (source report): not checked here
where source = 'chats' and (consult_buyers <> received_buyers + filtered_buyers or replied_buyers > received_buyers
   or inquiry_buyers > received_buyers or inquiry_paid_next_day > inquiry_paid_final or inquiry_paid_final > inquiry_buyers)
union all
select 'kpi_team_daily', store_id, business_day, team from marts.kpi_team_daily
where consult_buyers <> received_buyers + filtered_buyers or replied_buyers > received_buyers
union all
select 'kpi_store_daily', store_id, business_day, '' from marts.kpi_store_daily
where consult_buyers <> received_buyers + filtered_buyers or replied_buyers > received_buyers;
