"""Cost-accuracy leaderboard in the spirit of hal-analysis.

Per benchmark the cost/accuracy points with the convex and staircase
frontiers, heatmaps (benchmark x model) of accuracy, cost, latency and win
rate, win rates per model by the three methods, mean cost per model, cost
against win rate, and the paired comparisons (HAL-12..HAL-20, HAL-X1, X4;
shared/seeds/004_3b937a02f7ff9784.txt).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders.reports import figures, render
from loaders.reports.base import Report, slug

POINTS_SQL = """
select benchmark, model, scaffold, cost_usd, accuracy, mean_latency_s,
    is_pareto_optimal, is_staircase_optimal, pareto_distance
from main.fct_pareto_frontier
order by benchmark, accuracy desc nulls last, cost_usd, model
"""

WIN_RATES_SQL = """
select benchmark, model, win_rate
from main.fct_win_rates
where method = 'max_accuracy'
"""

MODEL_WIN_RATES_SQL = """
select method, model, win_rate_mean, win_rate_std, win_rate_count,
    wins_sum, comparisons_sum, overall_win_rate
from main.fct_model_win_rates
order by method, overall_win_rate desc nulls last, model
"""

MODEL_COSTS_SQL = """
select model, mean_cost_usd, matched_mean_cost_usd, mean_of_mean_latency_s,
    n_benchmarks, n_matched_benchmarks
from main.fct_model_costs
order by mean_cost_usd nulls last, model
"""

MODEL_FRONTIER_SQL = """
select model, cost_value, overall_win_rate, is_pareto_optimal, is_staircase_optimal
from main.fct_model_frontiers
where method = ? and axis = 'cost' and cost_value is not null
    and overall_win_rate is not null
order by model
"""

PAIRED_SQL = """
select benchmark, model_a, model_b, comparison_type, n_shared, n10, n01,
    mcnemar_p_value, diff, diff_ci_low_t, diff_ci_high_t
