-- grain: one row per agent (store, agent account) of the lake in one month, the top $top by sales: the firm-wide
-- page's agent table across every store of every shard (firm_month.sql's agent rows, in LakeReader.Firm's temp table
-- firm_month_rows).
select store_id, agent_id, agent_name, team, received_buyers, inquiry_buyers, inquiry_paid_final, sales_amount, final_conversion
from firm_month_rows
where not is_store
order by sales_amount desc, store_id, agent_id
limit $top;
