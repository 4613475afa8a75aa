{#-
    The unified task-grid shape of int_task_grid_matched for ClawBench:
    exactly its columns, names, order and types, one row per CB-04 slot.
-#}

with

slots as (
    select
        cache_sub,
        task_id,
        run_index,
        selected_attempt_key,
        zero_kind,
        score,
        is_infra_zero
    from {{ ref('int_clawbench__slots_resolved') }}
),

attempts_selected as (
    select
        attempt_key,
        status,
        duration_s,
        cost_usd
    from {{ ref('int_clawbench__attempts_selected') }}
),

-- cell_status is the selected attempt's status (missing without one).
-- failure_category is the CB-09 split of the slot, named by its CB-X1 zero
-- kind (no_run, no_agent_output, scored_zero_with_output), so that the
-- failure_classes seed decides which zeros count as clean; a slot that is
-- not an infra-zero has none, as CB-10 counts it clean (a judge-infra run is
-- already scored without J by CB-06; the attempt keeps its own category in
-- int_clawbench__attempts).
final as (
    select
        cast('clawbench' as varchar) as source_system,
        cast('clawbench' as varchar) as benchmark,
        cast(slots.task_id as varchar) as task_id,
        cast(slots.cache_sub as varchar) as config_key,
        cast(slots.run_index as bigint) as repetition,
        cast(slots.selected_attempt_key as varchar) as selected_attempt_key,
        cast(
            case
                when slots.selected_attempt_key is null then 'missing'
                else attempts_selected.status
            end as varchar
        ) as cell_status,
        -- ClawBench excludes no slot of its grid (off-grid files are not in it)
        cast(null as varchar) as exclusion_reason,
        cast(
            case when slots.is_infra_zero then slots.zero_kind end as varchar
        ) as failure_category,
        cast(slots.score as double) as score,
        cast(attempts_selected.cost_usd as double) as cost_usd,
        cast(attempts_selected.duration_s as double) as duration_s
    from slots
    left join attempts_selected
        on slots.selected_attempt_key = attempts_selected.attempt_key
)

select * from final
