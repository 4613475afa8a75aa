{#-
    One row per win-rate method and model: HAL-13's aggregation of
    int_hal__win_rates over every group the model is in (per_scaffold:
    (benchmark, scaffold) groups; the other methods: benchmarks).
    win_rate_mean is the mean of the non-null group rates, win_rate_std
    their sample standard deviation (n - 1, null below 2 rates), and the
    headline overall_win_rate the pooled wins_sum / comparisons_sum (null
    when 0). HAL-X5 adds ties and the pooled half-tie rate; HAL-X6 the
    number of benchmarks behind the rate.
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
        model,
        {{ float_avg('win_rate') }} as win_rate_mean,
        stddev_samp(win_rate) as win_rate_std,
        count(win_rate) as win_rate_count,
        sum(wins) as wins_sum,
        sum(ties) as ties_sum,
        sum(losses) as losses_sum,
        sum(comparisons) as comparisons_sum,
        count(*) as n_groups,
        count(distinct case when comparisons > 0 then benchmark_name end)
            as n_benchmarks
    from win_rates
    group by method, model
),

final as (
    select
        -- ids
        {{ surrogate_key(['method', 'model']) }} as model_win_rate_id,
        -- strings
        method,
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
        cast(n_groups as bigint) as n_groups,
        cast(n_benchmarks as bigint) as n_benchmarks
    from rates_aggregated
)

select * from final
