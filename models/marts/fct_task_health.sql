{%- set fail_threshold = var('clawbench_task_fail_threshold') -%}
{%- set verifier_c_threshold = var('clawbench_verifier_c_threshold') -%}
{%- set verifier_output_rate = var('clawbench_verifier_output_rate') -%}
{%- set cluster_min = var('clawbench_cluster_min') -%}

with

clawbench_audit_slots as (
    select
        cache_sub,
        task_id,
        tier,
        run_index,
        audit_score,
        completion_score,
        is_expected_task,
        is_archived,
        has_assistant_output,
        is_judge_infra,
        has_harness_error
    from {{ ref('int_clawbench__audit_slots_scored') }}
),

clawbench_pathologies as (
    select
        task_id,
        is_pathological
    from {{ ref('int_clawbench__pathologies_flagged') }}
),

clawbench_pathologies_counted as (
    select
        task_id,
        count(case when is_pathological then 1 end) as n_pathological_models
    from clawbench_pathologies
    group by task_id
),

-- CB-13 over every model and run index of the task: mean score over slots
-- with a score; mean C and the assistant output rate over archived slots;
-- harness-error slots (each slot once) and archived judge-infra slots.
clawbench_tasks_aggregated as (
    select
        task_id,
        tier,
        bool_or(is_expected_task) as is_expected_task,
        count(distinct cache_sub) as n_models,
        count(*) as n_slots,
        count(audit_score) as n_scored_slots,
        {{ float_avg('audit_score') }} as mean_score,
        count(case when is_archived then 1 end) as n_archived_slots,
        {{ float_avg(
            'case when is_archived then completion_score end'
        ) }} as mean_completion_score,
        count(case when is_archived and has_assistant_output then 1 end)
            as n_output_slots,
        count(case when has_harness_error then 1 end) as n_harness_errors,
        count(case when is_archived and is_judge_infra then 1 end)
            as n_judge_infra
    from clawbench_audit_slots
    group by task_id, tier
),

-- A task without any score is skipped (CB-13).
clawbench_tasks_flagged as (
    select
        clawbench_tasks_aggregated.*,
        cast(clawbench_tasks_aggregated.n_output_slots as double)
        / nullif(clawbench_tasks_aggregated.n_archived_slots, 0)
            as assistant_output_rate,
        coalesce(clawbench_pathologies_counted.n_pathological_models, 0)
            as n_pathological_models
    from clawbench_tasks_aggregated
    left join clawbench_pathologies_counted
        on
            clawbench_tasks_aggregated.task_id
            = clawbench_pathologies_counted.task_id
    where clawbench_tasks_aggregated.n_scored_slots > 0
),

final as (
    select
        -- ids
        {{ surrogate_key(["'clawbench'", 'task_id']) }} as task_health_id,
        cast('clawbench' as varchar) as benchmark,
        cast(task_id as varchar) as task_id,
        -- strings
        cast('clawbench' as varchar) as source_system,
        cast(tier as varchar) as tier,
        -- numbers
        cast(n_models as bigint) as n_models,
        cast(n_slots as bigint) as n_slots,
        cast(n_scored_slots as bigint) as n_scored_slots,
        cast(mean_score as double) as mean_score,
        cast(n_archived_slots as bigint) as n_archived_slots,
        cast(mean_completion_score as double) as mean_completion_score,
        cast(n_output_slots as bigint) as n_output_slots,
        cast(assistant_output_rate as double) as assistant_output_rate,
        cast(n_harness_errors as bigint) as n_harness_errors,
        cast(n_judge_infra as bigint) as n_judge_infra,
        cast(n_pathological_models as bigint) as n_pathological_models,
        -- booleans: the four CB-13 flags
        cast(is_expected_task as boolean) as is_expected_task,
        cast(mean_score < {{ fail_threshold }} as boolean)
            as is_failing_all_models,
        cast(
            mean_completion_score < {{ verifier_c_threshold }}
            and assistant_output_rate > {{ verifier_output_rate }} as boolean
        ) as is_verifier_rejecting_outputs,
        cast(n_harness_errors >= {{ cluster_min }} as boolean)
            as has_harness_errors_cluster,
        cast(n_judge_infra >= {{ cluster_min }} as boolean)
            as has_judge_infra_cluster
    from clawbench_tasks_flagged
)

select * from final
