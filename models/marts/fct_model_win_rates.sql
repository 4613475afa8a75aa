with

model_win_rates as (
    select
        model_win_rate_id,
        method,  -- noqa: RF04
        model,
        win_rate_mean,
        win_rate_std,
        win_rate_count,
        wins_sum,
        ties_sum,
        losses_sum,
        comparisons_sum,
        overall_win_rate,
        overall_win_rate_half_ties,
        n_groups,
        n_benchmarks
    from {{ ref('int_hal__model_win_rates') }}
),

final as (
    select
        -- ids
        cast(model_win_rate_id as varchar) as model_win_rate_id,
        -- strings
        cast('hal' as varchar) as source_system,
        cast(method as varchar) as method,  -- noqa: RF04
        cast(model as varchar) as model,
        -- numbers
        cast(win_rate_mean as double) as win_rate_mean,
        cast(win_rate_std as double) as win_rate_std,
        cast(win_rate_count as bigint) as win_rate_count,
        cast(wins_sum as bigint) as wins_sum,
        cast(ties_sum as bigint) as ties_sum,
        cast(losses_sum as bigint) as losses_sum,
        cast(comparisons_sum as bigint) as comparisons_sum,
        cast(overall_win_rate as double) as overall_win_rate,
        cast(overall_win_rate_half_ties as double)
            as overall_win_rate_half_ties,
        cast(n_groups as bigint) as n_groups,
        cast(n_benchmarks as bigint) as n_benchmarks
    from model_win_rates
)

select * from final
