{#-
    One row per win-rate method (max_accuracy, pareto_distance), cost axis
    (cost, latency) and model: HAL-18's four frontiers across models, x =
    the model's mean_cost_usd or mean_of_mean_latency_s (HAL-17,
    int_hal__model_costs) and y = its pooled overall_win_rate (HAL-13),
    by the rule of macro hal_frontier_ctes (HAL-14 convex flag, HAL-X1
    staircase flag, HAL-15 normalised values and distance, switch
    hal_single_frontier_distance for HAL-Q2). A model with a null x or y is
    kept with null flags.
-#}

{%- set single_frontier_distance = hal_analysis_setting(
    'hal_single_frontier_distance', 'to_point', 'zero', ['to_point', 'zero']
) -%}

with recursive

model_win_rates as (
    select
        method,
        model,
        overall_win_rate,
        comparisons_sum
    from {{ ref('int_hal__model_win_rates') }}
    where method in ('max_accuracy', 'pareto_distance')
),

model_costs as (
    select
        model,
        mean_cost_usd,
        mean_of_mean_latency_s
    from {{ ref('int_hal__model_costs') }}
),

axes as (
    select 'cost' as axis
    union all
    select 'latency' as axis
),

frontier_input as (
    select
        model_win_rates.method || '/' || axes.axis as frontier_group,
        model_win_rates.model as point_key,
        model_win_rates.method,
        axes.axis,
        case axes.axis
            when 'cost' then model_costs.mean_cost_usd
            else model_costs.mean_of_mean_latency_s
        end as x,
        model_win_rates.overall_win_rate as y,
        model_win_rates.comparisons_sum
    from model_win_rates
    cross join axes
    left join model_costs
        on model_win_rates.model = model_costs.model
),

{{ hal_frontier_ctes('frontier_input', 'model', single_frontier_distance) }},

final as (
    select
        -- ids
        {{ surrogate_key([
            'frontier_input.method',
            'frontier_input.axis',
            'frontier_input.point_key'
        ]) }} as model_frontier_id,
        -- strings
        frontier_input.method,
        frontier_input.axis,
        frontier_input.point_key as model,
        -- numbers
        frontier_input.x as cost_value,
        frontier_input.y as overall_win_rate,
        frontier_input.comparisons_sum,
        model_points.x_normalised as cost_normalised,
        model_points.y_normalised as win_rate_normalised,
        model_points.pareto_distance,
        -- booleans
        model_points.is_pareto_optimal,
        model_points.is_staircase_optimal
    from frontier_input
    inner join model_points
        on
            frontier_input.frontier_group = model_points.frontier_group
            and frontier_input.point_key = model_points.point_key
)

select * from final
