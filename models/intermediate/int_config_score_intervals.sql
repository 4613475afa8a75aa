{#-
    Task-resampling percentile bootstrap bounds of mean_score and
    coverage_normalised_score per (benchmark, agent configuration), the
    interval INTERFACE.md asks of fct_config_scores for continuous scores
    (CB-X2: a task's cells, every repetition, move together). The point
    estimates are fct_config_scores's: sum of scores over scored cells and
    over expected (not excluded) cells, with float_sum (order-independent,
    so every build gives the same bits). Vars: bootstrap_resamples,
    bootstrap_seed, ci_level.
-#}

{%- set statistics = {
    'mean_score':
        float_sum('task_score_sum')
        ~ ' / nullif(cast(sum(task_n_scored) as double), 0)',
    'coverage_normalised_score':
        float_sum('task_score_sum')
        ~ ' / nullif(cast(sum(task_n_expected) as double), 0)'
} -%}

with

task_grid as (
    select
        benchmark,
        agent_config_id,
        config_key,
        source_system,
        task_id,
        cell_status,
        score
    from {{ ref('int_task_grid_matched') }}
),

-- one unit per task: its cells (every repetition) are resampled together
tasks_summed as (
    select
        benchmark,
        agent_config_id,
        config_key,
        source_system,
        task_id,
        -- 0 for a task without a score: it still weighs in cov_norm
        coalesce({{ float_sum('score') }}, 0) as task_score_sum,
        count(score) as task_n_scored,
        count(case when cell_status != 'excluded' then 1 end)
            as task_n_expected,
        count(case when score not in (0, 1) then 1 end)
            as task_n_non_binary_scores
    from task_grid
    group by benchmark, agent_config_id, config_key, source_system, task_id
),

-- a task with neither an expected cell nor a score adds nothing to either
-- statistic and is not a unit
bootstrap_units as (
    select
        benchmark,
        agent_config_id,
        task_id,
        task_score_sum,
        task_n_scored,
        task_n_expected
    from tasks_summed
    where task_n_scored > 0 or task_n_expected > 0
),

configs_summed as (
    select
        benchmark,
        agent_config_id,
        config_key,
        source_system,
        count(*) as n_tasks,
        cast(sum(task_n_scored) as bigint) as n_scored,
        cast(sum(task_n_expected) as bigint) as n_expected,
        cast(sum(task_n_non_binary_scores) as bigint)
            as n_non_binary_scores,
        -- null without a score, as in fct_config_scores
        case
            when sum(task_n_scored) > 0
                then {{ float_sum('task_score_sum') }}
        end as score_sum
    from tasks_summed
    group by benchmark, agent_config_id, config_key, source_system
),

bootstrap_bounds as (
    {{ bootstrap_percentile_intervals(
        units='bootstrap_units',
        group_columns=['benchmark', 'agent_config_id'],
        unit_column='task_id',
        statistics=statistics,
        n_resamples=var('bootstrap_resamples'),
        seed=var('bootstrap_seed'),
        ci_level=var('ci_level')
    ) }}
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'configs_summed.benchmark',
            'configs_summed.agent_config_id'
        ]) }} as config_score_id,
        configs_summed.benchmark,
        configs_summed.agent_config_id,
        configs_summed.config_key,
        -- strings
        configs_summed.source_system,
        -- numbers
        configs_summed.n_tasks,
        coalesce(bootstrap_bounds.n_bootstrap_units, 0) as n_bootstrap_tasks,
        configs_summed.n_scored,
        configs_summed.n_expected,
        configs_summed.n_non_binary_scores,
        cast({{ var('bootstrap_resamples') }} as bigint) as n_resamples,
        cast({{ var('bootstrap_seed') }} as bigint) as bootstrap_seed,
        cast({{ var('ci_level') }} as double) as ci_level,
        configs_summed.score_sum
        / nullif(cast(configs_summed.n_scored as double), 0) as mean_score,
        case
            when configs_summed.n_scored > 0
                then bootstrap_bounds.mean_score_low
        end as score_ci_low_bootstrap,
        case
            when configs_summed.n_scored > 0
                then bootstrap_bounds.mean_score_high
        end as score_ci_high_bootstrap,
        configs_summed.score_sum
        / nullif(cast(configs_summed.n_expected as double), 0)
            as coverage_normalised_score,
        case
            when configs_summed.n_expected > 0
                then bootstrap_bounds.coverage_normalised_score_low
        end as coverage_normalised_score_ci_low_bootstrap,
        case
            when configs_summed.n_expected > 0
                then bootstrap_bounds.coverage_normalised_score_high
        end as coverage_normalised_score_ci_high_bootstrap,
        -- booleans
        configs_summed.n_non_binary_scores > 0 as has_non_binary_scores
    from configs_summed
    left join bootstrap_bounds
        on
            configs_summed.benchmark = bootstrap_bounds.benchmark
            and configs_summed.agent_config_id
            = bootstrap_bounds.agent_config_id
)

select * from final
