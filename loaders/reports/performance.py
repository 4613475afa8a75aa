"""Performance-optimisation report in the shape of the ISO-Bench analysis.

Executive summary of outcome groups, improvements, regressions and neutral
results, failure breakdowns, import errors by module, the agent summary and
the recommendations (shared/seeds/001_99d1cde55ad75a19.txt; ISO-10..ISO-14).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders.reports import figures, render
from loaders.reports.base import Report

GROUPS_SQL = """
select distinct outcome_group, group_order, n_group_runs, group_share_pct, n_runs_total
from main.fct_isobench_outcome_summary
order by group_order
"""

CATEGORIES_SQL = """
select outcome_group, outcome_category, n_runs, share_of_group_pct
from main.fct_isobench_outcome_summary
where n_runs > 0
order by group_order, category_rank
"""

SPEEDUPS_SQL = """
select speedup, scaffold, model, repo, task_id, baseline_ms, patched_ms
from main.fct_speedups
where speedup_band = ?
order by speedup desc, scaffold, model, repo, task_id
"""

BAND_SQL = """
select speedup_band, scaffold || ' / ' || model, speedup
from main.fct_speedups
where speedup is not null
order by 2, 3
"""

IMPORT_ERRORS_SQL = """
select module, n_runs, n_test_import_errors, n_baseline_import_errors, is_native, note
from main.fct_import_errors
order by module_rank
"""

SUMMARY_SQL = """
select
    coalesce(agent || ' / ' || model, 'all runs'),
    total_commits, tests_run, tests_passed, no_patch, errors,
    commits_with_improvement, commits_with_regression, speedup_count,
    avg_speedup, median_speedup, geo_mean_speedup
from main.fct_speedup_summary
order by summary_level = 'pooled', agent, model
"""

RECOMMENDATIONS_SQL = """
select priority, title, actions, n_runs, share_pct, modules_to_install, native_modules
from main.fct_isobench_recommendations
order by recommendation_order
"""

BAND_TITLES = (
    ("improved", "Performance improvements"),
    ("regressed", "Performance regressions"),
    ("neutral", "Neutral results"),
)
BAND_COLOURS = {"improved": "#2e7d32", "neutral": "#757575", "regressed": "#c62828"}


def _speedup_rows(rows: list[tuple]) -> list[list[str]]:
    return [
        [
            render.number(speedup, 3) + "x",
            render.text(agent),
            render.text(model),
            render.text(repo),
            render.code(commit),
            render.number(baseline, 2),
            render.number(patched, 2),
        ]
        for speedup, agent, model, repo, commit, baseline, patched in rows
    ]


def _figures(
    con: duckdb.DuckDBPyConnection, out: Path, groups: list[tuple]
) -> list[str]:
    bars = figures.bar_chart(
        [group for group, *_ in groups],
        [count for _, _, count, *_ in groups],
        title="ISO-Bench evaluations by outcome group",
        xlabel="runs",
        path=out / "figures" / "isobench_outcomes.png",
    )
    points = con.execute(BAND_SQL).fetchall()
    strip = figures.strip_plot(
        [(config, speedup, band) for band, config, speedup in points],
        BAND_COLOURS,
        title="Speedup (baseline / patched) per evaluated run",
        xlabel="speedup (log scale)",
        ylabel="agent / model",
        path=out / "figures" / "isobench_speedups.png",
    )
    return [
        f"![Outcome groups]({bars.relative_to(out)})",
        "",
        f"![Speedups by agent and model]({strip.relative_to(out)})",
        "",
    ]


def write(con: duckdb.DuckDBPyConnection, out: Path) -> Report:
    """Write `isobench.md` and its figures."""
    groups = con.execute(GROUPS_SQL).fetchall()
    total = groups[0][4] if groups else 0
    lines = [
        "# Performance-optimisation evaluation (ISO-Bench)",
        "",
        f"**Total runs evaluated:** {total}",
        "",
        "## Executive summary",
        "",
        render.table(
            ["Outcome", "Count", "Percentage"],
            [
                [render.text(group), render.number(count), render.number(pct, 1) + " %"]
                for group, _, count, pct, _ in groups
            ],
        ),
        "",
    ]
    if groups:
        lines += _figures(con, out, groups)
    for number, (band, title) in enumerate(BAND_TITLES, start=1):
        rows = con.execute(SPEEDUPS_SQL, [band]).fetchall()
        lines += [
            f"## 1.{number} {title} ({render.count(len(rows), 'run')})",
            "",
            render.table(
                [
                    "Speedup",
                    "Agent",
                    "Model",
                    "Repo",
                    "Commit",
                    "Baseline (ms)",
                    "Patched (ms)",
                ],
                _speedup_rows(rows),
            ),
            "",
        ]
    lines += ["## 2. Failure breakdown", ""]
    categories = con.execute(CATEGORIES_SQL).fetchall()
    for group, _, count, _, _ in groups:
        if group.startswith("Successful"):
            continue
        lines += [
            f"### {render.text(group)} ({render.count(count, 'run')})",
            "",
            render.table(
                ["Category", "Count", "Share of group"],
                [
                    [
                        render.code(category),
                        render.number(n),
                        render.number(pct, 1) + " %",
                    ]
                    for g, category, n, pct in categories
                    if g == group
                ],
            ),
            "",
        ]
    imports = con.execute(IMPORT_ERRORS_SQL).fetchall()
    lines += [
        "## 3. Import errors by module",
        "",
        render.table(
            ["Module", "Runs", "In test", "In baseline", "Native", "Note"],
            [
                [
                    render.code(module),
                    render.number(n),
                    render.number(test),
                    render.number(baseline),
                    "yes" if native else "no",
                    render.text(note),
                ]
                for module, n, test, baseline, native, note in imports
            ],
        ),
        "",
    ]
    summary = con.execute(SUMMARY_SQL).fetchall()
    lines += [
        "## 4. Agent summary",
        "",
        render.table(
            [
                "Agent / model",
                "Commits",
                "Tests run",
                "Passed",
                "No patch",
                "Errors",
                "Improved",
                "Regressed",
                "Speedups",
                "Mean",
                "Median",
                "Geo. mean",
            ],
            [
                [render.text(row[0])]
                + [render.number(value) for value in row[1:9]]
                + [render.number(value, 3) for value in row[9:]]
                for row in summary
            ],
        ),
        "",
    ]
    recommendations = con.execute(RECOMMENDATIONS_SQL).fetchall()
    lines += ["## 5. Recommendations", ""]
    for index, (priority, title, actions, n, pct, install, native) in enumerate(
        recommendations, start=1
    ):
        lines.append(
            f"{index}. **{render.text(title)}** ({render.text(priority)} priority; "
            f"{render.count(n, 'run')}, {render.number(pct, 1)} %): "
            f"{render.text(actions)}"
        )
        if install:
            lines.append(f"   Modules to install: {render.code(install)}.")
        if native:
            lines.append(f"   Native extensions to build: {render.code(native)}.")
    lines.append("")
    path = out / "isobench.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Report(
        "Performance-optimisation evaluation (ISO-Bench)",
        path,
        f"{total} runs, {len(recommendations)} recommendations",
    )
