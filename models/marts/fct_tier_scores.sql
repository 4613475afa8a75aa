{%- set tier_metric = clawbench_setting(
    'clawbench_tier_metric', 'cov_norm', 'mean_all'
) -%}
{%- set empty_mean = clawbench_setting(
    'clawbench_empty_mean', 'keep_null', 'zero'
) -%}
{%- set empty_mean_value = (
    'cast(0 as double)' if empty_mean == 'zero' else 'cast(null as double)'
) -%}

with

slots as (
    select
        cache_sub,
        task_id,
        tier,
        run_index,
        selected_attempt_key,
        slot_source,
        score,
        is_infra_zero
    from {{ ref('int_clawbench__slots_resolved') }}
),

agent_configs as (
    select
        config_key,
        display_name
    from {{ ref('int_clawbench__agent_configs') }}
),

-- CB-12 reports tier1 .. tier5 whether or not a task of the tier is on the
-- list; a tier of a listed task outside them (other) is added.
tiers as (
    select 'tier' || cast(series.generated_number as varchar) as tier
    from ({{ dbt.generate_series(5) }}) as series
    union
    select tier
    from slots
),

models as (
    select distinct cache_sub
    from slots
),

-- Clean = scored and not an infra-zero (CB-09); scored slots follow CB-04
-- (log-only slots are absent under CB-Q7); tier_mean_all reads archived
-- slots only, infra-zeros included.
tiers_aggregated as (
    select
        cache_sub,
        tier,
        count(distinct task_id) as n_tasks,
        count(*) as n_expected,
        count(selected_attempt_key) as n_scored,
        count(
            case
                when selected_attempt_key is not null and not is_infra_zero
                    then 1
            end
        ) as n_clean,
        count(
            case
                when slot_source in ('archive_main', 'archive_gapfill') then 1
            end
        ) as n_archived,
        {{ float_sum(
            'case when selected_attempt_key is not null'
            ~ ' and not is_infra_zero then score end'
        ) }} as clean_score_sum,
        {{ float_avg(
            'case when selected_attempt_key is not null'
            ~ ' and not is_infra_zero then score end'
        ) }} as clean_score_mean,
        {{ float_avg(
            "case when slot_source in ('archive_main', 'archive_gapfill')"
            ~ " then score end"
        ) }} as archived_score_mean
    from slots
    group by cache_sub, tier
),

model_tiers as (
    select
        models.cache_sub,
        tiers.tier,
        coalesce(tiers_aggregated.n_tasks, 0) as n_tasks,
        coalesce(tiers_aggregated.n_expected, 0) as n_expected,
        coalesce(tiers_aggregated.n_scored, 0) as n_scored,
        coalesce(tiers_aggregated.n_clean, 0) as n_clean,
        coalesce(tiers_aggregated.n_archived, 0) as n_archived,
        coalesce(tiers_aggregated.clean_score_sum, 0)
        / nullif(tiers_aggregated.n_expected, 0) as tier_cov_norm,
        -- CB-Q13 (clawbench_empty_mean = zero): a tier with slots but no
        -- clean one gives 0; a tier without slots stays null ("—")
        case
            when tiers_aggregated.n_expected > 0
                then coalesce(
                    tiers_aggregated.clean_score_mean, {{ empty_mean_value }}
                )
        end as tier_clean_mean,
        tiers_aggregated.archived_score_mean as tier_mean_all
    from models
    cross join tiers
    left join tiers_aggregated
        on
            models.cache_sub = tiers_aggregated.cache_sub
            and tiers.tier = tiers_aggregated.tier
),

final as (
    select
        -- ids
        {{ surrogate_key([
            "'clawbench'",
            "'clawbench'",
            'model_tiers.cache_sub',
            'model_tiers.tier'
        ]) }} as tier_score_id,
        cast('clawbench' as varchar) as benchmark,
        {{ surrogate_key(["'clawbench'", 'model_tiers.cache_sub']) }}
            as agent_config_id,
        cast(model_tiers.cache_sub as varchar) as config_key,
        -- strings
        cast('clawbench' as varchar) as source_system,
        cast(agent_configs.display_name as varchar) as display_name,
        cast(model_tiers.tier as varchar) as tier,
        cast('{{ tier_metric }}' as varchar) as tier_metric,
        -- numbers
        cast(model_tiers.n_tasks as bigint) as n_tasks,
        cast(model_tiers.n_expected as bigint) as n_expected,
        cast(model_tiers.n_scored as bigint) as n_scored,
        cast(model_tiers.n_clean as bigint) as n_clean,
        cast(model_tiers.n_archived as bigint) as n_archived,
        cast(model_tiers.tier_cov_norm as double) as tier_cov_norm,
        cast(model_tiers.tier_clean_mean as double) as tier_clean_mean,
        cast(model_tiers.tier_mean_all as double) as tier_mean_all,
        -- CB-12 report column: tier_cov_norm; CB-Q8
        -- (clawbench_tier_metric = mean_all) tier_mean_all
        cast(model_tiers.tier_{{ tier_metric }} as double) as tier_score
    from model_tiers
    left join agent_configs
        on model_tiers.cache_sub = agent_configs.config_key
)

select * from final
