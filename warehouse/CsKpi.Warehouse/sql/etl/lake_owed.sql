-- The store-months one recompute rebuilt (run inside its transaction, after the models, while their temp tables
-- stand): the months of the mart days (the marts, the scorecards of those months), of the reception days (the
-- receptions), and of the creation days of the orders whose state or credit was rebuilt (the orders and their
-- credits are partitioned by the month they were created). The Parquet lake replaces these partitions on its next
-- write (ParquetLake). Each row carries the newest recompute that rebuilt it — the run id etl.recompute_run is about
-- to get — so a lake write that read an older recompute consumes only what it wrote.

-- grain: one row per store-month this recompute rebuilt
create or replace temp table lake_touched as
select distinct store_id, month
from (
    select store_id, strftime(business_day, '%Y-%m') as month from mart_day
    union
    select store_id, strftime(business_day, '%Y-%m') from reception_day
    union
    select store_id, month from scorecard_month
    union
    select o.store_id, strftime(o.created_day, '%Y-%m')
    from credit_order_state as o
);

set variable lake_run = (select coalesce(max(run_id), 0) + 1 from etl.recompute_run);

update etl.lake_owed as l
set recompute_run_id = getvariable('lake_run')
from lake_touched as t
where l.store_id = t.store_id and l.month = t.month;

insert into etl.lake_owed
select t.store_id, t.month, getvariable('lake_run')
from lake_touched as t
where not exists (select 1 from etl.lake_owed as l where l.store_id = t.store_id and l.month = t.month);
