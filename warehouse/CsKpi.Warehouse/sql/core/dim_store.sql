-- grain: one row per store seen in any file
-- Rebuilt whole on every recompute from etl.touched_days, which names every (store, day) any load brought, so
-- the facts need not be scanned; the key is a hash of store_id, so it never moves.

delete from core.dim_store;

insert into core.dim_store
select
    hash(store_id) >> 1 as store_key,
    store_id,
    min(business_day) as first_day,
    max(business_day) as last_day
from etl.touched_days
group by store_id;
