{#-
    CB-18: each factual sentence of the ClawBench report, computed from the
    per-model metrics and printed only when true; otherwise the report
    prints the warning, which states the measured value (CB-Q2 replaced the
    static claims). Percentages are rounded half to even for display only.
-#}

with

model_metrics as (
    select
        config_key,
        n_expected,
        n_attempted,
        n_clean,
        clean_coverage,
        judge_infra_remaining,
        rejudged
    from {{ ref('int_clawbench__model_metrics') }}
),

metrics_summarised as (
    select
        count(*) as n_models,
        max(n_expected) as n_expected,
        min(n_attempted) as min_attempted,
        min(n_clean) as min_clean,
        max(n_clean) as max_clean,
        min(clean_coverage) as min_clean_coverage,
        max(clean_coverage) as max_clean_coverage,
        min(cast(n_attempted as double) / nullif(n_expected, 0))
            as min_coverage,
        count(case when n_attempted < n_expected then 1 end)
            as n_models_below_full,
        count(case when n_clean < n_expected then 1 end)
            as n_models_clean_below_full,
        sum(judge_infra_remaining) as judge_infra_remaining,
        sum(rejudged) as rejudged
    from model_metrics
),

metrics_formatted as (
    select
        *,
        cast(n_models as varchar) as n_models_text,
        cast(n_expected as varchar) as n_expected_text,
        cast(
            cast(round_even(100 * min_clean_coverage, 0) as bigint) as varchar
        ) || '%' as min_clean_coverage_text,
        cast(
            cast(round_even(100 * max_clean_coverage, 0) as bigint) as varchar
        ) || '%' as max_clean_coverage_text
    from metrics_summarised
),

statements as (
    select
        1 as statement_order,
        'model_count' as statement_key,
        n_models > 0 as is_true,
        cast(n_models as double) as measured_value,
        cast(null as double) as measured_low,
        cast(null as double) as measured_high,
        n_models_text || ' models are compared.' as claim,
        'WARNING: no model has a ClawBench slot.' as warning
    from metrics_formatted

    union all

    select
        2 as statement_order,
        'full_coverage' as statement_key,
        n_models > 0 and n_models_below_full = 0 as is_true,
        min_coverage as measured_value,
        cast(min_attempted as double) as measured_low,
        cast(n_expected as double) as measured_high,
        'Every model has all ' || coalesce(n_expected_text, '0')
        || ' expected runs scored.' as claim,
        'WARNING: ' || cast(n_models_below_full as varchar)
        || ' model(s) lack scored runs; the lowest has '
        || coalesce(cast(min_attempted as varchar), '0') || '/'
        || coalesce(n_expected_text, '0') || '.' as warning
    from metrics_formatted

    union all

    select
        3 as statement_order,
        'clean_mean_basis' as statement_key,
        n_models > 0 and n_models_clean_below_full = 0 as is_true,
        cast(min_clean as double) as measured_value,
        cast(min_clean as double) as measured_low,
        cast(max_clean as double) as measured_high,
        'The clean mean of every model is taken over all '
        || coalesce(n_expected_text, '0') || ' runs.' as claim,
        'WARNING: the clean mean is taken over '
        || coalesce(cast(min_clean as varchar), '0') || ' to '
        || coalesce(cast(max_clean as varchar), '0') || ' of '
        || coalesce(n_expected_text, '0')
        || ' runs per model (missing and infra-zero runs left out).'
            as warning
    from metrics_formatted

    union all

    select
        4 as statement_order,
        'judge_failures_rejudged' as statement_key,
        coalesce(judge_infra_remaining, 0) = 0 as is_true,
        cast(coalesce(judge_infra_remaining, 0) as double) as measured_value,
        cast(null as double) as measured_low,
        cast(null as double) as measured_high,
        'No judge failure is left ('
        || cast(coalesce(rejudged, 0) as varchar)
        || ' run(s) rejudged).' as claim,
        'WARNING: ' || cast(coalesce(judge_infra_remaining, 0) as varchar)
        || ' judge-infra failure(s) remain (CB-08); '
        || cast(coalesce(rejudged, 0) as varchar)
        || ' run(s) rejudged.' as warning
    from metrics_formatted

    union all

    select
        5 as statement_order,
        'coverage_parity' as statement_key,
        n_models > 0 as is_true,
        max_clean_coverage - min_clean_coverage as measured_value,
        min_clean_coverage as measured_low,
        max_clean_coverage as measured_high,
        'Clean coverage ranges from ' || min_clean_coverage_text || ' to '
        || max_clean_coverage_text || ' across models.' as claim,
        'WARNING: no model has a ClawBench slot.' as warning
    from metrics_formatted
),

final as (
    select
        -- ids
        {{ surrogate_key(["'clawbench'", 'statement_key']) }}
            as statement_id,
        cast('clawbench' as varchar) as benchmark,
        cast(statement_key as varchar) as statement_key,
        -- strings
        cast(claim as varchar) as claim,
        cast(
            case when is_true then claim else warning end as varchar
        ) as statement_text,
        -- numbers
        cast(statement_order as bigint) as statement_order,
        cast(measured_value as double) as measured_value,
        cast(measured_low as double) as measured_low,
        cast(measured_high as double) as measured_high,
        -- booleans
        cast(is_true as boolean) as is_true
    from statements
)

select * from final
