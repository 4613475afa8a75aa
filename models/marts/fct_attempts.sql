with

attempts as (
    select
        attempt_id,
        attempt_key,
        agent_config_id,
        config_key,
        task_id,
        source_system,
        benchmark,
        status,
        failure_category,
        exclusion_reason,
        repetition,
        score,
        duration_s,
        cost_usd,
        is_selected,
        started_at,
        ended_at,
        _source_file,
        _source_line
    from {{ ref('int_attempts_unioned') }}
),

agent_configs as (
    select
        agent_config_id,
        scaffold,
        model
    from {{ ref('int_agent_configs_unioned') }}
),

failure_classes as (
    select
        source_system,
        failure_category,
        failure_class
    from {{ ref('failure_classes') }}
),

-- ISO-15: why an ISO-Bench agent left no patch, from its error text
isobench_no_patch_reasons as (
    select
        attempt_key,
        no_patch_reason
    from {{ ref('int_isobench__attempts_no_patch_classified') }}
),

final as (
    select
        -- ids
        attempts.attempt_id,
        attempts.attempt_key,
        attempts.agent_config_id,
        attempts.config_key,
        attempts.task_id,
        {{ surrogate_key([
            'attempts.source_system', 'attempts.benchmark', 'attempts.task_id'
        ]) }} as benchmark_task_id,
        -- strings
        attempts.source_system,
        attempts.benchmark,
        agent_configs.model,
        agent_configs.scaffold,
        attempts.status,
        attempts.failure_category,
        case
            when attempts.failure_category is null then 'none'
            else failure_classes.failure_class
        end as failure_class,
        attempts.exclusion_reason,
        isobench_no_patch_reasons.no_patch_reason,
        -- numbers
        attempts.repetition,
        attempts.score,
        attempts.duration_s,
        attempts.cost_usd,
        -- booleans
        attempts.is_selected,
        -- timestamps
        attempts.started_at,
        attempts.ended_at,
        -- lineage
        attempts._source_file,
        attempts._source_line
    from attempts
    inner join agent_configs
        on attempts.agent_config_id = agent_configs.agent_config_id
    left join failure_classes
        on
            attempts.source_system = failure_classes.source_system
            and attempts.failure_category = failure_classes.failure_category
    left join isobench_no_patch_reasons
        on
            attempts.source_system = 'isobench'
            and attempts.attempt_key = isobench_no_patch_reasons.attempt_key
)

select * from final
