with

model_costs as (
    select
        model_cost_id,
        model,
        mean_cost_usd,
        mean_of_mean_latency_s,
        matched_mean_cost_usd,
        matched_mean_of_mean_latency_s,
        n_benchmarks,
        n_cost_benchmarks,
        n_latency_benchmarks,
        n_matched_benchmarks,
        n_runs
    from {{ ref('int_hal__model_costs') }}
),

final as (
    select
        -- ids
        cast(model_cost_id as varchar) as model_cost_id,
        -- strings
        cast('hal' as varchar) as source_system,
        cast(model as varchar) as model,
        -- numbers
        cast(mean_cost_usd as double) as mean_cost_usd,
        cast(mean_of_mean_latency_s as double) as mean_of_mean_latency_s,
        cast(matched_mean_cost_usd as double) as matched_mean_cost_usd,
        cast(matched_mean_of_mean_latency_s as double)
            as matched_mean_of_mean_latency_s,
        cast(n_benchmarks as bigint) as n_benchmarks,
        cast(n_cost_benchmarks as bigint) as n_cost_benchmarks,
        cast(n_latency_benchmarks as bigint) as n_latency_benchmarks,
        cast(n_matched_benchmarks as bigint) as n_matched_benchmarks,
        cast(n_runs as bigint) as n_runs
    from model_costs
)

select * from final
