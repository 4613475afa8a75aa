{#-
    One expected-grid shape for every harness: each cell with its selected
    attempt. Each source system adds a CTE `<system>_cells` with exactly the
    columns of benchmac_cells and a `union all` branch; keys and the failure
    class seed apply once, in final.
-#}

with

benchmac_task_grid as (
    select
        instance_id,
        agent_key,
        selected_experiment_id,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        experiment_cost_usd_effective,
        experiment_duration_s
    from {{ ref('int_benchmac__task_grid_evaluated') }}
),

failure_classes as (
    select
        source_system,
        failure_category,
        failure_class
    from {{ ref('failure_classes') }}
),

benchmac_cells as (
    select
        'benchmac' as source_system,
        'benchmac' as benchmark,
        instance_id as task_id,
        agent_key as config_key,
        cast(0 as bigint) as repetition,
        selected_experiment_id as selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        case
            when selected_experiment_id is not null
                then experiment_cost_usd_effective
        end as cost_usd,
        case
            when selected_experiment_id is not null
                then experiment_duration_s
        end as duration_s
    from benchmac_task_grid
),

hal_cells as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from {{ ref('int_hal__task_grid') }}
),

clawbench_cells as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from {{ ref('int_clawbench__task_grid') }}
),

isobench_cells as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from {{ ref('int_isobench__task_grid') }}
),

cells_unioned as (
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from benchmac_cells
    union all
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from hal_cells
    union all
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from clawbench_cells
    union all
    select
        source_system,
        benchmark,
        task_id,
        config_key,
        repetition,
        selected_attempt_key,
        cell_status,
        exclusion_reason,
        failure_category,
        score,
        cost_usd,
        duration_s
    from isobench_cells
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'cells_unioned.benchmark',
            'cells_unioned.task_id',
            'cells_unioned.source_system',
            'cells_unioned.config_key',
            'cells_unioned.repetition'
        ]) }} as grid_cell_id,
        cells_unioned.benchmark,
        cells_unioned.task_id,
        {{ surrogate_key([
            'cells_unioned.source_system',
            'cells_unioned.config_key'
        ]) }} as agent_config_id,
        cells_unioned.config_key,
        case
            when cells_unioned.selected_attempt_key is not null
                then {{ surrogate_key([
                    'cells_unioned.source_system',
                    'cells_unioned.selected_attempt_key'
                ]) }}
        end as selected_attempt_id,
        cells_unioned.selected_attempt_key,
        -- strings: a cell with a selected attempt and no failure category
        -- has class none
        cells_unioned.source_system,
        cells_unioned.cell_status,
        cells_unioned.exclusion_reason,
        cells_unioned.failure_category,
        case
            when cells_unioned.selected_attempt_key is null then null
            when cells_unioned.failure_category is null then 'none'
            else failure_classes.failure_class
        end as failure_class,
        -- numbers
        cells_unioned.repetition,
        cells_unioned.score,
        cells_unioned.cost_usd,
        cells_unioned.duration_s
    from cells_unioned
    left join failure_classes
        on
            cells_unioned.source_system = failure_classes.source_system
            and cells_unioned.failure_category
            = failure_classes.failure_category
)

select * from final
