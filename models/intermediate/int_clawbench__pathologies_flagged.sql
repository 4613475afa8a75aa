{%- set pathology_threshold = var('clawbench_pathology_zero_threshold') -%}

with

audit_slots as (
    select
        cache_sub,
        task_id,
        tier,
        audit_score
    from {{ ref('int_clawbench__audit_slots_scored') }}
),

pairs_aggregated as (
    select
        cache_sub,
        task_id,
        tier,
        count(*) as n_runs,
        count(audit_score) as n_scored,
        max(audit_score) as max_score
    from audit_slots
    group by cache_sub, task_id, tier
),

final as (
    select
        -- ids
        {{ surrogate_key(['cache_sub', 'task_id']) }} as pathology_id,
        cache_sub as config_key,
        task_id,
        -- strings
        tier,
        -- numbers
        cast(n_runs as bigint) as n_runs,
        cast(n_scored as bigint) as n_scored,
        max_score,
        -- booleans: CB-14, every run index scored and every score at or
        -- below the threshold (one absent slot: not flagged)
        n_scored = n_runs
        and max_score <= {{ pathology_threshold }} as is_pathological
    from pairs_aggregated
)

select * from final
