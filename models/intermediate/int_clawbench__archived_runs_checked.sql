{%- set completion_floor = var('clawbench_completion_floor') -%}
{%- set default_pass_threshold = var('clawbench_default_pass_threshold') -%}
{%- set partial_score = var('clawbench_partial_score') -%}

with

runs as (
    select
        attempt_key,
        cache_sub,
        task_id,
        delivery_outcome,
        failure_mode,
        error,
        total_assertions,
        passed_assertions,
        completion_score,
        judge_score,
        judge_passing_threshold,
        run_score,
        judge_passed,
        is_rejudged,
        run_score_mismatch
    from {{ ref('stg_clawbench__runs') }}
),

tasks as (
    select
        task_id,
        pass_threshold
    from {{ ref('clawbench_tasks') }}
),

failure_mode_tokens as (
    select
        token,
        failure_mode,
        precedence
    from {{ ref('clawbench_failure_mode_tokens') }}
),

-- CB-07 with the stored run_score (the harness derived its outcome from
-- it); thr = the task's pass_threshold, blank or unknown task = the default.
runs_delivered as (
    select
        runs.*,
        coalesce(tasks.pass_threshold, {{ default_pass_threshold }})
            as pass_threshold,
        case
            when runs.run_score is null or runs.completion_score is null
                then null
            when coalesce(runs.total_assertions, 0) > 0
                then
                    case
                        when
                            runs.passed_assertions >= runs.total_assertions
                            and runs.run_score >= coalesce(
                                tasks.pass_threshold,
                                {{ default_pass_threshold }}
                            )
                            then 'pass'
                        when
                            runs.passed_assertions > 0
                            or runs.completion_score > 0
                            or runs.run_score >= {{ partial_score }}
                            then 'partial'
                        else 'fail'
                    end
            when
                runs.completion_score >= {{ completion_floor }}
                and runs.run_score >= coalesce(
                    tasks.pass_threshold, {{ default_pass_threshold }}
                )
                then 'pass'
            when
                runs.completion_score > 0
                or runs.run_score >= {{ partial_score }}
                then 'partial'
            else 'fail'
        end as delivery_outcome_derived
    from runs
    left join tasks
        on runs.task_id = tasks.task_id
),

-- CB-17: the first token class (precedence) whose token the lower-cased
-- error contains.
error_modes_ranked as (
    select
        runs.attempt_key,
        failure_mode_tokens.failure_mode,
        row_number() over (
            partition by runs.attempt_key
            order by
                failure_mode_tokens.precedence,
                failure_mode_tokens.failure_mode
        ) as mode_rank
    from runs
    inner join failure_mode_tokens
        on
            {{ dbt.position(
                'lower(failure_mode_tokens.token)', 'lower(runs.error)'
            ) }} > 0
),

final as (
    select
        -- ids
        runs_delivered.attempt_key,
        runs_delivered.cache_sub,
        runs_delivered.task_id,
        -- strings
        runs_delivered.delivery_outcome,
        runs_delivered.delivery_outcome_derived,
        runs_delivered.failure_mode,
        error_modes_ranked.failure_mode as failure_mode_derived,
        -- numbers
        runs_delivered.pass_threshold,
        runs_delivered.run_score,
        runs_delivered.judge_score,
        runs_delivered.judge_passing_threshold,
        -- booleans
        coalesce(
            runs_delivered.delivery_outcome
            != runs_delivered.delivery_outcome_derived,
            false
        ) as is_delivery_mismatch,
        error_modes_ranked.failure_mode is not null
        and not coalesce(
            runs_delivered.failure_mode = error_modes_ranked.failure_mode,
            false
        ) as is_failure_mode_mismatch,
        runs_delivered.is_rejudged,
        -- CB-16: a rejudged run's passed flag is score >= passing_threshold
        -- (checked on the stored score; the unclamped reply is not kept)
        runs_delivered.is_rejudged
        and not coalesce(
            runs_delivered.judge_passed = (
                runs_delivered.judge_score
                >= runs_delivered.judge_passing_threshold
            ),
            false
        ) as is_rejudge_passed_mismatch,
        -- CB-16: after a rejudge the stored run_score equals CB-05 with the
        -- new J (absent when the rejudge left an error)
        runs_delivered.is_rejudged
        and coalesce(runs_delivered.run_score_mismatch, false)
            as is_rejudge_score_mismatch
    from runs_delivered
    left join error_modes_ranked
        on
            runs_delivered.attempt_key = error_modes_ranked.attempt_key
            and error_modes_ranked.mode_rank = 1
)

select * from final
