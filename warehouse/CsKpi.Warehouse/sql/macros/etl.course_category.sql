-- A course category: the contract's code, or the Chinese name the catalogue uses.
create or replace macro etl.course_category(v) as case
    when lower(trim(v)) in ('product', 'tools', 'scripts', 'logistics', 'promotions', 'policy', 'platform_rules', 'mindset') then lower(trim(v))
    when trim(v) = '产品' then 'product' when trim(v) = '工具流程' then 'tools' when trim(v) = '话术' then 'scripts'
    when trim(v) = '仓储物流' then 'logistics' when trim(v) = '活动优惠' then 'promotions' when trim(v) = '公司制度' then 'policy'
    when trim(v) = '平台规则' then 'platform_rules' when trim(v) = '职业心态' then 'mindset' end;
