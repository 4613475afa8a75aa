{#-
    ISO-10: ISO-Bench runs per outcome category and per group, every
    category of isobench_outcome_categories (those without runs too), with
    the group's fixed report order and shares of all runs (the original
    counts every run) and of the group. ISO-16 selected runs beside them.
-#}

with

attempts_categorized as (
    select
        attempt_key,
        outcome_category,
        is_selected
    from {{ ref('int_isobench__attempts_categorized') }}
),

outcome_categories as (
    select
        outcome_category,
        outcome_group,
        group_order,
        decision_step,
        side
    from {{ ref('isobench_outcome_categories') }}
),

categories_counted as (
    select
        outcome_category,
        count(*) as n_runs,
        count(case when is_selected then 1 end) as n_selected_runs
    from attempts_categorized
    group by outcome_category
),

totals as (
    select
        count(*) as n_runs_total,
        count(case when is_selected then 1 end) as n_selected_runs_total
    from attempts_categorized
),

categories_joined as (
    select
        outcome_categories.outcome_category,
        outcome_categories.outcome_group,
        outcome_categories.decision_step,
        outcome_categories.side,
        outcome_categories.group_order,
        coalesce(categories_counted.n_runs, 0) as n_runs,
        coalesce(categories_counted.n_selected_runs, 0) as n_selected_runs
    from outcome_categories
    left join categories_counted
        on
            outcome_categories.outcome_category
            = categories_counted.outcome_category
),

categories_grouped as (
    select
        *,
        sum(n_runs) over (partition by outcome_group) as n_group_runs,
        sum(n_selected_runs) over (partition by outcome_group)
            as n_group_selected_runs,
        row_number() over (
            partition by outcome_group
            order by n_runs desc, outcome_category asc
        ) as category_rank
    from categories_joined
),

final as (
    select
        -- ids
        categories_grouped.outcome_category,
        -- strings
        categories_grouped.outcome_group,
        categories_grouped.decision_step,
        categories_grouped.side as outcome_side,
        -- numbers: ISO-10 order and shares (100 x count / runs, unrounded)
        cast(categories_grouped.group_order as bigint) as group_order,
        cast(categories_grouped.category_rank as bigint) as category_rank,
        cast(categories_grouped.n_runs as bigint) as n_runs,
        cast(categories_grouped.n_group_runs as bigint) as n_group_runs,
        cast(totals.n_runs_total as bigint) as n_runs_total,
        100.0 * cast(categories_grouped.n_runs as double)
        / nullif(totals.n_runs_total, 0) as share_pct,
        100.0 * cast(categories_grouped.n_group_runs as double)
        / nullif(totals.n_runs_total, 0) as group_share_pct,
        100.0 * cast(categories_grouped.n_runs as double)
        / nullif(categories_grouped.n_group_runs, 0) as share_of_group_pct,
        -- numbers: ISO-16 selected attempts (one per grid cell)
        cast(categories_grouped.n_selected_runs as bigint) as n_selected_runs,
        cast(categories_grouped.n_group_selected_runs as bigint)
            as n_group_selected_runs,
        cast(totals.n_selected_runs_total as bigint) as n_selected_runs_total
    from categories_grouped
    cross join totals
)

select * from final
