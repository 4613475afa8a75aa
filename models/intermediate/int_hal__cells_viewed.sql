{#-
    One row per HAL-10 view and HAL-08 cell: the generalist view holds the
    cells whose scaffold is in seed hal_generalist_scaffolds, the
    task-specific view those in hal_task_specific_scaffolds (a scaffold in
    neither is in no view). The values are the ones HAL-19's heatmaps
    average over scaffolds: the cell value under hal_repetition_policy, or
    the mean of all the cell's runs under HAL-Q3 (switch
    hal_heatmap_repetition_policy: repetition_policy | mean).
-#}

{%- set heatmap_policy = hal_analysis_setting(
    'hal_heatmap_repetition_policy', 'repetition_policy', 'mean',
    ['repetition_policy', 'mean']
) -%}
{%- set prefix = hal_cell_value_prefix(heatmap_policy) -%}

with

cell_values as (
    select
        cell_id,
        config_key,
        benchmark_name,
        scaffold,
        model,
        {{ prefix }}_accuracy as accuracy,
        {{ prefix }}_total_cost_usd as total_cost_usd,
        {{ prefix }}_mean_latency_s as mean_latency_s,
        n_runs
    from {{ ref('int_hal__cell_values') }}
),

generalist_scaffolds as (
    select scaffold
    from {{ ref('hal_generalist_scaffolds') }}
),

task_specific_scaffolds as (
    select scaffold
    from {{ ref('hal_task_specific_scaffolds') }}
),

views as (
    select
        'generalist' as scaffold_view,
        scaffold
    from generalist_scaffolds
    union all
    select
        'task_specific' as scaffold_view,
        scaffold
    from task_specific_scaffolds
),

final as (
    select
        -- ids
        {{ surrogate_key(['views.scaffold_view', 'cell_values.cell_id']) }}
            as cell_view_id,
        cell_values.cell_id,
        cell_values.config_key,
        -- strings
        views.scaffold_view,
        cell_values.benchmark_name,
        cell_values.scaffold,
        cell_values.model,
        '{{ heatmap_policy }}' as repetition_policy,
        -- numbers
        cell_values.accuracy,
        cell_values.total_cost_usd,
        cell_values.mean_latency_s,
        cell_values.n_runs
    from cell_values
    inner join views
        on cell_values.scaffold = views.scaffold
)

select * from final
