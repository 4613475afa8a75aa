{#-
    One row per model with a HAL-08 cell: HAL-17's two-level means and
    HAL-X6's matched version. Level 1: per (model, benchmark), the mean
    total_cost_usd and the mean mean_latency_s over all the model's runs in
    the benchmark, every scaffold and re-run (nulls skipped). Level 2: the
    mean of those over the model's benchmarks (nulls skipped). Models that
    cover different benchmarks are averaged over different sets; the
    matched_* columns restrict level 2 to the benchmarks every model of the
    table ran (null when there is none).
-#}

with

runs_selected as (
    select
        benchmark_name,
        model,
        total_cost_usd,
        mean_latency_s
    from {{ ref('int_hal__runs_selected') }}
    where is_in_cell
),

model_benchmarks as (
    select
        model,
        benchmark_name,
        count(*) as n_runs,
        {{ float_avg('total_cost_usd') }} as mean_cost_usd,
        {{ float_avg('mean_latency_s') }} as mean_latency_s
    from runs_selected
    group by model, benchmark_name
),

models_counted as (
    select count(distinct model) as n_models
    from model_benchmarks
),

-- HAL-X6: benchmarks that every model ran
matched_benchmarks as (
    select model_benchmarks.benchmark_name
    from model_benchmarks
    cross join models_counted
    group by model_benchmarks.benchmark_name, models_counted.n_models
    having count(distinct model_benchmarks.model) = models_counted.n_models
),

model_benchmarks_matched as (
    select
        model_benchmarks.*,
        matched_benchmarks.benchmark_name is not null as is_matched
    from model_benchmarks
    left join matched_benchmarks
        on model_benchmarks.benchmark_name = matched_benchmarks.benchmark_name
),

models_aggregated as (
    select
        model,
        count(*) as n_benchmarks,
        sum(n_runs) as n_runs,
        count(mean_cost_usd) as n_cost_benchmarks,
        count(mean_latency_s) as n_latency_benchmarks,
        count(case when is_matched then 1 end) as n_matched_benchmarks,
        {{ float_avg('mean_cost_usd') }} as mean_cost_usd,
        {{ float_avg('mean_latency_s') }} as mean_of_mean_latency_s,
        {{ float_avg('case when is_matched then mean_cost_usd end') }}
            as matched_mean_cost_usd,
        {{ float_avg('case when is_matched then mean_latency_s end') }}
            as matched_mean_of_mean_latency_s
    from model_benchmarks_matched
    group by model
),

final as (
    select
        -- ids
        {{ surrogate_key(['model']) }} as model_cost_id,
        -- strings
        model,
        -- numbers
        mean_cost_usd,
        mean_of_mean_latency_s,
        matched_mean_cost_usd,
        matched_mean_of_mean_latency_s,
        cast(n_benchmarks as bigint) as n_benchmarks,
        cast(n_cost_benchmarks as bigint) as n_cost_benchmarks,
        cast(n_latency_benchmarks as bigint) as n_latency_benchmarks,
        cast(n_matched_benchmarks as bigint) as n_matched_benchmarks,
        cast(n_runs as bigint) as n_runs
    from models_aggregated
)

select * from final
