{%- set rank_metric = clawbench_setting(
    'clawbench_rank_metric', 'cov_norm', 'clean_mean'
) -%}
{%- set judge_mean_excludes_infra = clawbench_setting(
    'clawbench_judge_mean_excludes_infra', true, false
) -%}
{%- set empty_mean = clawbench_setting(
    'clawbench_empty_mean', 'keep_null', 'zero'
) -%}
{%- set count_off_grid_files = clawbench_setting(
    'clawbench_count_off_grid_files', false, true
) -%}
{%- set counts_off_grid = 'true' if count_off_grid_files else 'false' -%}
{%- set excludes_judge_infra = (
    'true' if judge_mean_excludes_infra else 'false'
) -%}
{%- set empty_mean_value = (
    'cast(0 as double)' if empty_mean == 'zero' else 'cast(null as double)'
) -%}

with

slots as (
    select
        cache_sub,
        task_id,
        run_index,
        selected_attempt_key,
        slot_source,
        zero_kind,
        score,
        judge_score,
        is_infra_zero,
        is_completion_passed,
        judge_enabled,
        is_judge_infra,
        is_rejudged,
        has_log_result,
        has_harness_error
    from {{ ref('int_clawbench__slots_resolved') }}
),

archived_runs_checked as (
    select
        attempt_key,
        delivery_outcome_derived,
        is_delivery_mismatch,
        failure_mode_derived,
        is_failure_mode_mismatch,
        is_rejudge_passed_mismatch,
        is_rejudge_score_mismatch
    from {{ ref('int_clawbench__archived_runs_checked') }}
),

agent_configs as (
    select
        config_key,
        display_name
    from {{ ref('int_clawbench__agent_configs') }}
),

attempts_selected as (
    select
        cache_sub,
        attempt_kind,
        tag_role,
        exclusion_reason
    from {{ ref('int_clawbench__attempts_selected') }}
),

-- CB-Q11: archive files of a main tag off the task grid (task off the list
-- or N >= runs), which the original counts as archived runs.
off_grid_files_counted as (
    select
        cache_sub,
        count(*) as n_archived_off_grid
    from attempts_selected
    where
        attempt_kind = 'archived'
        and tag_role = 'main'
        and exclusion_reason = 'off_grid'
    group by cache_sub
),

slots_checked as (
    select
        slots.*,
        slots.slot_source in ('archive_main', 'archive_gapfill')
            as is_archived,
        slots.selected_attempt_key is not null as is_scored,
        slots.selected_attempt_key is not null
        and not slots.is_infra_zero as is_clean,
        -- CB-X1: a capability zero counts as clean
        slots.selected_attempt_key is not null
        and (
            not slots.is_infra_zero
            or slots.zero_kind = 'scored_zero_with_output'
        ) as is_clean_capability,
        archived_runs_checked.delivery_outcome_derived,
        archived_runs_checked.is_delivery_mismatch,
        archived_runs_checked.failure_mode_derived,
        archived_runs_checked.is_failure_mode_mismatch,
        archived_runs_checked.is_rejudge_passed_mismatch,
        archived_runs_checked.is_rejudge_score_mismatch
    from slots
    left join archived_runs_checked
        on
            slots.selected_attempt_key = archived_runs_checked.attempt_key
            and slots.slot_source in ('archive_main', 'archive_gapfill')
),

