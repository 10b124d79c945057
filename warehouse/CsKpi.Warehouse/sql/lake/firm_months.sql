-- grain: one row per month the lake's kpi_agent_daily holds (a hive partition), newest first.
select distinct month from kpi_agent_daily order by month desc;
