"""Coverage and failure report: one section per benchmark of `fct_task_grid`.

Grid status by configuration (table and heatmap), failure categories,
discarded configurations and the rerun manifest; every number is a mart value.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders.reports import figures, render
from loaders.reports.base import Report, slug

STATUS_COLOURS = {
    "completed": "#2e7d32",
    "failed": "#c62828",
    "missing": "#9e9e9e",
    "excluded": "#e0e0e0",
}

CONFIG_LABEL = (
    "coalesce(configs.display_name, configs.scaffold || ' / ' || configs.model)"
)

STATUS_SQL = f"""
select
    {CONFIG_LABEL} as config,
    count(case when grid.cell_status = 'completed' then 1 end),
    count(case when grid.cell_status = 'failed' then 1 end),
    count(case when grid.cell_status = 'missing' then 1 end),
    count(case when grid.cell_status = 'excluded' then 1 end),
    scores.n_expected,
    scores.n_attempted,
    scores.coverage
from main.fct_task_grid as grid
inner join main.dim_agent_configs as configs
    on grid.agent_config_id = configs.agent_config_id
inner join main.fct_config_scores as scores
    on grid.benchmark = scores.benchmark
    and grid.agent_config_id = scores.agent_config_id
where grid.benchmark = ?
group by all
order by config
"""

CELLS_SQL = f"""
select
    {CONFIG_LABEL}
    || case when max(grid.repetition) over (partition by grid.benchmark) > 0
        then ' #' || grid.repetition else '' end as row_label,
    grid.task_id,
    grid.cell_status
from main.fct_task_grid as grid
inner join main.dim_agent_configs as configs
    on grid.agent_config_id = configs.agent_config_id
where grid.benchmark = ?
"""

FAILURES_SQL = """
select failure_category, failure_class, count(*)
from main.fct_task_grid
where benchmark = ? and cell_status = 'failed'
group by all
order by count(*) desc, failure_category
"""

DISCARDED_SQL = f"""
select {CONFIG_LABEL}, configs.discard_basis, configs.cost_failure_pct
from main.dim_agent_configs as configs
where configs.is_discarded
    and configs.agent_config_id in (
        select agent_config_id from main.fct_task_grid where benchmark = ?
    )
order by 1
"""

RERUN_SQL = """
select task_id, config_key, repetition, reason, command_hint
from main.fct_rerun_manifest
where benchmark = ?
order by reason, task_id, config_key, repetition
"""

MAX_RERUN_ROWS = 50
"""Rerun rows listed per benchmark; the counts by reason cover all of them."""


def _section(con: duckdb.DuckDBPyConnection, benchmark: str, out: Path) -> list[str]:
    lines = [f"## {render.text(benchmark)}", ""]
    status = con.execute(STATUS_SQL, [benchmark]).fetchall()
    lines += [
        "### Grid status by configuration",
        "",
        render.table(
            [
                "configuration",
                "completed",
                "failed",
                "missing",
                "excluded",
                "expected",
                "attempted",
                "coverage",
            ],
            [
                [render.text(row[0])]
                + [render.number(value) for value in row[1:7]]
                + [render.number(row[7])]
                for row in status
            ],
        ),
        "",
    ]
    cells = con.execute(CELLS_SQL, [benchmark]).fetchall()
    figure = figures.category_heatmap(
        {(row, task): status for row, task, status in cells},
        sorted({row for row, _, _ in cells}),
        sorted({task for _, task, _ in cells}),
        STATUS_COLOURS,
        title=f"Grid cells of {benchmark} by status",
        xlabel="task",
        ylabel="configuration",
        path=out / "figures" / f"coverage_{slug(benchmark)}.png",
    )
    lines += [
        f"![Grid status of {render.text(benchmark)}]({figure.relative_to(out)})",
        "",
    ]
    failures = con.execute(FAILURES_SQL, [benchmark]).fetchall()
    lines += [
        "### Failed cells by category",
        "",
        render.table(
            ["failure category", "class", "cells"],
            [
                [render.text(a), render.text(b), render.number(c)]
                for a, b, c in failures
            ],
        ),
        "",
    ]
    discarded = con.execute(DISCARDED_SQL, [benchmark]).fetchall()
    lines += [
        "### Discarded configurations",
        "",
        render.table(
            ["configuration", "basis", "cost failures %"],
            [
                [render.text(a), render.text(b), render.number(c, 1)]
                for a, b, c in discarded
            ],
        ),
        "",
    ]
    reruns = con.execute(RERUN_SQL, [benchmark]).fetchall()
    by_reason: dict[str, int] = {}
    for row in reruns:
        by_reason[row[3]] = by_reason.get(row[3], 0) + 1
    lines += [
        "### Rerun manifest",
        "",
        render.table(
            ["reason", "cells"],
            [[render.code(k), render.number(v)] for k, v in sorted(by_reason.items())],
        ),
        "",
    ]
    if reruns:
        shown = reruns[:MAX_RERUN_ROWS]
        lines += [
            render.table(
                ["task", "configuration key", "repetition", "reason", "command"],
                [
                    [
                        render.code(task),
                        render.code(key),
                        render.number(rep),
                        render.code(reason),
                        render.code(hint),
                    ]
                    for task, key, rep, reason, hint in shown
                ],
            ),
            "",
        ]
        if len(reruns) > len(shown):
            lines += [
                f"First {len(shown)} of {len(reruns)} cells; all are in "
                "`fct_rerun_manifest`.",
                "",
            ]
    return lines


def write(con: duckdb.DuckDBPyConnection, out: Path) -> Report:
    """Write `coverage.md` and one heatmap per benchmark."""
    benchmarks = [
        row[0]
        for row in con.execute(
            "select distinct benchmark from main.fct_task_grid order by 1"
        ).fetchall()
    ]
    lines = [
        "# Coverage and failures",
        "",
        "Every expected grid cell (task x configuration x repetition) of "
        "`fct_task_grid`: completed, failed, missing or excluded, why cells "
        "failed, which configurations a rule discarded, and what to run again "
        "(`fct_rerun_manifest`).",
        "",
    ]
    for benchmark in benchmarks:
        lines += _section(con, benchmark, out)
    path = out / "coverage.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return Report("Coverage and failures", path, f"{len(benchmarks)} benchmarks")
