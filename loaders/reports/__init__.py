"""`agent-evals report`: Markdown reports with PNG figures, read from the marts."""

from __future__ import annotations

from pathlib import Path

import duckdb

from loaders.reports import comparison, coverage, leaderboard, performance
from loaders.reports.base import Report

WRITERS = (coverage.write, performance.write, comparison.write, leaderboard.write)


def write_reports(db: Path, out: Path) -> list[Report]:
    """Write every report and `index.md` under `out`; return what was written."""
    out.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(db), read_only=True) as con:
        reports = [writer(con, out) for writer in WRITERS]
    lines = ["# agent-evals reports", "", f"From the warehouse `{db.name}`.", ""]
    lines += [
        f"- [{report.title}]({report.path.relative_to(out)}): {report.gist}"
        for report in reports
    ]
    (out / "index.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return reports
