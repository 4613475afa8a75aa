{#-
    One row per win-rate method, comparison group and model: HAL-11, HAL-12
    and HAL-16 with HAL-X5's ties, losses and half-tie rate.

    per_scaffold     group (benchmark, scaffold), score = the cell's
                     accuracy under switch hal_win_rate_repetition_policy
                     (HAL-Q3: repetition_policy | first_in_source), higher
                     wins
    max_accuracy     group benchmark (scaffold null), score = HAL-12's
                     max_accuracy, higher wins
    pareto_distance  group benchmark (scaffold null), score = the distance
                     to the cost-accuracy frontier, lower wins; switch
                     hal_distance_lookup (HAL-Q1): per_benchmark uses the
                     benchmark's own distance, global_first the model's
                     first row of the whole distance table (benchmarks by
                     their smallest model, byte order, then name; rows by
                     model); comparisons stay inside the benchmark

    Against every other model of its group, A wins when its score is
    strictly better, ties when equal, loses when worse. Switch
    hal_null_score_policy (HAL-Q8): exclude leaves null scores out of every
    comparison (a model with a null score keeps a row with 0 comparisons);
    compare counts a pair with a null score as a comparison nobody wins,
    ties or loses. win_rate = wins / comparisons, win_rate_half_ties =
    (wins + 0.5 ties) / comparisons, null when comparisons = 0 (HAL-X6:
    nothing is imputed for a model absent from a group).
-#}

{%- set win_rate_policy = hal_analysis_setting(
    'hal_win_rate_repetition_policy', 'repetition_policy', 'first_in_source',
    ['repetition_policy', 'first_in_source']
) -%}
{%- set prefix = hal_cell_value_prefix(win_rate_policy) -%}
{%- set distance_lookup = hal_analysis_setting(
    'hal_distance_lookup', 'per_benchmark', 'global_first',
    ['per_benchmark', 'global_first']
) -%}
{%- set null_score_policy = hal_analysis_setting(
    'hal_null_score_policy', 'exclude', 'compare', ['exclude', 'compare']
) -%}
{%- set repetition_label = var('hal_repetition_policy')
    if win_rate_policy == 'repetition_policy' else win_rate_policy -%}

with

cell_values as (
    select
        benchmark_name,
        scaffold,
        model,
        {{ prefix }}_accuracy as accuracy
    from {{ ref('int_hal__cell_values') }}
),

representative_points as (
    select
        benchmark_name,
        model,
        max_accuracy
    from {{ ref('int_hal__representative_points') }}
),

pareto_frontier as (
    select
        benchmark_name,
        model,
        pareto_distance
    from {{ ref('int_hal__pareto_frontier') }}
),

-- HAL-Q1: the distance table in the order hal-analysis builds it
distance_table as (
    select
        benchmark_name,
        model,
        pareto_distance,
        min(model) over (partition by benchmark_name) as benchmark_first_model
    from pareto_frontier
    where pareto_distance is not null
),

global_first_distances as (
    select
        model,
        pareto_distance
    from distance_table
    qualify row_number() over (
        partition by model
        order by benchmark_first_model, benchmark_name
    ) = 1
),

-- the method's name is INTERFACE.md's column name, a keyword in sqlfluff
scores as (
    select
        'per_scaffold' as method,  -- noqa: RF04
        benchmark_name,
        scaffold,
        model,
        accuracy as score,
        false as is_lower_better
    from cell_values
    union all
    select
        'max_accuracy' as method,  -- noqa: RF04
        benchmark_name,
        cast(null as varchar) as scaffold,
        model,
        max_accuracy as score,
        false as is_lower_better
    from representative_points
    union all
    select
        'pareto_distance' as method,  -- noqa: RF04
        pareto_frontier.benchmark_name,
        cast(null as varchar) as scaffold,
        pareto_frontier.model,
        case
            when pareto_frontier.pareto_distance is null then null
            when '{{ distance_lookup }}' = 'global_first'
                then global_first_distances.pareto_distance
            else pareto_frontier.pareto_distance
        end as score,
        true as is_lower_better
    from pareto_frontier
    left join global_first_distances
        on pareto_frontier.model = global_first_distances.model
    -- exclude: a model without a distance has no point to compare
    where
        '{{ null_score_policy }}' = 'compare'
        or pareto_frontier.pareto_distance is not null
),

-- exclude: a null score is in no pair; compare: every pair counts
pairs as (
    select
        scores.method,
        scores.benchmark_name,
        scores.scaffold,
        scores.model,
        scores.score,
        scores.is_lower_better,
        opponents.model as opponent_model,
        opponents.score as opponent_score
    from scores
    left join scores as opponents
        on
            scores.method = opponents.method
            and scores.benchmark_name = opponents.benchmark_name
            and coalesce(scores.scaffold, '') = coalesce(opponents.scaffold, '')
            and scores.model != opponents.model
            and (
                '{{ null_score_policy }}' = 'compare'
                or (scores.score is not null and opponents.score is not null)
            )
),

pairs_counted as (
    select
        method,
        benchmark_name,
        scaffold,
        model,
        any_value(score) as score,
        count(opponent_model) as comparisons,
        count(
            case
                when is_lower_better and score < opponent_score then 1
                when not is_lower_better and score > opponent_score then 1
            end
        ) as wins,
        count(case when score = opponent_score then 1 end)
            as ties,  -- noqa: RF04
        count(
            case
                when is_lower_better and score > opponent_score then 1
                when not is_lower_better and score < opponent_score then 1
            end
        ) as losses
    from pairs
    group by method, benchmark_name, scaffold, model
),

final as (
    select
        -- ids
        {{ surrogate_key(['method', 'benchmark_name', 'model', 'scaffold']) }}
            as win_rate_id,
        -- strings
        method,
        benchmark_name,
        model,
        scaffold,
        case
            when method = 'per_scaffold' then '{{ repetition_label }}'
        end as repetition_policy,
        case
            when method = 'pareto_distance' then '{{ distance_lookup }}'
        end as distance_lookup,
        '{{ null_score_policy }}' as null_score_policy,
        -- numbers
        score,
        cast(wins as bigint) as wins,
        cast(ties as bigint) as ties,  -- noqa: RF04
        cast(losses as bigint) as losses,
        cast(comparisons as bigint) as comparisons,
        cast(wins as double) / nullif(comparisons, 0) as win_rate,
        (cast(wins as double) + 0.5 * ties) / nullif(comparisons, 0)
            as win_rate_half_ties
    from pairs_counted
)

select * from final
