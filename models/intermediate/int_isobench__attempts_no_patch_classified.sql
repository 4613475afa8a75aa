{#-
    ISO-15: why the agent produced no patch. One row per ISO-Bench attempt;
    for AGENT_NO_PATCH and AGENT_TIMEOUT the journal error is matched
    against isobench_agent_error_patterns (first match by priority, a
    case-sensitive substring), unclassified without a match; null for every
    other category.
-#}

with

attempts_categorized as (
    select
        attempt_key,
        outcome_category,
        agent_error
    from {{ ref('int_isobench__attempts_categorized') }}
),

agent_error_patterns as (
    select
        priority,
        pattern,
        no_patch_reason,
        side
    from {{ ref('isobench_agent_error_patterns') }}
),

no_patch_attempts as (
    select
        attempt_key,
        agent_error
    from attempts_categorized
    where outcome_category in ('AGENT_NO_PATCH', 'AGENT_TIMEOUT')
),

patterns_matched as (
    select
        no_patch_attempts.attempt_key,
        agent_error_patterns.pattern,
        agent_error_patterns.no_patch_reason,
        agent_error_patterns.side,
        row_number() over (
            partition by no_patch_attempts.attempt_key
            order by
                agent_error_patterns.priority,
                agent_error_patterns.pattern
        ) as match_rank
    from no_patch_attempts
    inner join agent_error_patterns
        on
            {{ dbt.position(
                'agent_error_patterns.pattern',
                'no_patch_attempts.agent_error'
            ) }} > 0
),

final as (
    select
        -- ids
        attempts_categorized.attempt_key,
        -- strings
        case
            when no_patch_attempts.attempt_key is not null
                then coalesce(patterns_matched.no_patch_reason, 'unclassified')
        end as no_patch_reason,
        -- ours: the side the seed gives (null when unclassified)
        patterns_matched.side as no_patch_side,
        -- the original's view: every no-patch run is an infrastructure
        -- failure
        case
            when no_patch_attempts.attempt_key is not null then 'infra'
        end as no_patch_side_original,
        patterns_matched.pattern as no_patch_pattern,
        no_patch_attempts.agent_error as no_patch_error
    from attempts_categorized
    left join no_patch_attempts
        on attempts_categorized.attempt_key = no_patch_attempts.attempt_key
    left join patterns_matched
        on
            attempts_categorized.attempt_key = patterns_matched.attempt_key
            and patterns_matched.match_rank = 1
)

select * from final
