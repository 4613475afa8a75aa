with

pareto_frontier as (
    select
        pareto_point_id,
        representative_run_id,
        benchmark_name,
        model,
        scaffold,
        cost_usd,
        accuracy,
        mean_latency_s,
        cost_normalised,
        accuracy_normalised,
        pareto_distance,
        latency_normalised,
        latency_pareto_distance,
        n_points,
        n_frontier_points,
        n_scaffolds,
        is_pareto_optimal,
        is_staircase_optimal,
        is_latency_pareto_optimal,
        is_latency_staircase_optimal
    from {{ ref('int_hal__pareto_frontier') }}
),

final as (
    select
        -- ids
        cast(pareto_point_id as varchar) as pareto_point_id,
        cast(representative_run_id as varchar) as representative_run_id,
        -- strings
        cast('hal' as varchar) as source_system,
        cast(benchmark_name as varchar) as benchmark,
        cast(model as varchar) as model,
        cast(scaffold as varchar) as scaffold,
        -- numbers
        cast(cost_usd as double) as cost_usd,
        cast(accuracy as double) as accuracy,
        cast(mean_latency_s as double) as mean_latency_s,
        cast(cost_normalised as double) as cost_normalised,
        cast(accuracy_normalised as double) as accuracy_normalised,
        cast(pareto_distance as double) as pareto_distance,
        cast(latency_normalised as double) as latency_normalised,
        cast(latency_pareto_distance as double) as latency_pareto_distance,
        cast(n_points as bigint) as n_points,
        cast(n_frontier_points as bigint) as n_frontier_points,
        cast(n_scaffolds as bigint) as n_scaffolds,
        -- booleans
        cast(is_pareto_optimal as boolean) as is_pareto_optimal,
        cast(is_staircase_optimal as boolean) as is_staircase_optimal,
        cast(is_latency_pareto_optimal as boolean) as is_latency_pareto_optimal,
        cast(is_latency_staircase_optimal as boolean)
            as is_latency_staircase_optimal
    from pareto_frontier
)

select * from final
