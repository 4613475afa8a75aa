{#-
    One row per win-rate method and ordered model pair (A, B) that share at
    least one comparison group: HAL-X6's head-to-head matrix. Over the
    groups both are in with a score (benchmarks; per_scaffold: benchmark
    and scaffold groups), wins = groups where A's score is strictly better,
    ties equal, losses worse; h2h_rate = wins / shared. Scores are those of
    int_hal__win_rates (so HAL-Q1 and HAL-Q3 apply as there); a pair with a
    null score in a group does not share it.
-#}

with

win_rates as (
    select
        method,
        benchmark_name,
        scaffold,
        model,
        score
    from {{ ref('int_hal__win_rates') }}
    where score is not null
),

pairs as (
    select
        win_rates.method,
        win_rates.model,
        opponents.model as opponent_model,
        -- distance: lower is better; accuracies: higher
        case
            when win_rates.method = 'pareto_distance'
                then win_rates.score < opponents.score
            else win_rates.score > opponents.score
        end as is_win,
        win_rates.score = opponents.score as is_tie,
        case
            when win_rates.method = 'pareto_distance'
                then win_rates.score > opponents.score
            else win_rates.score < opponents.score
        end as is_loss
    from win_rates
    inner join win_rates as opponents
        on
            win_rates.method = opponents.method
            and win_rates.benchmark_name = opponents.benchmark_name
            and coalesce(win_rates.scaffold, '')
            = coalesce(opponents.scaffold, '')
            and win_rates.model != opponents.model
),

final as (
    select
        -- ids
        {{ surrogate_key(['method', 'model', 'opponent_model']) }}
            as head_to_head_id,
        -- strings
        method,
        model,
        opponent_model,
        -- numbers
        cast(count(case when is_win then 1 end) as bigint) as wins,
        cast(count(case when is_tie then 1 end) as bigint)
            as ties,  -- noqa: RF04
        cast(count(case when is_loss then 1 end) as bigint) as losses,
        cast(count(*) as bigint) as shared,
        cast(count(case when is_win then 1 end) as double) / count(*)
            as h2h_rate
    from pairs
    group by method, model, opponent_model
)

select * from final
