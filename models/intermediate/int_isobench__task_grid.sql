{#-
    The ISO-Bench expected grid in the unified task-grid shape: one row per
    cell (benchmark isobench/<repo>, task human_commit[:8], configuration
    agent/model, repetition 0; ISO-01) with the attempt ISO-16 selects.
-#}

with

tasks as (
    select
        benchmark,
        task_id
    from {{ ref('int_isobench__tasks') }}
    where is_expected
),

attempts as (
    select
        benchmark,
        attempt_key,
        task_id,
        config_key,
        repetition,
        status,
        failure_category,
        exclusion_reason,
        score,
        duration_s,
        cost_usd,
        is_selected
    from {{ ref('int_isobench__attempts') }}
),

-- ISO-Bench publishes no configuration list: a configuration is expected on
-- every task of each benchmark (repo) it has at least one attempt in
configurations as (
    select distinct
        benchmark,
        config_key
    from attempts
),

cells as (
    select
        tasks.benchmark,
        tasks.task_id,
        configurations.config_key,
        cast(0 as bigint) as repetition
    from tasks
    inner join configurations
        on tasks.benchmark = configurations.benchmark
),

-- ISO-16: one selected attempt per (repo, human_commit[:8], agent, model)
selected_attempts as (
    select
        benchmark,
        task_id,
        config_key,
        repetition,
        attempt_key,
        status,
        failure_category,
        exclusion_reason,
        score,
        duration_s,
        cost_usd
    from attempts
    where is_selected
),

final as (
    select
        'isobench' as source_system,
        cells.benchmark,
        cells.task_id,
        cells.config_key,
        cells.repetition,
        selected_attempts.attempt_key as selected_attempt_key,
        -- no ISO-Bench rule excludes a cell; an excluded attempt would be
        case
            when selected_attempts.attempt_key is null then 'missing'
            when selected_attempts.exclusion_reason is not null
                then 'excluded'
            else selected_attempts.status
        end as cell_status,
        selected_attempts.exclusion_reason,
        -- the ISO-06 outcome category, SUCCESS_* included
        selected_attempts.failure_category,
        -- 1 when speedup_band = improved, 0 for another measured speedup
        selected_attempts.score,
        selected_attempts.cost_usd,
        selected_attempts.duration_s
    from cells
    left join selected_attempts
        on
            cells.benchmark = selected_attempts.benchmark
            and cells.task_id = selected_attempts.task_id
            and cells.config_key = selected_attempts.config_key
            and cells.repetition = selected_attempts.repetition
)

select * from final
