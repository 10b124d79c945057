-- A training event's status, in English or Chinese: planned, in_progress, completed.
create or replace macro etl.training_status(v) as case lower(trim(v))
    when 'planned' then 'planned' when '计划' then 'planned'
    when 'in_progress' then 'in_progress' when '进行中' then 'in_progress'
    when 'completed' then 'completed' when '已完成' then 'completed' end;
