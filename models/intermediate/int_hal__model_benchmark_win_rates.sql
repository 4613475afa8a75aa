{#-
    One row per win-rate method, benchmark and model: HAL-13's aggregation
    "by model and benchmark" of int_hal__win_rates, the cell of HAL-19's
    win-rate heatmaps (per_scaffold: over the model's scaffolds on the
    benchmark; the other methods have one group per benchmark, so the
    aggregate is that group's rate). Same columns and rules as
    int_hal__model_win_rates.
-#}

with

win_rates as (
    select
        method,
        benchmark_name,
        model,
        wins,
        ties,
        losses,
        comparisons,
        win_rate
    from {{ ref('int_hal__win_rates') }}
),

rates_aggregated as (
    select
        method,
        benchmark_name,
        model,
        {{ float_avg('win_rate') }} as win_rate_mean,
        stddev_samp(win_rate) as win_rate_std,
        count(win_rate) as win_rate_count,
        sum(wins) as wins_sum,
        sum(ties) as ties_sum,
        sum(losses) as losses_sum,
        sum(comparisons) as comparisons_sum,
        count(*) as n_groups
    from win_rates
    group by method, benchmark_name, model
),

final as (
    select
        -- ids
        {{ surrogate_key(['method', 'benchmark_name', 'model']) }}
            as model_benchmark_win_rate_id,
        -- strings
        method,
        benchmark_name,
        model,
        -- numbers
        win_rate_mean,
        win_rate_std,
        cast(win_rate_count as bigint) as win_rate_count,
        cast(wins_sum as bigint) as wins_sum,
        cast(ties_sum as bigint) as ties_sum,
        cast(losses_sum as bigint) as losses_sum,
        cast(comparisons_sum as bigint) as comparisons_sum,
        cast(wins_sum as double) / nullif(comparisons_sum, 0)
            as overall_win_rate,
        (cast(wins_sum as double) + 0.5 * ties_sum)
        / nullif(comparisons_sum, 0) as overall_win_rate_half_ties,
        cast(n_groups as bigint) as n_groups
    from rates_aggregated
)

select * from final
