{#-
    The expected task-level grid of HAL in the unified task-grid shape: one
    row per (benchmark, task_id, config_key, repetition 0) for every agent
    configuration expected on the benchmark and every task id any upload
    of the benchmark names (int_hal__tasks). A configuration is expected on
    a benchmark when it has a run there or a checked status-sheet row
    (int_hal__expected_runs, HAL-09).

    The cell's attempt is the task's attempt in the configuration's
    selected run (HAL-08, var hal_repetition_policy; tasks never mix runs):

    completed  the selected attempt completed (graded)
    failed     the selected attempt failed (named but never graded:
               failure_category no_eval_result)
    missing    no attempt: the configuration never ran the benchmark (a
               sheet row only), its selected run does not name the task, or
               its selected run is a cleaned-metrics CSV row (no tasks)
    excluded   every run of the configuration on the benchmark is excluded
               (HAL-07 excluded_model, or no_model): exclusion_reason says
               which; no attempt is selected
-#}

with

runs_selected as (
    select
        run_id,
        benchmark_name,
        config_key,
        exclusion_reason,
        is_in_cell,
        is_selected
    from {{ ref('int_hal__runs_selected') }}
),

expected_runs as (
    select
        benchmark_name,
        config_key
    from {{ ref('int_hal__expected_runs') }}
    where not is_excluded_model
),

tasks as (
    select
        benchmark,
        task_id
    from {{ ref('int_hal__tasks') }}
),

attempts as (
    select
        attempt_key,
        benchmark,
        task_id,
        config_key,
        status,
        failure_category,
        score,
        cost_usd,
        duration_s
    from {{ ref('int_hal__attempts') }}
    where is_selected
),

configs_from_runs as (
    select
        benchmark_name,
        config_key,
        bool_or(is_in_cell) as has_cell,
        min(exclusion_reason) as exclusion_reason
    from runs_selected
    group by benchmark_name, config_key
),

configs as (
    select
        benchmark_name,
        config_key,
        has_cell,
        exclusion_reason
    from configs_from_runs
    union all
    select
        expected_runs.benchmark_name,
        expected_runs.config_key,
        true as has_cell,
        cast(null as varchar) as exclusion_reason
    from expected_runs
    left join configs_from_runs
        on
            expected_runs.benchmark_name = configs_from_runs.benchmark_name
            and expected_runs.config_key = configs_from_runs.config_key
    where configs_from_runs.config_key is null
),

cells as (
    select
        tasks.benchmark,
        tasks.task_id,
        configs.config_key,
        configs.has_cell,
        configs.exclusion_reason
    from configs
    inner join tasks
        on configs.benchmark_name = tasks.benchmark
),

final as (
    select
        cast('hal' as varchar) as source_system,
        cast(cells.benchmark as varchar) as benchmark,
        cast(cells.task_id as varchar) as task_id,
        cast(cells.config_key as varchar) as config_key,
        cast(0 as bigint) as repetition,
        cast(
            case when cells.has_cell then attempts.attempt_key end as varchar
        ) as selected_attempt_key,
        cast(
            case
                when not cells.has_cell then 'excluded'
                when attempts.attempt_key is null then 'missing'
                else attempts.status
            end as varchar
        ) as cell_status,
        cast(
            case when not cells.has_cell then cells.exclusion_reason end
            as varchar
        ) as exclusion_reason,
        cast(
            case when cells.has_cell then attempts.failure_category end
            as varchar
        ) as failure_category,
        cast(case when cells.has_cell then attempts.score end as double)
            as score,
        cast(case when cells.has_cell then attempts.cost_usd end as double)
            as cost_usd,
        cast(case when cells.has_cell then attempts.duration_s end as double)
            as duration_s
    from cells
    left join attempts
        on
            cells.benchmark = attempts.benchmark
            and cells.task_id = attempts.task_id
            and cells.config_key = attempts.config_key
)

select * from final
