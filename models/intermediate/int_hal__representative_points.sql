{#-
    One row per (benchmark, model) with a HAL-08 cell: HAL-12's maximum
    accuracy over the model's scaffolds and the representative run whose
    cost and latency place the model on the benchmark's frontiers (HAL-14,
    HAL-18).

    Candidates (switch hal_max_acc_basis, HAL-Q4):
      cells     one per cell: the cell value under hal_repetition_policy,
                with the selected run (under mean: the cell's mean cost and
                latency, run = the latest)
      all_runs  every run of the model's cells, re-runs included (compat)
    Ties on the maximum (switch hal_max_acc_tiebreak, HAL-Q4):
      cheapest         lowest cost (nulls last), then latest: greatest
                       run_started_at, last _source_file, last
                       _source_line, greatest run_id
      first_in_source  smallest (_source_file, _source_line, run_id)
    A null accuracy never wins; a model whose accuracies are all null has a
    null max_accuracy (it is left out of frontiers).
-#}

{%- set basis = hal_analysis_setting(
    'hal_max_acc_basis', 'cells', 'all_runs', ['cells', 'all_runs']
) -%}
{%- set tiebreak = hal_analysis_setting(
    'hal_max_acc_tiebreak', 'cheapest', 'first_in_source',
    ['cheapest', 'first_in_source']
) -%}

with

cell_values as (
    select
        selected_run_id,
        benchmark_name,
        scaffold,
        model,
        cell_accuracy,
        cell_total_cost_usd,
        cell_mean_latency_s,
        selected_run_started_at,
        selected_source_file,
        selected_source_line
    from {{ ref('int_hal__cell_values') }}
),

runs_selected as (
    select
        run_id,
        benchmark_name,
        scaffold,
        model,
        accuracy,
        total_cost_usd,
        mean_latency_s,
        run_started_at,
        _source_file,
        _source_line
    from {{ ref('int_hal__runs_selected') }}
    where is_in_cell
),

-- HAL-Q4 basis: the cells' values, or every run of the model's cells
candidates as (
    select
        benchmark_name,
        model,
        scaffold,
        selected_run_id as run_id,
        cell_accuracy as accuracy,
        cell_total_cost_usd as total_cost_usd,
        cell_mean_latency_s as mean_latency_s,
        selected_run_started_at as run_started_at,
        selected_source_file as source_file,
        selected_source_line as source_line
    from cell_values
    where '{{ basis }}' = 'cells'
    union all
    select
        benchmark_name,
        model,
        scaffold,
        run_id,
        accuracy,
        total_cost_usd,
        mean_latency_s,
        run_started_at,
        _source_file as source_file,
        _source_line as source_line
    from runs_selected
    where '{{ basis }}' = 'all_runs'
),

candidates_ranked as (
    select
        *,
        max(accuracy) over (partition by benchmark_name, model)
            as max_accuracy,
        count(*) over (partition by benchmark_name, model) as n_candidates,
        count(distinct scaffold) over (partition by benchmark_name, model)
            as n_scaffolds,
        row_number() over (
            partition by benchmark_name, model
            order by
                accuracy desc nulls last,
                {% if tiebreak == 'cheapest' -%}
                    total_cost_usd asc nulls last,
                    run_started_at desc nulls last,
                    source_file desc,
                    source_line desc,
                    run_id desc
                {%- else -%}
                    source_file asc,
                    source_line asc,
                    run_id asc
                {%- endif %}
        ) as representative_rank
    from candidates
),

final as (
    select
        -- ids
        {{ surrogate_key(['benchmark_name', 'model']) }}
            as representative_point_id,
        run_id as representative_run_id,
        -- strings
        benchmark_name,
        model,
        scaffold,
        '{{ basis }}' as max_acc_basis,
        '{{ tiebreak }}' as max_acc_tiebreak,
        -- numbers
        max_accuracy,
        total_cost_usd,
        mean_latency_s,
        n_candidates,
        n_scaffolds
    from candidates_ranked
    where representative_rank = 1
)

select * from final
