with

model_frontiers as (
    select
        model_frontier_id,
        method,  -- noqa: RF04
        axis,
        model,
        cost_value,
        overall_win_rate,
        comparisons_sum,
        cost_normalised,
        win_rate_normalised,
        pareto_distance,
        is_pareto_optimal,
        is_staircase_optimal
    from {{ ref('int_hal__model_frontiers') }}
),

final as (
    select
        -- ids
        cast(model_frontier_id as varchar) as model_frontier_id,
        -- strings
        cast('hal' as varchar) as source_system,
        cast(method as varchar) as method,  -- noqa: RF04
        cast(axis as varchar) as axis,
        cast(model as varchar) as model,
        -- numbers
        cast(cost_value as double) as cost_value,
        cast(overall_win_rate as double) as overall_win_rate,
        cast(comparisons_sum as bigint) as comparisons_sum,
        cast(cost_normalised as double) as cost_normalised,
        cast(win_rate_normalised as double) as win_rate_normalised,
        cast(pareto_distance as double) as pareto_distance,
        -- booleans
        cast(is_pareto_optimal as boolean) as is_pareto_optimal,
        cast(is_staircase_optimal as boolean) as is_staircase_optimal
    from model_frontiers
)

select * from final
