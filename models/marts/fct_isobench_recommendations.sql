{#-
    ISO-14: the recommendations of the ISO-Bench analysis report as data.
    Each row of isobench_recommendation_rules names the runs it counts
    (an outcome group, a list of outcome categories, or the runs without a
    test script); this model counts them over every run and adds the lists
    the recommendation names (modules to install or compile, commits
    without a test script).
-#}

with

attempts_categorized as (
    select
        attempt_key,
        human_commit_short,
        outcome_category,
        outcome_group,
        has_test_script
    from {{ ref('int_isobench__attempts_categorized') }}
),

recommendation_rules as (
    select
        recommendation_id,
        recommendation_order,
        priority,
        title,
        actions,
        match_kind,
        match_values,
        detail_kind
    from {{ ref('isobench_recommendation_rules') }}
),

import_errors as (
    select
        module,
        module_rank,
        is_native
    from {{ ref('fct_import_errors') }}
),

-- match_values is a |-separated list of groups or categories
runs_matched as (
    select distinct
        recommendation_rules.recommendation_id,
        attempts_categorized.attempt_key,
        attempts_categorized.human_commit_short
    from recommendation_rules
    inner join attempts_categorized
        on
            (
                recommendation_rules.match_kind = 'outcome_group'
                and {{ dbt.position(
                    "'|' || attempts_categorized.outcome_group || '|'",
                    "'|' || recommendation_rules.match_values || '|'"
                ) }} > 0
            )
            or (
                recommendation_rules.match_kind = 'outcome_category'
                and {{ dbt.position(
                    "'|' || attempts_categorized.outcome_category || '|'",
                    "'|' || recommendation_rules.match_values || '|'"
                ) }} > 0
            )
            or (
                recommendation_rules.match_kind = 'no_test_script'
                and attempts_categorized.has_test_script = false
            )
),

runs_counted as (
    select
        recommendation_id,
        count(*) as n_runs
    from runs_matched
    group by recommendation_id
),

-- commits of the matched runs, ascending (ISO-14: missing test scripts)
commits_listed as (
    select
        recommendation_id,
        {{ dbt.listagg(
            'human_commit_short', "', '", 'order by human_commit_short'
        ) }} as commits
    from (
        select distinct
            recommendation_id,
            human_commit_short
        from runs_matched
        where human_commit_short is not null
    ) as matched_commits
    group by recommendation_id
),

-- the top isobench_recommended_modules non-native modules, most affected
-- runs first, and every native module (to compile)
modules_listed as (
    select
        {{ dbt.listagg(
            'case when not is_native then module end',
            "', '",
            'order by module_rank'
        ) }} as modules_to_install,
        {{ dbt.listagg(
            'case when is_native then module end',
            "', '",
            'order by module_rank'
        ) }} as native_modules
    from (
        select
            module,
            module_rank,
            is_native,
            row_number() over (
                partition by is_native
                order by module_rank
            ) as rank_within_kind
        from import_errors
    ) as modules_ranked
    where
        is_native
        or rank_within_kind <= {{ var('isobench_recommended_modules') }}
),

totals as (
    select count(*) as n_runs_total
    from attempts_categorized
),

final as (
    select
        -- ids
        recommendation_rules.recommendation_id,
        -- strings
        recommendation_rules.priority,
        recommendation_rules.title,
        recommendation_rules.actions,
        recommendation_rules.match_kind,
        recommendation_rules.match_values,
        case
            when recommendation_rules.detail_kind = 'modules'
                then modules_listed.modules_to_install
        end as modules_to_install,
        case
            when recommendation_rules.detail_kind = 'modules'
                then modules_listed.native_modules
        end as native_modules,
        case
            when recommendation_rules.detail_kind = 'commits'
                then commits_listed.commits
        end as commits,
        -- numbers: share of all runs, unrounded (shown with 0 decimals)
        cast(recommendation_rules.recommendation_order as bigint)
            as recommendation_order,
        cast(coalesce(runs_counted.n_runs, 0) as bigint) as n_runs,
        cast(totals.n_runs_total as bigint) as n_runs_total,
        100.0 * cast(coalesce(runs_counted.n_runs, 0) as double)
        / nullif(totals.n_runs_total, 0) as share_pct
    from recommendation_rules
    cross join totals
    cross join modules_listed
    left join runs_counted
        on
            recommendation_rules.recommendation_id
            = runs_counted.recommendation_id
    left join commits_listed
        on
            recommendation_rules.recommendation_id
            = commits_listed.recommendation_id
)

select * from final
