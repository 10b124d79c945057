-- grain: one row per store of the lake in one month: the firm-wide page's store table (firm_month.sql's store rows,
-- which LakeReader.Firm puts in the temp table firm_month_rows: the sums of the store's agents' days, and ratios of those sums).
select store_id, agents, received_buyers, inquiry_buyers, inquiry_paid_final, sales_amount, final_conversion
from firm_month_rows
where is_store
order by sales_amount desc, store_id;
