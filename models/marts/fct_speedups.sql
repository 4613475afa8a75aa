{%- set improvement_rule = isobench_setting(
    'isobench_improvement_rule', 'band', 'gt_1'
) -%}
{#-
    One row per evaluated ISO-Bench item directory (an attempt, ISO-01) with
    its ISO-03 speedup, ISO-04 band and ISO-06 outcome category, all computed
    in int_isobench__attempts_categorized; this mart adds the unified keys of
    fct_attempts and the normalised model and scaffold of the agent config,
    the ISO-09 message, the ISO-15 no-patch reason and the ISO-05 / ISO-Q1
    improvement flag.
-#}

with

attempts_categorized as (
    select
        attempt_key,
        run_key,
        cell_key,
        human_commit_short,
        repo,
        agent,
        model,
        outcome_category,
        outcome_group,
        outcome_side,
        speedup_band,
        missing_module,
        evaluation_error,
        error_document_error,
        baseline_ms,
        patched_ms,
        speedup_stored,
        speedup_recomputed,
        speedup,
        is_patch_generated,
        improvement_raw,
        has_test_script,
        is_selected,
        _source_file,
        _source_line
    from {{ ref('int_isobench__attempts_categorized') }}
),

attempts_no_patch_classified as (
    select
        attempt_key,
        no_patch_reason,
        no_patch_side
    from {{ ref('int_isobench__attempts_no_patch_classified') }}
),

agent_configs as (
    select
        agent_config_id,
        scaffold,
        model
    from {{ ref('int_agent_configs_unioned') }}
),

-- the natural keys of int_isobench__attempts
attempts_keyed as (
    select
        *,
        'isobench' as source_system,
        agent || '/' || model as config_key
    from attempts_categorized
),

attempts_identified as (
    select
        *,
        {{ surrogate_key(['source_system', 'attempt_key']) }} as attempt_id,
        {{ surrogate_key(['source_system', 'config_key']) }}
            as agent_config_id
    from attempts_keyed
),

final as (
    select
        -- ids
        attempts_identified.attempt_id,
        attempts_identified.attempt_key,
        attempts_identified.agent_config_id,
        attempts_identified.config_key,
        attempts_identified.run_key,
        attempts_identified.cell_key,
        -- strings
        attempts_identified.source_system,
        'isobench/' || attempts_identified.repo as benchmark,
        attempts_identified.human_commit_short as task_id,
        attempts_identified.repo,
        agent_configs.model,
        agent_configs.scaffold,
        attempts_identified.outcome_category,
        attempts_identified.outcome_group,
        attempts_identified.outcome_side,
        attempts_identified.speedup_band,
        attempts_identified.missing_module,
        -- ISO-09: the message the report groups by (the error document's,
        -- else the evaluator's) and as the report shows it
        coalesce(
            attempts_identified.error_document_error,
            attempts_identified.evaluation_error
        ) as error_message,
        {{ isobench_message_display(
            'coalesce(attempts_identified.error_document_error,'
            ~ ' attempts_identified.evaluation_error)'
        ) }} as error_message_display,
        -- ISO-15
        attempts_no_patch_classified.no_patch_reason,
        attempts_no_patch_classified.no_patch_side,
        -- numbers
        attempts_identified.baseline_ms,
        attempts_identified.patched_ms,
        attempts_identified.speedup_stored,
        attempts_identified.speedup_recomputed,
        attempts_identified.speedup,
        -- booleans
        attempts_identified.is_patch_generated,
        -- ISO-05: analyses use the band; ISO-Q1 (gt_1): the evaluator's
        -- speedup > 1.0
        {% if improvement_rule == 'gt_1' -%}
            attempts_identified.speedup > 1.0
        {%- else -%}
            attempts_identified.speedup_band = 'improved'
        {%- endif %} as is_improvement,
        attempts_identified.improvement_raw,
        attempts_identified.has_test_script,
        attempts_identified.is_selected,
        -- lineage
        attempts_identified._source_file,
        attempts_identified._source_line
    from attempts_identified
    inner join agent_configs
        on attempts_identified.agent_config_id = agent_configs.agent_config_id
    left join attempts_no_patch_classified
        on
            attempts_identified.attempt_key
            = attempts_no_patch_classified.attempt_key
)

select * from final
