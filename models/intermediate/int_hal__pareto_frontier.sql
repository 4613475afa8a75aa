{#-
    One row per (benchmark, model) point of int_hal__representative_points
    on the benchmark's two frontiers: cost against accuracy (HAL-14, HAL-15,
    HAL-X1) and mean latency against accuracy (HAL-18), both by the rule of
    macro hal_frontier_ctes. Normalised values are HAL-15's 0-1 rescaling
    over the benchmark's points with both values, a zero range giving 0
    (HAL-Q6's NaN is not restored; HAL-Q5 only concerns the original CSV
    export). Switch hal_single_frontier_distance (HAL-Q2): to_point | zero.
-#}

{%- set single_frontier_distance = hal_analysis_setting(
    'hal_single_frontier_distance', 'to_point', 'zero', ['to_point', 'zero']
) -%}

with recursive

representative_points as (
    select
        representative_point_id,
        representative_run_id,
        benchmark_name,
        model,
        scaffold,
        max_accuracy,
        total_cost_usd,
        mean_latency_s,
        n_scaffolds
    from {{ ref('int_hal__representative_points') }}
),

cost_input as (
    select
        benchmark_name as frontier_group,
        model as point_key,
        total_cost_usd as x,
        max_accuracy as y
    from representative_points
),

latency_input as (
    select
        benchmark_name as frontier_group,
        model as point_key,
        mean_latency_s as x,
        max_accuracy as y
    from representative_points
),

{{ hal_frontier_ctes('cost_input', 'cost', single_frontier_distance) }},

{{ hal_frontier_ctes('latency_input', 'latency', single_frontier_distance) }},

final as (
    select
        -- ids
        representative_points.representative_point_id as pareto_point_id,
        representative_points.representative_run_id,
        -- strings
        representative_points.benchmark_name,
        representative_points.model,
        representative_points.scaffold,
        -- numbers: cost against accuracy (HAL-14, HAL-15)
        representative_points.total_cost_usd as cost_usd,
        representative_points.max_accuracy as accuracy,
        representative_points.mean_latency_s,
        cost_points.x_normalised as cost_normalised,
        cost_points.y_normalised as accuracy_normalised,
        cost_points.pareto_distance,
        cost_points.n_points,
        cost_points.n_frontier_points,
        -- numbers: latency against accuracy (HAL-18)
        latency_points.x_normalised as latency_normalised,
        latency_points.y_normalised as latency_accuracy_normalised,
        latency_points.pareto_distance as latency_pareto_distance,
        representative_points.n_scaffolds,
        -- booleans
        cost_points.is_pareto_optimal,
        cost_points.is_staircase_optimal,
        latency_points.is_pareto_optimal as is_latency_pareto_optimal,
        latency_points.is_staircase_optimal as is_latency_staircase_optimal
    from representative_points
    inner join cost_points
        on
            representative_points.benchmark_name = cost_points.frontier_group
            and representative_points.model = cost_points.point_key
    inner join latency_points
        on
            representative_points.benchmark_name = latency_points.frontier_group
            and representative_points.model = latency_points.point_key
)

select * from final
