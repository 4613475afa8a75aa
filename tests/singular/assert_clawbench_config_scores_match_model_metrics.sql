-- CB-10 and rules/README.md convention 12: for every ClawBench row of
-- fct_config_scores, the general columns equal ClawBench's own metrics of
-- int_clawbench__model_metrics where the rules name them (n_expected = E,
-- n_attempted, coverage, mean_score = all_mean, clean_mean_score =
-- clean_mean when the clean set is not empty). Returns one row per model
-- whose numbers differ; none while the ClawBench grid is not wired in.
with

config_scores as (
    select
        config_key,
        n_expected,
        n_attempted,
        coverage,
        mean_score,
        clean_mean_score
    from {{ ref('fct_config_scores') }}
    where source_system = 'clawbench'
),

model_metrics as (
    select
        config_key,
        n_expected,
        n_attempted,
        n_clean,
        coverage,
        all_mean,
        clean_mean
    from {{ ref('int_clawbench__model_metrics') }}
),

final as (
    select
        config_scores.config_key,
        config_scores.n_expected,
        model_metrics.n_expected as metrics_n_expected,
        config_scores.n_attempted,
        model_metrics.n_attempted as metrics_n_attempted,
        config_scores.mean_score,
        model_metrics.all_mean,
        config_scores.clean_mean_score,
        model_metrics.clean_mean
    from config_scores
    left join model_metrics
        on config_scores.config_key = model_metrics.config_key
    where
        model_metrics.config_key is null
        or config_scores.n_expected != model_metrics.n_expected
        or config_scores.n_attempted != model_metrics.n_attempted
        or abs(config_scores.coverage - model_metrics.coverage) > 1e-12
        or abs(config_scores.mean_score - model_metrics.all_mean) > 1e-12
        or (
            model_metrics.n_clean > 0
            and abs(config_scores.clean_mean_score - model_metrics.clean_mean)
            > 1e-12
        )
)

select * from final
