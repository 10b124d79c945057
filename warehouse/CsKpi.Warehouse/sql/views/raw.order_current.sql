-- The newest state of every order: the highest updated_at, and for a tie (or none) the later load.
create or replace view raw.order_current as
select * exclude (rn) from (
    select *, row_number() over (partition by store_id, order_id order by updated_at desc nulls last, load_seq desc) as rn
    from raw.order_state
) where rn = 1;
