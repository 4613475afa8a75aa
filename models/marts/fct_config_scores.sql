with

task_grid as (
    select
        benchmark,
        agent_config_id,
        config_key,
        selected_attempt_id,
        source_system,
        cell_status,
        failure_class,
        score,
        cost_usd
    from {{ ref('int_task_grid_matched') }}
),

agent_configs as (
    select
        agent_config_id,
        scaffold,
        model,
        is_discarded
    from {{ ref('int_agent_configs_unioned') }}
),

-- task-resampling bootstrap bounds, used where scores are not all 0 or 1
score_intervals as (
    select
        config_score_id,
        score_ci_low_bootstrap,
        score_ci_high_bootstrap,
        coverage_normalised_score_ci_low_bootstrap,
        coverage_normalised_score_ci_high_bootstrap
    from {{ ref('int_config_score_intervals') }}
),

-- ClawBench's own per-model metrics (CB-07, CB-10, CB-11, CB-15, CB-X1),
-- beside the general columns under the rules file's names
clawbench_model_metrics as (
    select
        config_key,
        n_archived,
        n_log_only,
        n_clean,
        n_infra_zero,
        all_mean,
        clean_mean,
        cov_norm,
        clean_coverage,
        archived_coverage,
        c_pass_runs,
        judge_mean,
        n_judge_scored,
        judge_infra_remaining,
        rejudged,
        model_rank,
        clean_mean_capability,
        clean_coverage_capability,
        has_coverage_mismatch
    from {{ ref('int_clawbench__model_metrics') }}
),

-- Denominators (INTERFACE.md): expected = cells not excluded; attempted =
-- cells with a selected attempt; scored = attempted cells with a score.
-- Clean scores leave out the infra and judge failure classes.
cells_counted as (
    select
        {{ surrogate_key(['benchmark', 'agent_config_id']) }}
            as config_score_id,
        benchmark,
        agent_config_id,
        config_key,
        source_system,
        count(*) as n_cells,
        count(case when cell_status != 'excluded' then 1 end) as n_expected,
        count(selected_attempt_id) as n_attempted,
        count(score) as n_scored,
        {{ float_sum('score') }} as score_sum,
        count(
            case when failure_class not in ('infra', 'judge') then score end
        ) as n_clean_scored,
        {{ float_sum(
            "case when failure_class not in ('infra', 'judge') then score end"
        ) }} as clean_score_sum,
        count(case when score not in (0, 1) then 1 end)
            as n_non_binary_scores,
        {{ float_sum('cost_usd') }} as total_cost_usd
    from task_grid
    group by benchmark, agent_config_id, config_key, source_system
),

final as (
    select
        -- ids
        cells_counted.config_score_id,
        cells_counted.benchmark,
        cells_counted.agent_config_id,
        cells_counted.config_key,
        -- strings
        cells_counted.source_system,
        agent_configs.model,
        agent_configs.scaffold,
        -- numbers
        cells_counted.n_cells,
        cells_counted.n_expected,
        cells_counted.n_attempted,
        cells_counted.n_scored,
        cells_counted.n_clean_scored,
        cast(cells_counted.n_attempted as double)
        / nullif(cells_counted.n_expected, 0) as coverage,
        cells_counted.score_sum / nullif(cells_counted.n_scored, 0)
            as mean_score,
        cells_counted.clean_score_sum
        / nullif(cells_counted.n_clean_scored, 0) as clean_mean_score,
        cells_counted.score_sum / nullif(cells_counted.n_expected, 0)
            as coverage_normalised_score,
        -- Wilson 95% interval over the scored cells when every score is 0
        -- or 1; else the task-resampling bootstrap (int_config_score_intervals)
        case
            when cells_counted.n_non_binary_scores = 0
                then {{ wilson_interval(
                    'cells_counted.score_sum', 'cells_counted.n_scored', 'low'
                ) }}
            else score_intervals.score_ci_low_bootstrap
        end as score_ci_low,
        case
            when cells_counted.n_non_binary_scores = 0
                then {{ wilson_interval(
                    'cells_counted.score_sum', 'cells_counted.n_scored', 'high'
                ) }}
            else score_intervals.score_ci_high_bootstrap
        end as score_ci_high,
        case
            when cells_counted.n_non_binary_scores = 0 then 'wilson'
            when score_intervals.score_ci_low_bootstrap is not null
                then 'bootstrap'
            else 'none'
        end as score_ci_method,
        score_intervals.coverage_normalised_score_ci_low_bootstrap
            as coverage_normalised_score_ci_low,
        score_intervals.coverage_normalised_score_ci_high_bootstrap
            as coverage_normalised_score_ci_high,
        cells_counted.total_cost_usd,
        clawbench_model_metrics.n_archived,
        clawbench_model_metrics.n_log_only,
        clawbench_model_metrics.n_clean,
        clawbench_model_metrics.n_infra_zero,
        clawbench_model_metrics.all_mean,
        clawbench_model_metrics.clean_mean,
        clawbench_model_metrics.cov_norm,
        clawbench_model_metrics.clean_coverage,
        clawbench_model_metrics.archived_coverage,
        clawbench_model_metrics.c_pass_runs,
        clawbench_model_metrics.judge_mean,
        clawbench_model_metrics.n_judge_scored,
        clawbench_model_metrics.judge_infra_remaining,
        clawbench_model_metrics.rejudged,
        clawbench_model_metrics.model_rank,
        clawbench_model_metrics.clean_mean_capability,
        clawbench_model_metrics.clean_coverage_capability,
        -- booleans
        agent_configs.is_discarded,
        clawbench_model_metrics.has_coverage_mismatch
    from cells_counted
    inner join agent_configs
        on cells_counted.agent_config_id = agent_configs.agent_config_id
    left join score_intervals
        on cells_counted.config_score_id = score_intervals.config_score_id
    left join clawbench_model_metrics
        on
            cells_counted.source_system = 'clawbench'
            and cells_counted.config_key = clawbench_model_metrics.config_key
)

select * from final
