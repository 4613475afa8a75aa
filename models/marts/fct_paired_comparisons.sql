{#-
    Paired comparison of two agent configurations on the tasks both have a
    score for (HAL-X4, generalised to every source): one row per benchmark
    and unordered pair, oriented so that config A sorts first by
    (config_key, agent_config_id). A task's value for a configuration is the
    mean of its scored cells (repetitions). Binary pairs (every shared value
    0 or 1) get the 2x2 counts and the exact McNemar p-value; every pair gets
    the mean paired difference A - B with a t interval and a task-resampling
    percentile bootstrap interval. Vars: ci_level, bootstrap_resamples,
    bootstrap_seed.
-#}

with

task_grid as (
    select
        benchmark,
        agent_config_id,
        config_key,
        source_system,
        task_id,
        score
    from {{ ref('int_task_grid_matched') }}
),

agent_configs as (
    select
        agent_config_id,
        model
    from {{ ref('int_agent_configs_unioned') }}
),

configs as (
    select distinct
        benchmark,
        agent_config_id,
        config_key,
        source_system
    from task_grid
),

-- a task's value: the mean over its scored cells (repetitions)
task_scores as (
    select
        benchmark,
        agent_config_id,
        task_id,
        {{ float_avg('score') }} as task_score
    from task_grid
    where score is not null
    group by benchmark, agent_config_id, task_id
),

config_pairs as (
    select
        configs_a.benchmark,
        configs_a.agent_config_id as agent_config_id_a,
        configs_b.agent_config_id as agent_config_id_b,
        configs_a.config_key as config_key_a,
        configs_b.config_key as config_key_b,
        configs_a.source_system as source_system_a,
        configs_b.source_system as source_system_b
    from configs as configs_a
    inner join configs as configs_b
        on
            configs_a.benchmark = configs_b.benchmark
            and (
                configs_a.config_key < configs_b.config_key
                or (
                    configs_a.config_key = configs_b.config_key
                    and configs_a.agent_config_id < configs_b.agent_config_id
                )
            )
),

-- every task either configuration has a value for, with both values
pair_tasks as (
    select
        config_pairs.benchmark,
        config_pairs.agent_config_id_a,
        config_pairs.agent_config_id_b,
        task_scores.task_id,
        max(
            case
                when
                    task_scores.agent_config_id
                    = config_pairs.agent_config_id_a
                    then task_scores.task_score
            end
        ) as score_a,
        max(
            case
                when
                    task_scores.agent_config_id
                    = config_pairs.agent_config_id_b
                    then task_scores.task_score
            end
        ) as score_b
    from config_pairs
    inner join task_scores
        on
            config_pairs.benchmark = task_scores.benchmark
            and task_scores.agent_config_id in (
                config_pairs.agent_config_id_a, config_pairs.agent_config_id_b
            )
    group by
        config_pairs.benchmark,
        config_pairs.agent_config_id_a,
        config_pairs.agent_config_id_b,
        task_scores.task_id
),

shared_tasks as (
    select
        benchmark,
        agent_config_id_a,
        agent_config_id_b,
        task_id,
        score_a,
        score_b,
        score_a - score_b as score_difference
    from pair_tasks
    where score_a is not null and score_b is not null
),

pairs_counted as (
    select
        benchmark,
        agent_config_id_a,
        agent_config_id_b,
        count(case when score_a is not null and score_b is not null then 1 end)
            as n_shared,
        count(case when score_a is not null and score_b is null then 1 end)
            as unpaired_a,
        count(case when score_a is null and score_b is not null then 1 end)
            as unpaired_b,
        count(case when score_a = 1 and score_b = 1 then 1 end) as n11,
        count(case when score_a = 1 and score_b = 0 then 1 end) as n10,
        count(case when score_a = 0 and score_b = 1 then 1 end) as n01,
        count(case when score_a = 0 and score_b = 0 then 1 end) as n00
    from pair_tasks
    group by benchmark, agent_config_id_a, agent_config_id_b
),

differences_averaged as (
    select
        benchmark,
        agent_config_id_a,
        agent_config_id_b,
        {{ float_avg('score_a') }} as mean_score_a,
        {{ float_avg('score_b') }} as mean_score_b,
        {{ float_avg('score_difference') }} as diff
    from shared_tasks
    group by benchmark, agent_config_id_a, agent_config_id_b
),

-- two passes, each with exact sums, so that the deviation is the
-- same to the bit on every run
differences_spread as (
    select
        shared_tasks.benchmark,
        shared_tasks.agent_config_id_a,
        shared_tasks.agent_config_id_b,
        sqrt(
            {{ float_sum(
                '(shared_tasks.score_difference - differences_averaged.diff)'
                ~ ' * (shared_tasks.score_difference'
                ~ ' - differences_averaged.diff)'
            ) }} / nullif(cast(count(*) - 1 as double), 0)
        ) as diff_sd
    from shared_tasks
    inner join differences_averaged
        on
            shared_tasks.benchmark = differences_averaged.benchmark
            and shared_tasks.agent_config_id_a
            = differences_averaged.agent_config_id_a
            and shared_tasks.agent_config_id_b
            = differences_averaged.agent_config_id_b
    group by
        shared_tasks.benchmark,
        shared_tasks.agent_config_id_a,
        shared_tasks.agent_config_id_b
),

bootstrap_bounds as (
    {{ bootstrap_percentile_intervals(
        units='shared_tasks',
        group_columns=['benchmark', 'agent_config_id_a', 'agent_config_id_b'],
        unit_column='task_id',
        statistics={'diff': float_avg('score_difference')},
        n_resamples=var('bootstrap_resamples'),
        seed=var('bootstrap_seed'),
        ci_level=var('ci_level')
    ) }}
),

pairs_joined as (
    select
        config_pairs.*,
        agent_configs_a.model as model_a,
        agent_configs_b.model as model_b,
        coalesce(pairs_counted.n_shared, 0) as n_shared,
        coalesce(pairs_counted.unpaired_a, 0) as unpaired_a,
        coalesce(pairs_counted.unpaired_b, 0) as unpaired_b,
        coalesce(pairs_counted.n11, 0) as n11,
        coalesce(pairs_counted.n10, 0) as n10,
        coalesce(pairs_counted.n01, 0) as n01,
        coalesce(pairs_counted.n00, 0) as n00,
        differences_averaged.mean_score_a,
        differences_averaged.mean_score_b,
        differences_averaged.diff,
        differences_spread.diff_sd,
        bootstrap_bounds.diff_low as diff_ci_low_bootstrap,
        bootstrap_bounds.diff_high as diff_ci_high_bootstrap
    from config_pairs
    left join agent_configs as agent_configs_a
        on config_pairs.agent_config_id_a = agent_configs_a.agent_config_id
    left join agent_configs as agent_configs_b
        on config_pairs.agent_config_id_b = agent_configs_b.agent_config_id
    left join pairs_counted
        on
            config_pairs.benchmark = pairs_counted.benchmark
            and config_pairs.agent_config_id_a = pairs_counted.agent_config_id_a
            and config_pairs.agent_config_id_b = pairs_counted.agent_config_id_b
    left join differences_averaged
        on
            config_pairs.benchmark = differences_averaged.benchmark
            and config_pairs.agent_config_id_a
            = differences_averaged.agent_config_id_a
            and config_pairs.agent_config_id_b
            = differences_averaged.agent_config_id_b
    left join differences_spread
        on
            config_pairs.benchmark = differences_spread.benchmark
            and config_pairs.agent_config_id_a
            = differences_spread.agent_config_id_a
            and config_pairs.agent_config_id_b
            = differences_spread.agent_config_id_b
    left join bootstrap_bounds
        on
            config_pairs.benchmark = bootstrap_bounds.benchmark
            and config_pairs.agent_config_id_a
            = bootstrap_bounds.agent_config_id_a
            and config_pairs.agent_config_id_b
            = bootstrap_bounds.agent_config_id_b
),

pairs_typed as (
    select
        *,
        case
            when n_shared = 0 then 'none'
            when n11 + n10 + n01 + n00 = n_shared then 'binary'
            else 'continuous'
        end as comparison_type,
        -- one t critical value per row, computed once (a long expression)
        case
            when n_shared >= 2
                then {{ t_critical_value('n_shared - 1', var('ci_level')) }}
        end as diff_t_critical
    from pairs_joined
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'benchmark', 'agent_config_id_a', 'agent_config_id_b'
        ]) }} as paired_comparison_id,
        benchmark,
        agent_config_id_a,
        agent_config_id_b,
        config_key_a,
        config_key_b,
        -- strings
        source_system_a,
        source_system_b,
        model_a,
        model_b,
        comparison_type,
        -- numbers: tasks
        cast(n_shared as bigint) as n_shared,
        cast(unpaired_a as bigint) as unpaired_a,
        cast(unpaired_b as bigint) as unpaired_b,
        -- numbers: binary outcomes (HAL-X4)
        case when comparison_type = 'binary' then cast(n11 as bigint) end
            as n11,
        case when comparison_type = 'binary' then cast(n10 as bigint) end
            as n10,
        case when comparison_type = 'binary' then cast(n01 as bigint) end
            as n01,
        case when comparison_type = 'binary' then cast(n00 as bigint) end
            as n00,
        case
            when comparison_type = 'binary'
                then {{ mcnemar_exact_p('n10', 'n01') }}
        end as mcnemar_p_value,
        -- numbers: mean paired difference A - B over the shared tasks
        mean_score_a,
        mean_score_b,
        diff,
        diff_sd,
        {{ t_interval(
            'diff', 'diff_sd', 'n_shared', 'low', t_critical='diff_t_critical'
        ) }} as diff_ci_low_t,
        {{ t_interval(
            'diff', 'diff_sd', 'n_shared', 'high', t_critical='diff_t_critical'
        ) }} as diff_ci_high_t,
        diff_ci_low_bootstrap,
        diff_ci_high_bootstrap,
        cast({{ var('ci_level') }} as double) as ci_level,
        cast({{ var('bootstrap_resamples') }} as bigint) as n_resamples,
        cast({{ var('bootstrap_seed') }} as bigint) as bootstrap_seed
    from pairs_typed
)

select * from final
