-- The rating that counts per store, buyer, agent and business day: the newest (rated_at, then the later load), since
-- a buyer may change a rating.
create or replace view raw.rating_current as
select * exclude (rn) from (
    select *, row_number() over (partition by store_id, buyer_id, agent_id, business_day order by rated_at desc, load_seq desc) as rn
    from raw.rating
) where rn = 1;
