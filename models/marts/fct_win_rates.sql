with

win_rates as (
    select
        win_rate_id,
        method,  -- noqa: RF04
        benchmark_name,
        model,
        scaffold,
        repetition_policy,
        distance_lookup,
        null_score_policy,
        score,
        wins,
        ties,
        losses,
        comparisons,
        win_rate,
        win_rate_half_ties
    from {{ ref('int_hal__win_rates') }}
),

final as (
    select
        -- ids
        cast(win_rate_id as varchar) as win_rate_id,
        -- strings
        cast('hal' as varchar) as source_system,
        cast(method as varchar) as method,  -- noqa: RF04
        cast(benchmark_name as varchar) as benchmark,
        cast(model as varchar) as model,
        cast(scaffold as varchar) as scaffold,
        cast(repetition_policy as varchar) as repetition_policy,
        cast(distance_lookup as varchar) as distance_lookup,
        cast(null_score_policy as varchar) as null_score_policy,
        -- numbers
        cast(score as double) as score,
        cast(wins as bigint) as wins,
        cast(ties as bigint) as ties,  -- noqa: RF04
        cast(losses as bigint) as losses,
        cast(comparisons as bigint) as comparisons,
        cast(win_rate as double) as win_rate,
        cast(win_rate_half_ties as double) as win_rate_half_ties
    from win_rates
)

select * from final