-- CB-10 over the CB-04 slots: "scored" = archived slots plus log-only slots
-- (slots_resolved drops log-only slots under CB-Q7). Integer counts are cast
-- to bigint; means and sums use compensated summation.
models_aggregated as (
    select
        cache_sub,
        count(*) as n_expected,
        count(case when is_archived then 1 end) as n_archived,
        count(case when slot_source = 'log_only' then 1 end) as n_log_only,
        count(case when not is_scored then 1 end) as n_missing,
        count(case when is_scored then 1 end) as n_attempted,
        count(case when is_clean then 1 end) as n_clean,
        count(case when is_infra_zero then 1 end) as n_infra_zero,
        count(case when zero_kind = 'no_run' then 1 end) as n_zero_no_run,
        count(case when zero_kind = 'no_agent_output' then 1 end)
            as n_zero_no_agent_output,
        count(case when zero_kind = 'scored_zero_with_output' then 1 end)
            as n_zero_scored_with_output,
        count(case when is_clean_capability then 1 end)
            as n_clean_capability,
        count(score) as n_scored_values,
        {{ float_sum('score') }} as score_sum,
        {{ float_sum(
            'case when is_clean then score end'
        ) }} as clean_score_sum,
        count(case when is_clean then score end) as n_clean_values,
        {{ float_sum(
            'case when is_clean_capability then score end'
        ) }} as clean_capability_score_sum,
        count(case when is_clean_capability then score end)
            as n_clean_capability_values,
        count(case when is_archived and is_completion_passed then 1 end)
            as c_pass_runs,
        -- CB-10 judge_mean: archived, judge enabled, CB-08 false; CB-Q6
        -- (clawbench_judge_mean_excludes_infra = false) keeps judge-infra
        -- runs and their zeros
        {{ float_avg(
            "case when is_archived and judge_enabled and not ("
            ~ excludes_judge_infra ~ " and is_judge_infra)"
            ~ " then judge_score end"
        ) }} as judge_mean,
        count(
            case
                when
                    is_archived and judge_enabled
                    and not ({{ excludes_judge_infra }} and is_judge_infra)
                    then judge_score
            end
        ) as n_judge_scored,
        count(case when is_archived and is_judge_infra then 1 end)
            as judge_infra_remaining,
        count(case when is_archived and is_rejudged then 1 end) as rejudged,
        -- CB-15: distinct logged (main-tag result line) slots of the grid
        count(case when has_log_result then 1 end) as n_logged,
        -- CB-16: what a rerun manifest lists
        count(
            case when not is_scored and has_harness_error then 1 end
        ) as n_rerun,
        count(
            case when not is_scored and not has_harness_error then 1 end
        ) as n_not_run,
        count(case when is_archived and is_rejudge_score_mismatch then 1 end)
            as n_rejudge_score_mismatch,
        count(case when is_archived and is_rejudge_passed_mismatch then 1 end)
            as n_rejudge_passed_mismatch,
        -- CB-07 and CB-17 checks over the archived slots
        count(case when delivery_outcome_derived = 'pass' then 1 end)
            as n_delivery_pass,
        count(case when delivery_outcome_derived = 'partial' then 1 end)
            as n_delivery_partial,
        count(case when delivery_outcome_derived = 'fail' then 1 end)
            as n_delivery_fail,
        count(case when is_delivery_mismatch then 1 end)
            as n_delivery_mismatch,
        count(case when failure_mode_derived = 'timeout' then 1 end)
            as n_failure_mode_timeout,
        count(
            case
                when failure_mode_derived = 'environment_unavailable' then 1
            end
        ) as n_failure_mode_environment_unavailable,
        count(case when is_failure_mode_mismatch then 1 end)
            as n_failure_mode_mismatch
    from slots_checked
    group by cache_sub
),

models_scored as (
    select
        models_aggregated.*,
        agent_configs.display_name,
        coalesce(off_grid_files_counted.n_archived_off_grid, 0)
            as n_archived_off_grid,
        -- CB-Q11 (clawbench_count_off_grid_files): the archived count of
        -- the coverage detail and of CB-15 includes off-grid files
        models_aggregated.n_archived + case
            when {{ counts_off_grid }}
                then coalesce(off_grid_files_counted.n_archived_off_grid, 0)
            else 0
        end as n_archived_counted,
        models_aggregated.score_sum
        / nullif(models_aggregated.n_scored_values, 0) as all_mean,
        -- CB-Q13 (clawbench_empty_mean = zero): an empty clean set gives 0
        coalesce(
            models_aggregated.clean_score_sum
            / nullif(models_aggregated.n_clean_values, 0),
            {{ empty_mean_value }}
        ) as clean_mean,
        coalesce(models_aggregated.clean_score_sum, 0)
        / nullif(models_aggregated.n_expected, 0) as cov_norm,
        coalesce(
            models_aggregated.clean_capability_score_sum
            / nullif(models_aggregated.n_clean_capability_values, 0),
            {{ empty_mean_value }}
        ) as clean_mean_capability
    from models_aggregated
    left join agent_configs
        on models_aggregated.cache_sub = agent_configs.config_key
    left join off_grid_files_counted
        on models_aggregated.cache_sub = off_grid_files_counted.cache_sub
),

