{#-
    One row per HAL run (int_hal__runs_selected) with an interval for its
    accuracy (shared/rules/hal.md section 5):

    wilson     HAL-X2, when results.successful_tasks and failed_tasks are
               both lists with n = |successful| + |failed| > 0: the Wilson
               interval of p = |successful| / n at hal_ci_level, the rule's
               formula, clamped to [0, 1] against rounding; finding
               has_accuracy_mismatch when |p - accuracy| > 1e-6.
    bootstrap  HAL-X3, otherwise, when raw_eval_results holds per-task scores
               (the eval result's score, else its reward, when in [0, 1], as
               int_hal__attempts reads them): a percentile bootstrap of the
               mean task score over the run's tasks, hal_bootstrap_resamples
               resamples, seed hal_bootstrap_seed.
    none       neither (CSV-only runs, Inspect logs kept whole): null bounds.
-#}

{%- set level = var('hal_ci_level') -%}

with

runs_selected as (
    select
        run_id,
        upload_record_id,
        benchmark_name,
        config_key,
        accuracy,
        is_selected
    from {{ ref('int_hal__runs_selected') }}
),

uploads as (
    select
        upload_record_id,
        results_json
    from {{ ref('stg_hal__uploads') }}
),

eval_results as (
    select
        upload_record_id,
        task_id,
        score,
        reward
    from {{ ref('stg_hal__uploads__eval_results') }}
),

-- one entry per task key; the aggregate only guards against a key written
-- twice in one object
eval_results_by_task as (
    select
        upload_record_id,
        task_id,
        max(score) as score,
        max(reward) as reward
    from eval_results
    group by upload_record_id, task_id
),

task_scores as (
    select
        upload_record_id,
        task_id,
        case
            when score between 0 and 1 then score
            when reward between 0 and 1 then reward
        end as task_score
    from eval_results_by_task
),

runs_listed as (
    select
        runs_selected.run_id,
        runs_selected.upload_record_id,
        runs_selected.benchmark_name,
        runs_selected.config_key,
        runs_selected.accuracy,
        runs_selected.is_selected,
        {{ hal_results_list_length(
            'uploads.results_json', 'successful_tasks'
        ) }} as n_successful_listed,
        {{ hal_results_list_length('uploads.results_json', 'failed_tasks') }}
            as n_failed_listed
    from runs_selected
    left join uploads
        on runs_selected.upload_record_id = uploads.upload_record_id
),

run_task_scores as (
    select
        runs_listed.run_id,
        task_scores.task_id,
        task_scores.task_score
    from runs_listed
    inner join task_scores
        on runs_listed.upload_record_id = task_scores.upload_record_id
    where task_scores.task_score is not null
),

task_scores_summarised as (
    select
        run_id,
        count(*) as n_scored_tasks,
        {{ float_avg('task_score') }} as task_score_mean
    from run_task_scores
    group by run_id
),

-- HAL-X2's z, the normal quantile of 1 - (1 - hal_ci_level) / 2
ci_constants as (
    select {{ normal_quantile('1 - (1 - ' ~ level ~ ') / 2') }} as z
),

runs_methods as (
    select
        runs_listed.*,
        task_scores_summarised.task_score_mean,
        coalesce(task_scores_summarised.n_scored_tasks, 0) as n_scored_tasks,
        runs_listed.n_successful_listed + runs_listed.n_failed_listed
            as n_listed,
        case
            when
                runs_listed.n_successful_listed
                + runs_listed.n_failed_listed > 0
                then 'wilson'
            when task_scores_summarised.n_scored_tasks > 0 then 'bootstrap'
            else 'none'
        end as ci_method
    from runs_listed
    left join task_scores_summarised
        on runs_listed.run_id = task_scores_summarised.run_id
),

bootstrap_units as (
    select
        run_task_scores.run_id,
        run_task_scores.task_id,
        run_task_scores.task_score
    from run_task_scores
    inner join runs_methods
        on run_task_scores.run_id = runs_methods.run_id
    where runs_methods.ci_method = 'bootstrap'
),

bootstrap_bounds as (
    {{ bootstrap_percentile_intervals(
        units='bootstrap_units',
        group_columns=['run_id'],
        unit_column='task_id',
        statistics={'task_score_mean': float_avg('task_score')},
        n_resamples=var('hal_bootstrap_resamples'),
        seed=var('hal_bootstrap_seed'),
        ci_level=level
    ) }}
),

final as (
    select
        -- ids
        runs_methods.run_id,
        runs_methods.upload_record_id,
        runs_methods.benchmark_name as benchmark,
        runs_methods.config_key,
        -- strings
        runs_methods.ci_method,
        -- numbers
        runs_methods.accuracy,
        runs_methods.n_successful_listed,
        runs_methods.n_failed_listed,
        cast(runs_methods.n_successful_listed as double)
        / nullif(runs_methods.n_listed, 0) as p_listed,
        runs_methods.n_scored_tasks,
        runs_methods.task_score_mean,
        case runs_methods.ci_method
            when 'wilson'
                then {{ hal_wilson_bound(
                    'runs_methods.n_successful_listed',
                    'runs_methods.n_listed',
                    'low',
                    'ci_constants.z'
                ) }}
            when 'bootstrap' then bootstrap_bounds.task_score_mean_low
        end as accuracy_ci_low,
        case runs_methods.ci_method
            when 'wilson'
                then {{ hal_wilson_bound(
                    'runs_methods.n_successful_listed',
                    'runs_methods.n_listed',
                    'high',
                    'ci_constants.z'
                ) }}
            when 'bootstrap' then bootstrap_bounds.task_score_mean_high
        end as accuracy_ci_high,
        cast({{ level }} as double) as ci_level,
        case
            when runs_methods.ci_method = 'bootstrap'
                then cast({{ var('hal_bootstrap_resamples') }} as bigint)
        end as n_resamples,
        case
            when runs_methods.ci_method = 'bootstrap'
                then cast({{ var('hal_bootstrap_seed') }} as bigint)
        end as bootstrap_seed,
        -- booleans
        coalesce(
            abs(
                cast(runs_methods.n_successful_listed as double)
                / nullif(runs_methods.n_listed, 0)
                - runs_methods.accuracy
            ) > 1e-6,
            false
        ) as has_accuracy_mismatch,
        runs_methods.is_selected
    from runs_methods
    cross join ci_constants
    left join bootstrap_bounds
        on runs_methods.run_id = bootstrap_bounds.run_id
)

select * from final
