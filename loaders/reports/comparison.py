"""Fair multi-model comparison in the shape of the ClawBench report.

Rankings by coverage-normalised score (with its task-resampling interval),
clean mean and judge-only mean, the computed fairness statements, coverage
detail, per-tier scores and the per-task audit flags (CB-10..CB-18;
shared/seeds/003_143ba09fa75a4016.txt).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders.reports import figures, render
from loaders.reports.base import Report

RANKING_SQL = """
select
    scores.model_rank,
    coalesce(configs.display_name, scores.model),
    scores.cov_norm,
    scores.coverage_normalised_score_ci_low,
    scores.coverage_normalised_score_ci_high,
    scores.clean_mean,
    scores.judge_mean,
    scores.c_pass_runs,
    scores.n_archived,
    scores.n_clean,
    scores.n_expected,
    scores.n_infra_zero
from main.fct_config_scores as scores
inner join main.dim_agent_configs as configs
    on scores.agent_config_id = configs.agent_config_id
where scores.source_system = 'clawbench'
order by scores.model_rank, 2
"""

COVERAGE_SQL = """
select
    coalesce(configs.display_name, scores.model),
    scores.n_archived,
    scores.n_log_only,
    scores.n_expected - scores.n_attempted,
    scores.n_expected,
    scores.archived_coverage,
    scores.clean_coverage,
    scores.rejudged,
    scores.judge_infra_remaining,
    scores.has_coverage_mismatch
from main.fct_config_scores as scores
inner join main.dim_agent_configs as configs
    on scores.agent_config_id = configs.agent_config_id
where scores.source_system = 'clawbench'
order by scores.model_rank, 1
"""

STATEMENTS_SQL = """
select statement_text, is_true
from main.fct_clawbench_report_statements
order by statement_order
"""

TIERS_SQL = """
select display_name, tier, tier_score, tier_metric
from main.fct_tier_scores
where source_system = 'clawbench'
order by display_name, tier
"""

HEALTH_SQL = """
select
    task_id, tier, n_models, mean_score, assistant_output_rate,
    n_harness_errors, n_judge_infra,
    is_failing_all_models, is_verifier_rejecting_outputs,
    has_harness_errors_cluster, has_judge_infra_cluster
from main.fct_task_health
where source_system = 'clawbench'
    and (is_failing_all_models or is_verifier_rejecting_outputs
        or has_harness_errors_cluster or has_judge_infra_cluster)
