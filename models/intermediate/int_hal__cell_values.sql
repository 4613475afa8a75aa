{#-
    One row per HAL-08 cell (benchmark, scaffold, model) with its value
    under every repetition policy side by side, so that a rule can take the
    policy it needs (HAL-11 and HAL-19 under HAL-Q3, HAL-12 under the var
    hal_repetition_policy) without recomputing the ranks:

    latest_*   the latest run (int_hal__runs_selected.latest_rank = 1)
    first_*    the first run in source order (source_rank = 1)
    max_*      the highest accuracy, ties: lowest cost, then latest
    mean_*     means over the cell's runs, nulls skipped
    cell_*     the value under hal_repetition_policy (the selected run's, or
               the means under mean), with selected_run_id.

    Runs excluded by HAL-07 or without a scaffold or model belong to no
    cell and are not here.
-#}

with

runs_selected as (
    select
        run_id,
        selected_run_id,
        config_key,
        benchmark_name,
        scaffold,
        model,
        accuracy,
        total_cost_usd,
        mean_latency_s,
        latest_rank,
        source_rank,
        max_accuracy_rank,
        cell_accuracy,
        cell_total_cost_usd,
        cell_mean_latency_s,
        is_in_cell,
        run_started_at,
        _source_file,
        _source_line
    from {{ ref('int_hal__runs_selected') }}
    where is_in_cell
),

cells_aggregated as (
    select
        benchmark_name,
        scaffold,
        model,
        any_value(config_key) as config_key,
        any_value(selected_run_id) as selected_run_id,
        any_value(cell_accuracy) as cell_accuracy,
        any_value(cell_total_cost_usd) as cell_total_cost_usd,
        any_value(cell_mean_latency_s) as cell_mean_latency_s,
        count(*) as n_runs,
        {{ float_avg('accuracy') }} as mean_accuracy,
        {{ float_avg('total_cost_usd') }} as mean_total_cost_usd,
        {{ float_avg('mean_latency_s') }} as mean_mean_latency_s
    from runs_selected
    group by benchmark_name, scaffold, model
),

latest_runs as (
    select
        benchmark_name,
        scaffold,
        model,
        run_id,
        accuracy,
        total_cost_usd,
        mean_latency_s,
        run_started_at
    from runs_selected
    where latest_rank = 1
),

first_runs as (
    select
        benchmark_name,
        scaffold,
        model,
        run_id,
        accuracy,
        total_cost_usd,
        mean_latency_s,
        _source_file,
        _source_line
    from runs_selected
    where source_rank = 1
),

max_runs as (
    select
        benchmark_name,
        scaffold,
        model,
        run_id,
        accuracy,
        total_cost_usd,
        mean_latency_s
    from runs_selected
    where max_accuracy_rank = 1
),

selected_runs as (
    select
        run_id,
        run_started_at,
        _source_file,
        _source_line
    from runs_selected
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'cells_aggregated.benchmark_name',
            'cells_aggregated.scaffold',
            'cells_aggregated.model'
        ]) }} as cell_id,
        cells_aggregated.config_key,
        cells_aggregated.selected_run_id,
        latest_runs.run_id as latest_run_id,
        first_runs.run_id as first_run_id,
        max_runs.run_id as max_run_id,
        -- strings
        cells_aggregated.benchmark_name,
        cells_aggregated.scaffold,
        cells_aggregated.model,
        -- numbers: under hal_repetition_policy
        cells_aggregated.cell_accuracy,
        cells_aggregated.cell_total_cost_usd,
        cells_aggregated.cell_mean_latency_s,
        -- numbers: under each policy
        latest_runs.accuracy as latest_accuracy,
        latest_runs.total_cost_usd as latest_total_cost_usd,
        latest_runs.mean_latency_s as latest_mean_latency_s,
        first_runs.accuracy as first_accuracy,
        first_runs.total_cost_usd as first_total_cost_usd,
        first_runs.mean_latency_s as first_mean_latency_s,
        max_runs.accuracy as max_accuracy,
        max_runs.total_cost_usd as max_total_cost_usd,
        max_runs.mean_latency_s as max_mean_latency_s,
        cells_aggregated.mean_accuracy,
        cells_aggregated.mean_total_cost_usd,
        cells_aggregated.mean_mean_latency_s,
        cells_aggregated.n_runs,
        -- the selected run's position (HAL-12 tie-breaks)
        selected_runs.run_started_at as selected_run_started_at,
        selected_runs._source_file as selected_source_file,
        selected_runs._source_line as selected_source_line
    from cells_aggregated
    inner join latest_runs
        on
            cells_aggregated.benchmark_name = latest_runs.benchmark_name
            and cells_aggregated.scaffold = latest_runs.scaffold
            and cells_aggregated.model = latest_runs.model
    inner join first_runs
        on
            cells_aggregated.benchmark_name = first_runs.benchmark_name
            and cells_aggregated.scaffold = first_runs.scaffold
            and cells_aggregated.model = first_runs.model
    inner join max_runs
        on
            cells_aggregated.benchmark_name = max_runs.benchmark_name
            and cells_aggregated.scaffold = max_runs.scaffold
            and cells_aggregated.model = max_runs.model
    left join selected_runs
        on cells_aggregated.selected_run_id = selected_runs.run_id
)

select * from final
