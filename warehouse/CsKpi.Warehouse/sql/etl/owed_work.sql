-- What committed work still owes (one row): loads the marts have not recomputed yet, settings changed since the last
-- recompute began, and the newest recompute next to the one the analyst snapshot holds. A recompute consumes the
-- first two in its own transaction (its etl.recompute_run row); a snapshot the third (its etl.snapshot_run row).
-- A range recompute (cskpi recompute --from --to) covers only some days, so it consumes no load and no setting.
with last_recompute as (
    select through_file_id, started_at
    from etl.recompute_run
    where mode <> 'range'
    order by run_id desc
    limit 1
),

settings_changed as (
    select changed_at from app.setting
    union all
    select changed_at from app.scorecard_item
    union all
    select changed_at from app.agent_career_change
    union all
    -- a metric registry whose numbers differ from the one the marts were computed with
    select changed_at from etl.metric_registry_change
),

final as (
    select
        (select count(*) from etl.file_ledger
         where outcome = 'loaded' and file_id > coalesce((select through_file_id from last_recompute), 0)) as loads_not_recomputed,
        -- before the first recompute there are no marts for a setting to be out of date in
        (select count(*) from settings_changed
         where changed_at > (select started_at from last_recompute)) as settings_changed,
        (select max(run_id) from etl.recompute_run) as last_recompute_run,
        (select max(recompute_run_id) from etl.snapshot_run) as snapshot_recompute_run,
        (select count(*) from etl.snapshot_run) as snapshots_written
)

select * from final
