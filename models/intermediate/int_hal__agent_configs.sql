{#-
    The unified agent-configuration shape of int_agent_configs_unioned for
    HAL: one row per (scaffold, model) of formats/hal.md section 4, the
    model carrying its effort as HAL-05 spells it (o4-mini-2025-04-16 high).
    Every run counts, uploads and CSV rows alike. A configuration that the
    status sheet expects (int_hal__expected_runs, HAL-09) but that has no
    run, on a benchmark that has runs, is a configuration too: its grid
    cells are missing, not absent.
-#}

with

runs_unified as (
    select
        run_id,
        benchmark_name,
        config_key,
        agent_name,
        scaffold,
        model,
        model_raw,
        reasoning_effort,
        exclusion_reason,
        is_model_overridden,
        agent_args,
        run_started_at,
        _source_file,
        _source_line
    from {{ ref('int_hal__runs_unified') }}
),

attempts as (
    select config_key
    from {{ ref('int_hal__attempts') }}
),

expected_runs as (
    select
        sheet_row,
        benchmark_name,
        config_key,
        scaffold,
        model,
        agent_raw,
        model_raw
    from {{ ref('int_hal__expected_runs') }}
    where not is_excluded_model
),

attempts_counted as (
    select
        config_key,
        count(*) as n_attempts
    from attempts
    group by config_key
),

-- the configuration's latest run (HAL-08 order) names it and gives its raw
-- model and agent_args
runs_ranked as (
    select
        *,
        row_number() over (
            partition by config_key
            order by
                run_started_at desc nulls last,
                _source_file desc,
                _source_line desc,
                run_id desc
        ) as recency_rank
    from runs_unified
),

configs_aggregated as (
    select
        config_key,
        count(*) as n_runs,
        to_json(array_agg(distinct agent_name order by agent_name))
            as agent_names,
        to_json(array_agg(distinct model_raw order by model_raw))
            as model_raw_names
    from runs_unified
    group by config_key
),

configs_from_runs as (
    select
        cast('hal' as varchar) as source_system,
        cast(runs_ranked.config_key as varchar) as config_key,
        cast(runs_ranked.scaffold as varchar) as scaffold,
        -- the model string from agent_args before hal_model_name_map; the
        -- override's model when the agent name sets it (HAL-05)
        cast(
            case
                when runs_ranked.is_model_overridden then runs_ranked.model
                else runs_ranked.model_raw
            end as varchar
        ) as model_raw,
        cast(runs_ranked.agent_name as varchar) as display_name,
        json_object(
            'scaffold', runs_ranked.scaffold,
            'model', runs_ranked.model,
            'reasoning_effort', runs_ranked.reasoning_effort,
            'agent_args', runs_ranked.agent_args,
            'agent_names', configs_aggregated.agent_names,
            'model_raw_names', configs_aggregated.model_raw_names,
            'n_runs', configs_aggregated.n_runs
        ) as settings,
        cast(coalesce(attempts_counted.n_attempts, 0) as bigint) as n_attempts,
        -- HAL-07 (excluded model) or no model: the configuration has no cell
        cast(runs_ranked.exclusion_reason is not null as boolean)
            as is_discarded
    from runs_ranked
    inner join configs_aggregated
        on runs_ranked.config_key = configs_aggregated.config_key
    left join attempts_counted
        on runs_ranked.config_key = attempts_counted.config_key
    where runs_ranked.recency_rank = 1
),

-- sheet-only configurations: named by their first sheet row
sheet_only_configs as (
    select
        config_key,
        scaffold,
        model,
        agent_raw,
        model_raw,
        row_number() over (
            partition by config_key order by sheet_row
        ) as sheet_rank
    from expected_runs
    where
        config_key not in (select runs_unified.config_key from runs_unified)
        -- only on benchmarks that have runs: a sheet row of a benchmark
        -- never loaded says nothing about this warehouse
        and benchmark_name in (
            select runs_unified.benchmark_name from runs_unified
        )
),

final as (
    select
        source_system,
        config_key,
        scaffold,
        model_raw,
        display_name,
        settings,
        n_attempts,
        is_discarded
    from configs_from_runs
    union all
    select
        cast('hal' as varchar) as source_system,
        cast(config_key as varchar) as config_key,
        cast(scaffold as varchar) as scaffold,
        cast(model_raw as varchar) as model_raw,
        cast(agent_raw as varchar) as display_name,
        json_object(
            'scaffold', scaffold,
            'model', model,
            'n_runs', 0
        ) as settings,
        cast(0 as bigint) as n_attempts,
        false as is_discarded
    from sheet_only_configs
    where sheet_rank = 1
)

select * from final
