{%- set median_rule = isobench_setting(
    'isobench_median', 'median', 'position'
) -%}
{%- set quantile_rule = isobench_setting(
    'isobench_quantiles', 'interpolate', 'index'
) -%}
{%- set group_model = isobench_setting(
    'isobench_group_model', 'canonical', 'meta'
) -%}
{%- set layout = isobench_setting('isobench_layout', 'hierarchical', 'flat') -%}
{%- set compat_total_runs = var('isobench_compat') -%}
{%- set uses_index = median_rule == 'position' or quantile_rule == 'index' -%}
{#-
    ISO-11 agent summary counters and ISO-12 / ISO-X1 speedup statistics:
    one row per agent/model and one pooled row, over every run (the
    original counts every run; no ISO-16 selection). Compat switches:
    ISO-Q2 median, ISO-Q3 quantiles, ISO-Q4 total_runs, ISO-Q7 grouping,
    ISO-Q8 flat-layout counting.
-#}

with

attempts_categorized as (
    select
        attempt_key,
        agent,
        model,
        model_meta,
        evaluation_status,
        evaluation_error,
        is_patch_generated,
        baseline_ms,
        patched_ms,
        speedup,
        speedup_band,
        _source_file,
        _source_line
    from {{ ref('int_isobench__attempts_categorized') }}
),

-- ISO-11, first match per run; ISO-Q8 (flat layout): no_test by status
-- only, every success passed, no_patch counted as run, band edges at 1.0
runs_classified as (
    select
        attempt_key,
        agent,
        {% if group_model == 'meta' -%}
            coalesce(model_meta, model) as model,
        {%- else -%}
            model,
        {%- endif %}
        speedup,
        _source_file,
        _source_line,
        case
            {% if layout == 'flat' -%}
                when evaluation_status = 'no_test' then 'no_test_available'
            {%- else -%}
                when
                    {{ dbt.position(
                        "'No test script found'", 'evaluation_error'
                    ) }} > 0
                    then 'no_test_available'
            {%- endif %}
            when is_patch_generated = false then 'no_patch_generated'
            when evaluation_status = 'success' then 'success'
            when evaluation_status = 'patch_failed' then 'patch_failed'
            when evaluation_status = 'timeout' then 'timeout'
            when evaluation_status in ('error', 'baseline_failed')
                then 'error'
            when evaluation_status = 'no_patch' then 'no_patch_status'
            else 'other'
        end as counter_rule,
        {% if layout == 'flat' -%}
            case
                when speedup > 1.0 then 'improved'
                when speedup < 1.0 then 'regressed'
                when speedup = 1.0 then 'neutral'
            end
        {%- else -%}
            speedup_band
        {%- endif %} as summary_band,
        baseline_ms is null or patched_ms is null as is_timing_missing
    from attempts_categorized
),

runs_counted as (
    select
        *,
        case
            when counter_rule in (
                'no_patch_generated', 'success', 'patch_failed', 'timeout',
                'error', 'no_patch_status'
            ) then 1 else 0
        end as is_test_available,
        case
            when counter_rule in (
                'success', 'patch_failed'
                {%- if layout == 'flat' %}, 'no_patch_status'{% endif %}
            ) then 1 else 0
        end as is_test_run,
        case
            when counter_rule = 'success' and speedup is not null then 1
            {% if layout == 'flat' -%}
                when counter_rule = 'success' then 1
            {%- else -%}
                when counter_rule = 'success' and not is_timing_missing
                    then 1
            {%- endif %}
            else 0
        end as is_test_passed,
        case
            when counter_rule = 'patch_failed' then 1
            {% if layout != 'flat' -%}
                when
                    counter_rule = 'success'
                    and speedup is null
                    and is_timing_missing
                    then 1
            {%- endif %}
            else 0
        end as is_test_failed,
        -- the speedups kept: success runs with a speedup (ISO-11)
        case
            when counter_rule = 'success' then speedup
        end as kept_speedup
    from runs_classified
),

-- every run twice: once in its agent/model group, once in the pooled row
runs_scoped as (
    select
        'config' as summary_level,
        agent,
        model,
        attempt_key,
        counter_rule,
        summary_band,
        is_test_available,
        is_test_run,
        is_test_passed,
        is_test_failed,
        kept_speedup,
        _source_file,
        _source_line
    from runs_counted

    union all

    select
        'pooled' as summary_level,
        cast(null as varchar) as agent,
        cast(null as varchar) as model,
        attempt_key,
        counter_rule,
        summary_band,
        is_test_available,
        is_test_run,
        is_test_passed,
        is_test_failed,
        kept_speedup,
        _source_file,
        _source_line
    from runs_counted
),

{% if uses_index -%}
-- positions for the ISO-Q2 / ISO-Q3 index variants: in source order (the
-- loader's file path and line, ISO-Q2 per agent) and in speedup order
speedups_ranked as (
    select
        summary_level,
        agent,
        model,
        kept_speedup as speedup,
        row_number() over (
            partition by summary_level, agent, model
            order by _source_file, _source_line, attempt_key
        ) as source_position,
        row_number() over (
            partition by summary_level, agent, model
            order by kept_speedup, _source_file, _source_line, attempt_key
        ) as sorted_position,
        count(*) over (
            partition by summary_level, agent, model
        ) as n_speedups
    from runs_scoped
    where kept_speedup is not null
),

-- ISO-Q2: per agent the element at 0-based position floor(n/2) in source
-- order, pooled the element at floor(n/2) of the sorted list; ISO-Q3: the
-- sorted elements at floor(0.95 n) and floor(0.05 n)
speedups_indexed as (
    select
        summary_level,
        agent,
        model,
        max(
            case
                when
                    summary_level = 'config'
                    and source_position = floor(n_speedups / 2.0) + 1
                    then speedup
                when
                    summary_level = 'pooled'
                    and sorted_position = floor(n_speedups / 2.0) + 1
                    then speedup
            end
        ) as median_position,
        max(
            case
                when sorted_position = floor(0.95 * n_speedups) + 1
                    then speedup
            end
        ) as p95_index,
        max(
            case
                when sorted_position = floor(0.05 * n_speedups) + 1
                    then speedup
            end
        ) as p5_index
    from speedups_ranked
    group by all
),
{%- endif %}

summaries_aggregated as (
    select
        summary_level,
        agent,
        model,
        count(*) as total_commits,
        sum(is_test_available) as tests_available,
        sum(is_test_run) as tests_run,
        sum(is_test_passed) as tests_passed,
        sum(is_test_failed) as tests_failed,
        count(
            case when counter_rule = 'no_test_available' then 1 end
        ) as no_test_available,
        count(
            case
                when
                    counter_rule in ('no_patch_generated', 'no_patch_status')
                    then 1
            end
        ) as no_patch,
        count(case when counter_rule = 'patch_failed' then 1 end)
            as patch_failed,
        count(case when counter_rule = 'timeout' then 1 end) as timeouts,
        count(case when counter_rule = 'error' then 1 end) as errors,
        count(
            case
                when kept_speedup is not null and summary_band = 'improved'
                    then 1
            end
        ) as commits_with_improvement,
        count(
            case
                when kept_speedup is not null and summary_band = 'neutral'
                    then 1
            end
        ) as commits_neutral,
        count(
            case
                when kept_speedup is not null and summary_band = 'regressed'
                    then 1
            end
        ) as commits_with_regression,
        count(kept_speedup) as speedup_count,
        {{ float_avg('kept_speedup') }} as avg_speedup,
        percentile_cont(0.5) within group (order by kept_speedup)
            as median_interpolated,
        percentile_cont(0.95) within group (order by kept_speedup)
            as p95_interpolated,
        percentile_cont(0.05) within group (order by kept_speedup)
            as p5_interpolated,
        -- ISO-X1: the mean of ratios on the log scale (positive speedups)
        exp(
            {{ float_avg(
                'case when kept_speedup > 0 then ln(kept_speedup) end'
            ) }}
        ) as geo_mean_speedup
    from runs_scoped
    group by all
),

n_groups as (
    select count(*) as n_config_groups
    from summaries_aggregated
    where summary_level = 'config'
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'summaries_aggregated.summary_level',
            'summaries_aggregated.agent',
            'summaries_aggregated.model'
        ]) }} as speedup_summary_id,
        summaries_aggregated.summary_level,
        summaries_aggregated.agent,
        summaries_aggregated.model,
        summaries_aggregated.agent || '/' || summaries_aggregated.model
            as config_key,
        -- numbers: ISO-Q4, the original's total_runs counts agent/model
        -- groups (pooled row only)
        {% if compat_total_runs -%}
            cast(
                case
                    when summaries_aggregated.summary_level = 'pooled'
                        then n_groups.n_config_groups
                end as bigint
            )
        {%- else -%}
            cast(summaries_aggregated.total_commits as bigint)
        {%- endif %} as total_runs,
        cast(summaries_aggregated.total_commits as bigint) as total_commits,
        cast(summaries_aggregated.tests_available as bigint)
            as tests_available,
        cast(summaries_aggregated.tests_run as bigint) as tests_run,
        cast(summaries_aggregated.tests_passed as bigint) as tests_passed,
        cast(summaries_aggregated.tests_failed as bigint) as tests_failed,
        cast(summaries_aggregated.no_test_available as bigint)
            as no_test_available,
        cast(summaries_aggregated.no_patch as bigint) as no_patch,
        cast(summaries_aggregated.patch_failed as bigint) as patch_failed,
        cast(summaries_aggregated.timeouts as bigint) as timeouts,
        cast(summaries_aggregated.errors as bigint) as errors,
        cast(summaries_aggregated.commits_with_improvement as bigint)
            as commits_with_improvement,
        cast(summaries_aggregated.commits_neutral as bigint)
            as commits_neutral,
        cast(summaries_aggregated.commits_with_regression as bigint)
            as commits_with_regression,
        cast(summaries_aggregated.speedup_count as bigint) as speedup_count,
        summaries_aggregated.avg_speedup,
        {% if median_rule == 'position' -%}
            speedups_indexed.median_position
        {%- else -%}
            summaries_aggregated.median_interpolated
        {%- endif %} as median_speedup,
        {% if quantile_rule == 'index' -%}
            speedups_indexed.p95_index
        {%- else -%}
            summaries_aggregated.p95_interpolated
        {%- endif %} as speedup_p95,
        {% if quantile_rule == 'index' -%}
            speedups_indexed.p5_index
        {%- else -%}
            summaries_aggregated.p5_interpolated
        {%- endif %} as speedup_p5,
        summaries_aggregated.geo_mean_speedup
    from summaries_aggregated
    cross join n_groups
    {% if uses_index -%}
        left join speedups_indexed
            on
                summaries_aggregated.summary_level
                = speedups_indexed.summary_level
                and summaries_aggregated.agent
                is not distinct from speedups_indexed.agent
                and summaries_aggregated.model
                is not distinct from speedups_indexed.model
    {%- endif %}
)

select * from final