from main.fct_paired_comparisons
where comparison_type != 'none'
order by benchmark, mcnemar_p_value nulls last, model_a, model_b
"""

HEATMAPS = (
    ("accuracy", "accuracy", 2),
    ("cost", "mean cost (USD)", 3),
    ("latency", "mean latency (s)", 1),
    ("win_rate", "win rate (max accuracy)", 2),
)


def _point_row(row: tuple) -> list[str]:
    _, model, scaffold, cost, accuracy, _, convex, stairs, distance = row
    return [
        render.text(model),
        render.text(scaffold),
        render.number(cost, 4),
        render.number(accuracy, 3),
        "yes" if convex else "no",
        "yes" if stairs else "no",
        render.number(distance, 3),
    ]


def _paired_row(row: tuple) -> list[str]:
    benchmark, model_a, model_b, kind, shared, n10, n01, p, diff, low, high = row
    return [
        render.text(benchmark),
        render.text(model_a),
        render.text(model_b),
        render.code(kind),
        render.number(shared),
        render.number(n10),
        render.number(n01),
        render.number(p, 4),
        render.number(diff, 3),
        f"[{render.number(low, 3)}, {render.number(high, 3)}]",
    ]


def _benchmark_section(benchmark: str, points: list[tuple], out: Path) -> list[str]:
    figure = figures.frontier_plot(
        [
            (model, cost, accuracy, convex, stairs)
            for _, model, _, cost, accuracy, _, convex, stairs, _ in points
            if cost is not None and accuracy is not None
        ],
        title=f"{benchmark}: accuracy against cost",
        xlabel="total cost (USD)",
        ylabel="accuracy",
        path=out / "figures" / f"pareto_{slug(benchmark)}.png",
    )
    return [
        f"### {render.text(benchmark)}",
        "",
        f"![Pareto frontier of {render.text(benchmark)}]({figure.relative_to(out)})",
        "",
        render.table(
            [
                "Model",
                "Scaffold",
                "Cost (USD)",
                "Accuracy",
                "Convex frontier",
                "Staircase",
                "Distance",
            ],
            [_point_row(row) for row in points],
        ),
        "",
    ]


def _heatmaps(
    con: duckdb.DuckDBPyConnection, rows: list[tuple], out: Path
) -> list[str]:
    values: dict[str, dict[tuple[str, str], float]] = {
        name: {} for name, *_ in HEATMAPS
    }
    for benchmark, model, _, cost, accuracy, latency, *_ in rows:
        for name, value in (
            ("accuracy", accuracy),
            ("cost", cost),
            ("latency", latency),
        ):
            if value is not None:
                values[name][(benchmark, model)] = value
    for benchmark, model, rate in con.execute(WIN_RATES_SQL).fetchall():
        if rate is not None:
            values["win_rate"][(benchmark, model)] = rate
    benchmarks = sorted({row[0] for row in rows})
    models = sorted({row[1] for row in rows})
    lines = ["## Heatmaps", ""]
    for name, label, digits in HEATMAPS:
        figure = figures.value_heatmap(
            values[name],
            benchmarks,
            models,
            title=f"{label} by benchmark and model",
            xlabel="model",
            ylabel="benchmark",
            colorbar=label,
            path=out / "figures" / f"heatmap_{name}.png",
            digits=digits,
        )
        lines += [f"![{label}]({figure.relative_to(out)})", ""]
    return lines


def write(con: duckdb.DuckDBPyConnection, out: Path) -> Report:
    """Write `leaderboard.md` and its figures."""
    rows = con.execute(POINTS_SQL).fetchall()
    benchmarks = sorted({row[0] for row in rows})
    lines = [
        "# Cost-accuracy leaderboard (HAL)",
        "",
        "One point per (benchmark, model): the representative run's cost and "
        "accuracy (HAL-12). Red: the convex upper-hull Pareto frontier "
        "hal-analysis draws (HAL-14); dashed blue: every non-dominated point "
        "(HAL-X1). Distance: to the frontier on 0-1 rescaled axes (HAL-15).",
        "",
        "## Frontiers per benchmark",
        "",
    ]
    for benchmark in benchmarks:
        points = [row for row in rows if row[0] == benchmark]
        lines += _benchmark_section(benchmark, points, out)
    if rows:
        lines += _heatmaps(con, rows, out)
    lines += [
        "## Win rates per model",
        "",
        "Strict wins over comparisons, ties counted as comparisons (HAL-11, "
        "HAL-12, HAL-16); mean and standard deviation over benchmarks or "
        "scaffold groups, and the pooled rate (HAL-13).",
        "",
        render.table(
            [
                "Method",
                "Model",
                "Mean",
                "Std",
                "Groups",
                "Wins",
                "Comparisons",
                "Overall",
            ],
            [
                [
                    render.code(method),
                    render.text(model),
                    render.number(mean, 3),
                    render.number(std, 3),
                    render.number(count),
                    render.number(wins),
                    render.number(comparisons),
                    render.number(overall, 3),
                ]
                for method, model, mean, std, count, wins, comparisons, overall in (
                    con.execute(MODEL_WIN_RATES_SQL).fetchall()
                )
            ],
        ),
        "",
        "## Mean cost and latency per model",
        "",
        "Mean over benchmarks of the per-benchmark mean (HAL-17); matched: "
        "only benchmarks every model ran (HAL-X6).",
        "",
        render.table(
            [
                "Model",
                "Mean cost (USD)",
                "Matched mean cost",
                "Mean latency (s)",
                "Benchmarks",
                "Matched",
            ],
            [
                [
                    render.text(model),
                    render.number(cost, 4),
                    render.number(matched, 4),
                    render.number(latency, 1),
                    render.number(n),
                    render.number(n_matched),
                ]
                for model, cost, matched, latency, n, n_matched in (
                    con.execute(MODEL_COSTS_SQL).fetchall()
                )
            ],
        ),
        "",
    ]
    for method in ("max_accuracy", "pareto_distance"):
        frontier = con.execute(MODEL_FRONTIER_SQL, [method]).fetchall()
        if frontier:
            figure = figures.frontier_plot(
                frontier,
                title=f"Win rate ({method}) against mean cost",
                xlabel="mean cost (USD)",
                ylabel="overall win rate",
                path=out / "figures" / f"cost_win_rate_{method}.png",
            )
            lines += [
                f"![Cost against win rate, {method}]({figure.relative_to(out)})",
                "",
            ]
    paired = con.execute(PAIRED_SQL).fetchall()
    lines += [
        "## Paired comparisons",
        "",
        "Two configurations on the tasks both attempted: for pass/fail scores "
        "the discordant counts and the exact McNemar p-value; the mean "
        "difference A - B with a t interval (`fct_paired_comparisons`, every "
        "benchmark).",
        "",
        render.table(
            [
                "Benchmark",
                "A",
                "B",
                "Kind",
                "Shared tasks",
                "A only",
                "B only",
                "McNemar p",
                "Mean diff",
                "95 % t interval",
            ],
            [_paired_row(row) for row in paired],
        ),
        "",
    ]
    path = out / "leaderboard.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Report(
        "Cost-accuracy leaderboard (HAL)",
        path,
        f"{len(benchmarks)} benchmarks, {len(paired)} paired comparisons",
    )
