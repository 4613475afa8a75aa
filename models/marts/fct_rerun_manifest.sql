{%- set cost_rerun_basis = benchmac_setting(
    'benchmac_cost_rerun_basis', 'selected', 'any_attempt'
) -%}
{%- set basis_is_any_attempt = (
    'true' if cost_rerun_basis == 'any_attempt' else 'false'
) -%}

with

benchmac_task_grid as (
    select
        instance_id,
        agent_key,
        selected_experiment_id,
        cell_status,
        failure_category,
        evaluation_status,
        failed_evaluation_errors,
        submission_id,
        n_cost_limit_failures,
        experiment_cost_limit_usd
    from {{ ref('int_benchmac__task_grid_evaluated') }}
    -- kept configurations only: BM-08 discards, BM-01 excludes
    where exclusion_reason is null
),

clawbench_reruns as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        reason,
        detail,
        command_hint
    from {{ ref('int_clawbench__reruns') }}
),

-- HAL and ISO-Bench have no rerun rule of their own: the shared reasons of
-- rules convention 11 from their grid cells (missing -> not_run, selected
-- attempt failed for infrastructure -> rerun, judge failed -> rejudge).
other_task_grids as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        failure_category,
        failure_class
    from {{ ref('int_task_grid_matched') }}
    where source_system in ('hal', 'isobench')
),

-- BM-12: a cell without an experiment, or whose selected completed attempt
-- has no completed evaluation; BM-10: a cost-limit failure (the selected
-- attempt; BM-Q3 any failed attempt of the cell).
benchmac_reruns as (
    select
        instance_id,
        agent_key,
        selected_experiment_id,
        'not_run' as reason,
        'No experiment for this cell.' as detail,
        'uv run experiments/run_experiment.py'
        || ' --configs-yaml experiments/<configs>.yaml'
        || ' --instance-id ''' || instance_id || ''''
        || '  # config ' || agent_key as command_hint
    from benchmac_task_grid
    where cell_status = 'missing'

    union all

    select
        instance_id,
        agent_key,
        selected_experiment_id,
        'run_evaluation' as reason,
        case
            when evaluation_status = 'only_failed_evaluations'
                then
                    'Only failed evaluations of submission '
                    || submission_id || ': ' || failed_evaluation_errors
            else 'No evaluation of submission ' || submission_id || '.'
        end as detail,
        'uv run benchmac eval --instance-id ''' || instance_id || ''''
        || '  # submission ' || submission_id as command_hint
    from benchmac_task_grid
    where cell_status = 'completed' and evaluation_status != 'evaluated'

    union all

    select
        instance_id,
        agent_key,
        selected_experiment_id,
        'raise_cost_limit' as reason,
        case
            when failure_category = 'cost_limit_exceeded'
                then
                    'The selected attempt stopped at the cost limit of '
                    || coalesce(
                        cast(experiment_cost_limit_usd as varchar), 'unknown'
                    )
                    || ' USD.'
            else
                cast(n_cost_limit_failures as varchar)
                || ' failed attempt(s) stopped at the cost limit.'
        end as detail,
        'uv run experiments/run_experiment.py'
        || ' --configs-yaml experiments/<configs>.yaml'
        || ' --instance-id ''' || instance_id || ''''
        || ' --cost-limit-usd '
        || coalesce(
            cast(2 * experiment_cost_limit_usd as varchar), '<higher limit>'
        )
        || '  # config ' || agent_key as command_hint
    from benchmac_task_grid
    where
        failure_category = 'cost_limit_exceeded'
        or ({{ basis_is_any_attempt }} and n_cost_limit_failures > 0)
),

other_reruns as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        case
            when cell_status = 'missing' then 'not_run'
            when failure_class = 'judge' then 'rejudge'
            else 'rerun'
        end as reason,
        case
            when cell_status = 'missing' then 'No attempt for this cell.'
            else
                'The selected attempt failed with ' || failure_category
                || ' (class ' || failure_class || ').'
        end as detail,
        case source_system
            when 'hal'
                then
                    'hal-eval --benchmark ' || benchmark
                    || ' ...  # the run command of configuration '
                    || config_key || ', task ' || task_id
            else
                '# run agent/model ' || config_key || ' on ' || benchmark
                || ' commit ' || task_id
        end as command_hint
    from other_task_grids
    where
        cell_status = 'missing'
        or (cell_status = 'failed' and failure_class in ('infra', 'judge'))
),

reruns_unioned as (
    select
        'benchmac' as source_system,
        'benchmac' as benchmark,
        instance_id as task_id,
        agent_key as config_key,
        cast(0 as bigint) as repetition,
        selected_experiment_id as selected_attempt_key,
        reason,
        detail,
        command_hint
    from benchmac_reruns
    union all
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        reason,
        detail,
        command_hint
    from clawbench_reruns
    union all
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        reason,
        detail,
        command_hint
    from other_reruns
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'benchmark',
            'task_id',
            'source_system',
            'config_key',
            'repetition',
            'reason'
        ]) }} as rerun_id,
        benchmark,
        task_id,
        {{ surrogate_key(['source_system', 'config_key']) }}
            as agent_config_id,
        config_key,
        case
            when selected_attempt_key is not null
                then {{ surrogate_key([
                    'source_system', 'selected_attempt_key'
                ]) }}
        end as selected_attempt_id,
        selected_attempt_key,
        -- strings
        source_system,
        reason,
        detail,
        command_hint,
        -- numbers
        repetition
    from reruns_unioned
)

select * from final