order by task_id
"""

FLAG_NAMES = (
    "broken task (all models fail)",
    "verifier rejects outputs",
    "harness-error cluster",
    "judge-infra cluster",
)


def _ratio(part: int | None, whole: int | None) -> str:
    return render.MISSING if part is None or whole is None else f"{part}/{whole}"


def write(con: duckdb.DuckDBPyConnection, out: Path) -> Report:
    """Write `clawbench.md` and its figures."""
    ranking = con.execute(RANKING_SQL).fetchall()
    lines = [
        "# Fair multi-model comparison (ClawBench)",
        "",
        "Models ranked by the coverage-normalised score (sum of clean run "
        "scores over every expected run, CB-10/CB-11) with its 95 % interval "
        "from resampling tasks (CB-X2); the clean mean leaves infra-zero runs "
        "out, the judge-only mean is the LLM judge's score alone.",
        "",
        "## Ranking",
        "",
        render.table(
            [
                "Rank",
                "Model",
                "Coverage-normalised",
                "95 % interval",
                "Clean mean",
                "Judge-only",
                "C=1.0 runs",
                "Clean runs",
                "Infra zeros",
            ],
            [
                [
                    render.number(rank),
                    render.text(model),
                    render.number(cov_norm, 4),
                    f"[{render.number(low, 4)}, {render.number(high, 4)}]",
                    render.number(clean, 4),
                    render.number(judge, 3),
                    _ratio(c_pass, archived),
                    _ratio(n_clean, expected),
                    render.number(zeros),
                ]
                for (
                    rank,
                    model,
                    cov_norm,
                    low,
                    high,
                    clean,
                    judge,
                    c_pass,
                    archived,
                    n_clean,
                    expected,
                    zeros,
                ) in ranking
            ],
        ),
        "",
    ]
    if ranking:
        chart = figures.interval_chart(
            [(row[1], row[2], row[3], row[4]) for row in ranking],
            title="ClawBench coverage-normalised score with 95 % task bootstrap",
            xlabel="coverage-normalised score",
            path=out / "figures" / "clawbench_ranking.png",
        )
        lines += [f"![Ranking]({chart.relative_to(out)})", ""]
    lines += ["## Fairness", ""]
    lines += [
        f"- {'' if ok else '**'}{render.text(text)}{'' if ok else '**'}"
        for text, ok in con.execute(STATEMENTS_SQL).fetchall()
    ]
    lines += [
        "",
        "## Coverage detail",
        "",
        render.table(
            [
                "Model",
                "Archived",
                "Log-only",
                "Missing",
                "Archived coverage",
                "Clean coverage",
                "Rejudged",
                "Judge-infra left",
                "Log/archive mismatch",
            ],
            [
                [
                    render.text(model),
                    _ratio(archived, expected),
                    render.number(log_only),
                    render.number(missing),
                    render.number(archived_cov, 3),
                    render.number(clean_cov, 3),
                    render.number(rejudged),
                    render.number(judge_left),
                    "yes" if mismatch else "no",
                ]
                for (
                    model,
                    archived,
                    log_only,
                    missing,
                    expected,
                    archived_cov,
                    clean_cov,
                    rejudged,
                    judge_left,
                    mismatch,
                ) in con.execute(COVERAGE_SQL).fetchall()
            ],
        ),
        "",
    ]
    tiers = con.execute(TIERS_SQL).fetchall()
    models = sorted({model for model, *_ in tiers})
    tier_names = sorted({tier for _, tier, *_ in tiers})
    scores = {(model, tier): score for model, tier, score, _ in tiers}
    metric = tiers[0][3] if tiers else render.MISSING
    lines += [
        "## Per-tier scores",
        "",
        f"Tier score = `{metric}` of the tier's runs (CB-12).",
        "",
        render.table(
            ["Model", *tier_names],
            [
                [render.text(model)]
                + [render.number(scores.get((model, tier)), 3) for tier in tier_names]
                for model in models
            ],
        ),
        "",
    ]
    if tiers:
        heatmap = figures.value_heatmap(
            {key: value for key, value in scores.items() if value is not None},
            models,
            tier_names,
            title=f"ClawBench {metric} by model and tier",
            xlabel="tier",
            ylabel="model",
            colorbar=metric,
            path=out / "figures" / "clawbench_tiers.png",
        )
        lines += [f"![Per-tier scores]({heatmap.relative_to(out)})", ""]
    health = con.execute(HEALTH_SQL).fetchall()
    lines += [
        "## Task audit",
        "",
        "Tasks with at least one CB-13 flag (all of them in `fct_task_health`).",
        "",
        render.table(
            [
                "Task",
                "Tier",
                "Models",
                "Mean score",
                "Output rate",
                "Harness errors",
                "Judge-infra",
                "Flags",
            ],
            [
                [
                    render.code(task),
                    render.text(tier),
                    render.number(n_models),
                    render.number(mean, 3),
                    render.number(rate, 2),
                    render.number(errors),
                    render.number(judge),
                    ", ".join(
                        name for name, on in zip(FLAG_NAMES, flags, strict=True) if on
                    ),
                ]
                for task, tier, n_models, mean, rate, errors, judge, *flags in health
            ],
        ),
        "",
    ]
    path = out / "clawbench.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Report(
        "Fair multi-model comparison (ClawBench)",
        path,
        f"{len(ranking)} models, {len(health)} flagged tasks",
    )
