{#-
    CB-16 rows of the rerun manifest, in the shape of the reruns_unioned CTE
    of fct_rerun_manifest, so the lead can add one union branch.
-#}

with

slots as (
    select
        cache_sub,
        task_id,
        run_index,
        selected_attempt_key,
        slot_source,
        is_judge_infra,
        has_harness_error
    from {{ ref('int_clawbench__slots_resolved') }}
),

archived_runs as (
    select
        attempt_key,
        _source_file
    from {{ ref('int_clawbench__archived_runs_scored') }}
),

-- rules/README.md convention 11: rejudge (CB-08 true on the archived run
-- that fills the slot), rerun (a missing slot with a harness-error line,
-- CB-03), not_run (any other missing slot).
reruns as (
    select
        slots.task_id,
        slots.cache_sub,
        slots.run_index,
        slots.selected_attempt_key,
        'rejudge' as reason,
        'The judge failed for infrastructure reasons (CB-08); the score'
        || ' drops J (CB-06) until the run is rejudged.' as detail,
        'rejudge ' || coalesce(archived_runs._source_file, '<run file>')
        || '  # judge model anthropic/claude-sonnet-4-6' as command_hint
    from slots
    left join archived_runs
        on slots.selected_attempt_key = archived_runs.attempt_key
    where
        slots.slot_source in ('archive_main', 'archive_gapfill')
        and slots.is_judge_infra

    union all

    select
        task_id,
        cache_sub,
        run_index,
        selected_attempt_key,
        case
            when has_harness_error then 'rerun' else 'not_run'
        end as reason,
        case
            when has_harness_error
                then
                    'The harness logged "Run ' || task_id || '/'
                    || cast(run_index as varchar)
                    || ' failed" and no run was archived or logged.'
            else 'No archived run or log result for this slot.'
        end as detail,
        'run model ' || cache_sub || ' on task ' || task_id
        || ' run index ' || cast(run_index as varchar)
        || ' into a gap-fill tag of clawbench_tags' as command_hint
    from slots
    where slot_source = 'missing'
),

final as (
    select
        cast('clawbench' as varchar) as source_system,
        cast('clawbench' as varchar) as benchmark,
        cast(task_id as varchar) as task_id,
        cast(cache_sub as varchar) as config_key,
        cast(run_index as bigint) as repetition,
        cast(selected_attempt_key as varchar) as selected_attempt_key,
        cast(reason as varchar) as reason,
        cast(detail as varchar) as detail,
        cast(command_hint as varchar) as command_hint
    from reruns
)

select * from final