-- CB-11: descending clawbench_rank_metric (CB-Q1 clean_mean), then
-- display_name, then the key; a null metric ranks last.
models_ranked as (
    select
        *,
        row_number() over (
            order by
                {{ rank_metric }} desc nulls last,
                display_name asc,
                cache_sub asc
        ) as model_rank
    from models_scored
),

final as (
    select
        -- ids
        cast('clawbench' as varchar) as source_system,
        cast('clawbench' as varchar) as benchmark,
        cache_sub as config_key,
        -- strings
        display_name,
        cast('{{ rank_metric }}' as varchar) as rank_metric,
        -- numbers: CB-10 counts
        cast(n_expected as bigint) as n_expected,
        cast(n_archived as bigint) as n_archived,
        cast(n_log_only as bigint) as n_log_only,
        cast(n_missing as bigint) as n_missing,
        cast(n_attempted as bigint) as n_attempted,
        cast(n_clean as bigint) as n_clean,
        cast(n_infra_zero as bigint) as n_infra_zero,
        -- CB-10 scores and shares
        cast(n_attempted as double) / nullif(n_expected, 0) as coverage,
        all_mean,
        clean_mean,
        cov_norm,
        cast(n_clean as double) / nullif(n_expected, 0) as clean_coverage,
        cast(n_archived_counted as double) / nullif(n_expected, 0)
            as archived_coverage,
        cast(c_pass_runs as bigint) as c_pass_runs,
        judge_mean,
        cast(n_judge_scored as bigint) as n_judge_scored,
        cast(judge_infra_remaining as bigint) as judge_infra_remaining,
        cast(rejudged as bigint) as rejudged,
        -- CB-11
        cast(model_rank as bigint) as model_rank,
        -- CB-X1
        cast(n_zero_no_run as bigint) as n_zero_no_run,
        cast(n_zero_no_agent_output as bigint) as n_zero_no_agent_output,
        cast(n_zero_scored_with_output as bigint)
            as n_zero_scored_with_output,
        cast(n_clean_capability as bigint) as n_clean_capability,
        clean_mean_capability,
        cast(n_clean_capability as double) / nullif(n_expected, 0)
            as clean_coverage_capability,
        -- CB-15
        cast(n_logged as bigint) as n_logged,
        cast(n_archived_off_grid as bigint) as n_archived_off_grid,
        cast(
            n_expected - greatest(n_logged, n_archived_counted) as bigint
        ) as coverage_mismatch_missing,
        -- CB-16
        cast(n_rerun as bigint) as n_rerun,
        cast(n_not_run as bigint) as n_not_run,
        cast(n_rejudge_score_mismatch as bigint) as n_rejudge_score_mismatch,
        cast(n_rejudge_passed_mismatch as bigint)
            as n_rejudge_passed_mismatch,
        -- CB-07
        cast(n_delivery_pass as bigint) as n_delivery_pass,
        cast(n_delivery_partial as bigint) as n_delivery_partial,
        cast(n_delivery_fail as bigint) as n_delivery_fail,
        cast(n_delivery_mismatch as bigint) as n_delivery_mismatch,
        -- CB-17
        cast(n_failure_mode_timeout as bigint) as n_failure_mode_timeout,
        cast(n_failure_mode_environment_unavailable as bigint)
            as n_failure_mode_environment_unavailable,
        cast(n_failure_mode_mismatch as bigint) as n_failure_mode_mismatch,
        -- booleans: CB-15
        n_logged < n_expected or n_archived_counted < n_expected
            as has_coverage_mismatch
    from models_ranked
)

select * from final
