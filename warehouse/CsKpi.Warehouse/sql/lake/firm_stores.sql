-- grain: one row per store of the lake in one month (parameter month, yyyy-mm): the firm-wide page's store table.
-- Reads the view kpi_agent_daily that LakeReader creates over lake/kpi_agent_daily/**/*.parquet (every shard's
-- stores); the month filter is on the hive partition, so only that month's files are read. Ratios of sums.
select
    store_id,
    count(distinct agent_id)::bigint as agents,
    coalesce(sum(received_buyers), 0)::bigint as received_buyers,
    coalesce(sum(inquiry_buyers), 0)::bigint as inquiry_buyers,
    coalesce(sum(inquiry_paid_final), 0)::bigint as inquiry_paid_final,
    coalesce(sum(sales_amount), 0)::double as sales_amount,
    sum(inquiry_paid_final)::double / nullif(sum(inquiry_buyers), 0) as final_conversion
from kpi_agent_daily
where month = $month
group by store_id
order by sales_amount desc, store_id;
