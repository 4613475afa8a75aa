{%- set runs_per_task = var('clawbench_runs_per_task') -%}
{%- set pathology_threshold = var('clawbench_pathology_zero_threshold') -%}

with

archived_runs as (
    select
        attempt_key,
        sweep_tag,
        cache_sub,
        task_id,
        run_index,
        run_score_effective,
        completion_score,
        is_judge_infra,
        has_assistant_output
    from {{ ref('int_clawbench__archived_runs_scored') }}
),

log_slots as (
    select
        sweep_tag,
        cache_sub,
        task_id,
        run_index,
        logged_score,
        has_result_line,
        has_harness_error
    from {{ ref('int_clawbench__log_slots_mapped') }}
),

slots as (
    select
        cache_sub,
        task_id,
        run_index,
        selected_attempt_key,
        slot_source
    from {{ ref('int_clawbench__slots_resolved') }}
),

tags as (
    select
        sweep_tag,
        role,
        priority
    from {{ ref('clawbench_tags') }}
),

tasks as (
    select task_id
    from {{ ref('clawbench_tasks') }}
),

run_indices as (
    select cast(series.generated_number - 1 as bigint) as run_index
    from ({{ dbt.generate_series(runs_per_task) }}) as series
),

-- CB-13: every task seen in an archive or a log of a listed tag, on the
-- task list or not, x every model of the CB-04 grid x run indices.
tasks_seen as (
    select archived_runs.task_id
    from archived_runs
    inner join tags on archived_runs.sweep_tag = tags.sweep_tag
    union
    select log_slots.task_id
    from log_slots
    inner join tags on log_slots.sweep_tag = tags.sweep_tag
),

models_seen as (
    select distinct cache_sub
    from slots
),

audit_grid as (
    select
        models_seen.cache_sub,
        tasks_seen.task_id,
        run_indices.run_index
    from models_seen
    cross join tasks_seen
    cross join run_indices
),

-- The archived run of a slot: CB-04's archive file for a listed task (main,
-- else gap-fill); for a task off the list, the main tag's file of that
-- index (lowest priority, then tag).
off_list_files_ranked as (
    select
        archived_runs.attempt_key,
        archived_runs.cache_sub,
        archived_runs.task_id,
        archived_runs.run_index,
        row_number() over (
            partition by
                archived_runs.cache_sub,
                archived_runs.task_id,
                archived_runs.run_index
            order by tags.priority, archived_runs.sweep_tag
        ) as file_rank
    from archived_runs
    inner join tags
        on
            archived_runs.sweep_tag = tags.sweep_tag
            and tags.role = 'main'
    left join tasks
        on archived_runs.task_id = tasks.task_id
    where tasks.task_id is null
),

archived_slots as (
    select
        cache_sub,
        task_id,
        run_index,
        selected_attempt_key as attempt_key
    from slots
    where slot_source in ('archive_main', 'archive_gapfill')
    union all
    select
        cache_sub,
        task_id,
        run_index,
        attempt_key
    from off_list_files_ranked
    where file_rank = 1
),

-- The main tags' last result line (CB-03) and harness-error lines of the
-- slot, whatever clawbench_include_log_only_runs says: the per-task audit
-- always reads the logs.
main_log_slots_ranked as (
    select
        log_slots.cache_sub,
        log_slots.task_id,
        log_slots.run_index,
        log_slots.logged_score,
        log_slots.has_result_line,
        log_slots.has_harness_error,
        row_number() over (
            partition by
                log_slots.cache_sub,
                log_slots.task_id,
                log_slots.run_index,
                log_slots.has_result_line
            order by tags.priority, log_slots.sweep_tag
        ) as log_rank
    from log_slots
    inner join tags
        on
            log_slots.sweep_tag = tags.sweep_tag
            and tags.role = 'main'
),

logged_results as (
    select
        cache_sub,
        task_id,
        run_index,
        logged_score
    from main_log_slots_ranked
    where has_result_line and log_rank = 1
),

logged_errors as (
    select
        cache_sub,
        task_id,
        run_index
    from main_log_slots_ranked
    where has_harness_error
    group by all
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'audit_grid.cache_sub',
            'audit_grid.task_id',
            'audit_grid.run_index'
        ]) }} as audit_slot_id,
        audit_grid.cache_sub,
        audit_grid.task_id,
        archived_slots.attempt_key as archived_attempt_key,
        -- strings
        {{ clawbench_tier('audit_grid.task_id') }} as tier,
        -- numbers: the archived score (CB-06), else the logged score
        audit_grid.run_index,
        coalesce(archived_runs.run_score_effective, logged_results.logged_score)
            as audit_score,
        archived_runs.completion_score,
        -- booleans
        tasks.task_id is not null as is_expected_task,
        archived_runs.attempt_key is not null as is_archived,
        archived_runs.attempt_key is null
        and logged_results.logged_score is not null as is_logged_only,
        archived_runs.has_assistant_output,
        archived_runs.is_judge_infra,
        logged_errors.cache_sub is not null as has_harness_error,
        -- CB-14: at or below the pathology threshold (null without a score)
        coalesce(archived_runs.run_score_effective, logged_results.logged_score)
        <= {{ pathology_threshold }} as is_pathology_zero
    from audit_grid
    left join archived_slots
        on
            audit_grid.cache_sub = archived_slots.cache_sub
            and audit_grid.task_id = archived_slots.task_id
            and audit_grid.run_index = archived_slots.run_index
    left join archived_runs
        on archived_slots.attempt_key = archived_runs.attempt_key
    left join logged_results
        on
            audit_grid.cache_sub = logged_results.cache_sub
            and audit_grid.task_id = logged_results.task_id
            and audit_grid.run_index = logged_results.run_index
    left join logged_errors
        on
            audit_grid.cache_sub = logged_errors.cache_sub
            and audit_grid.task_id = logged_errors.task_id
            and audit_grid.run_index = logged_errors.run_index
    left join tasks
        on audit_grid.task_id = tasks.task_id
)

select * from final
