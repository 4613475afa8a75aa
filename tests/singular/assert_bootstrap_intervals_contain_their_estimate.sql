-- Property of the percentile bootstraps (macros/statistics.sql; CB-X2,
-- HAL-X3): low <= estimate <= high wherever the bounds exist, in
-- int_config_score_intervals (mean_score, coverage_normalised_score),
-- int_hal__run_accuracy_intervals (task_score_mean) and
-- fct_paired_comparisons (diff, bootstrap and t). Returns each interval that
-- leaves its estimate out, with the model and the statistic.
with

config_score_intervals as (
    select
        config_score_id,
        mean_score,
        score_ci_low_bootstrap,
        score_ci_high_bootstrap,
        coverage_normalised_score,
        coverage_normalised_score_ci_low_bootstrap,
        coverage_normalised_score_ci_high_bootstrap
    from {{ ref('int_config_score_intervals') }}
),

run_accuracy_intervals as (
    select
        run_id,
        ci_method,
        task_score_mean,
        accuracy_ci_low,
        accuracy_ci_high
    from {{ ref('int_hal__run_accuracy_intervals') }}
),

paired_comparisons as (
    select
        paired_comparison_id,
        diff,
        diff_ci_low_bootstrap,
        diff_ci_high_bootstrap,
        diff_ci_low_t,
        diff_ci_high_t
    from {{ ref('fct_paired_comparisons') }}
),

intervals as (
    select
        'int_config_score_intervals' as model_name,
        config_score_id as row_id,
        'mean_score' as statistic,
        mean_score as estimate,
        score_ci_low_bootstrap as ci_low,
        score_ci_high_bootstrap as ci_high
    from config_score_intervals
    union all
    select
        'int_config_score_intervals' as model_name,
        config_score_id as row_id,
        'coverage_normalised_score' as statistic,
        coverage_normalised_score as estimate,
        coverage_normalised_score_ci_low_bootstrap as ci_low,
        coverage_normalised_score_ci_high_bootstrap as ci_high
    from config_score_intervals
    union all
    select
        'int_hal__run_accuracy_intervals' as model_name,
        run_id as row_id,
        'task_score_mean' as statistic,
        task_score_mean as estimate,
        accuracy_ci_low as ci_low,
        accuracy_ci_high as ci_high
    from run_accuracy_intervals
    where ci_method = 'bootstrap'
    union all
    select
        'fct_paired_comparisons' as model_name,
        paired_comparison_id as row_id,
        'diff (bootstrap)' as statistic,
        diff as estimate,
        diff_ci_low_bootstrap as ci_low,
        diff_ci_high_bootstrap as ci_high
    from paired_comparisons
    union all
    select
        'fct_paired_comparisons' as model_name,
        paired_comparison_id as row_id,
        'diff (t)' as statistic,
        diff as estimate,
        diff_ci_low_t as ci_low,
        diff_ci_high_t as ci_high
    from paired_comparisons
),

final as (
    select
        model_name,
        row_id,
        statistic,
        estimate,
        ci_low,
        ci_high
    from intervals
    where
        ci_low is not null
        and ci_high is not null
        and not (ci_low <= estimate and estimate <= ci_high)
)

select * from final
