"""Reports: numbers equal the marts they come from; text is inert; PNGs stable."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from conftest import DBT, REPO, dbt

from loaders.pipeline import load_paths
from loaders.reports import render, write_reports

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled sample loaded and built (models and seeds, no tests)."""
    db = tmp_path_factory.mktemp("reports") / "warehouse.duckdb"
    load_paths([REPO / "data" / "samples"], db)
    dbt("build", db, "--exclude", "resource_type:test", "resource_type:unit_test")
    return db


@pytest.fixture(scope="module")
def out(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("out")
    write_reports(built, folder)
    return folder


@pytest.fixture
def con(built: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with duckdb.connect(str(built), read_only=True) as connection:
        yield connection


def tables_under(markdown: str, heading: str) -> list[list[list[str]]]:
    """The body rows of every table in the sections whose heading starts so."""
    found: list[list[list[str]]] = []
    lines = markdown.splitlines()
    for start, line in enumerate(lines):
        if not line.startswith("#") or not line.strip("# ").startswith(heading):
            continue
        rows: list[list[str]] = []
        for body in lines[start + 1 :]:
            if body.startswith("#"):
                break
            if body.startswith("|") and not body.startswith("|---"):
                cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", body)[1:-1]]
                if cells[0] != "(none)":
                    rows.append(cells)
            elif rows and not body.startswith("|"):
                found.append(rows[1:])
                rows = []
        if rows:
            found.append(rows[1:])
    return found


def plain(cell: str) -> str:
    """A rendered cell back to its text: code fences and escapes removed."""
    return re.sub(r"\\(.)", r"\1", cell.strip("` "))


def test_index_links_every_report_and_figure_exists(out):
    index = (out / "index.md").read_text()
    links = re.findall(r"\]\(([^)]+)\)", index)
    assert links == ["coverage.md", "isobench.md", "clawbench.md", "leaderboard.md"]
    for link in links:
        report = out / link
        assert report.exists()
        for figure in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", report.read_text()):
            assert (out / figure).read_bytes()[:8] == PNG_MAGIC


def test_coverage_status_counts_equal_the_marts(out, con):
    text = (out / "coverage.md").read_text()
    benchmarks = [
        row[0]
        for row in con.execute(
            "select distinct benchmark from fct_task_grid order by 1"
        ).fetchall()
    ]
    sections = tables_under(text, "Grid status by configuration")
    assert len(sections) == len(benchmarks)
    for benchmark, rows in zip(benchmarks, sections, strict=True):
        expected = con.execute(
            """
            select count(*) filter (where cell_status = 'completed'),
                count(*) filter (where cell_status = 'failed'),
                count(*) filter (where cell_status = 'missing'),
                count(*) filter (where cell_status = 'excluded')
            from fct_task_grid where benchmark = ?
            """,
            [benchmark],
        ).fetchone()
        totals = [sum(int(row[i]) for row in rows) for i in range(1, 5)]
        assert totals == list(expected), benchmark


def test_coverage_rerun_reasons_equal_the_manifest(out, con):
    text = (out / "coverage.md").read_text()
    shown: dict[str, int] = {}
    for rows in tables_under(text, "Rerun manifest"):
        for row in rows:
            if len(row) == 2:
                shown[plain(row[0])] = shown.get(plain(row[0]), 0) + int(row[1])
    expected = dict(
        con.execute(
            "select reason, count(*) from fct_rerun_manifest group by 1"
        ).fetchall()
    )
    assert shown == expected


def test_reports_are_byte_identical_when_written_twice(built, out, tmp_path):
    write_reports(built, tmp_path)
    for path in out.rglob("*"):
        if path.is_file():
            assert (tmp_path / path.relative_to(out)).read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        ("plain", "plain"),
        ("a | b", "a \\| b"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"),
        ("line\nbreak\r\n# heading", "line break \\# heading"),
        (None, render.MISSING),
    ],
)
def test_text_is_inert_markdown(value, rendered):
    assert render.text(value) == rendered


def test_code_span_survives_backticks_and_pipes():
    assert render.code("a|b `x`") == "`` a\\|b `x` ``"
    assert render.code("`start") == "`` `start ``"


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (0.125, 2, "0.12"),
        (0.135, 2, "0.14"),
        (2.5, 0, "2"),
        (3, 2, "3"),
        (None, 2, "n/a"),
    ],
)
def test_numbers_round_half_to_even(value, digits, shown):
    assert render.number(value, digits) == shown


def test_isobench_outcome_groups_equal_the_marts(out, con):
    (rows,) = tables_under((out / "isobench.md").read_text(), "Executive summary")
    shown = {plain(group): int(count) for group, count, _ in rows}
    expected = dict(
        con.execute(
            "select distinct outcome_group, n_group_runs "
            "from fct_isobench_outcome_summary"
        ).fetchall()
    )
    assert shown == expected
    assert sum(shown.values()) > 0


@pytest.mark.parametrize(
    ("heading", "band"),
    [
        ("1.1 Performance improvements", "improved"),
        ("1.2 Performance regressions", "regressed"),
        ("1.3 Neutral results", "neutral"),
    ],
)
def test_isobench_band_tables_list_every_speedup(out, con, heading, band):
    (rows,) = tables_under((out / "isobench.md").read_text(), heading)
    expected = con.execute(
        "select speedup from fct_speedups where speedup_band = ? order by speedup desc",
        [band],
    ).fetchall()
    assert [row[0] for row in rows] == [
        render.number(speedup, 3) + "x" for (speedup,) in expected
    ]


def test_clawbench_ranking_equals_config_scores(out, con):
    (rows,) = tables_under((out / "clawbench.md").read_text(), "Ranking")
    shown = {plain(row[1]): (int(row[0]), row[2], row[4]) for row in rows}
    expected = {
        name: (rank, render.number(cov_norm, 4), render.number(clean, 4))
        for name, rank, cov_norm, clean in con.execute(
            """
            select configs.display_name, scores.model_rank, scores.cov_norm,
                scores.clean_mean
            from fct_config_scores as scores
            inner join dim_agent_configs as configs using (agent_config_id)
            where scores.source_system = 'clawbench'
            """
        ).fetchall()
    }
    assert shown == expected
    assert len(shown) > 1


def test_leaderboard_points_equal_the_pareto_frontier(out, con):
    text = (out / "leaderboard.md").read_text()
    for (benchmark,) in con.execute(
        "select distinct benchmark from fct_pareto_frontier"
    ).fetchall():
        (rows,) = tables_under(text, render.text(benchmark))
        shown = sorted((plain(row[0]), row[3], row[4]) for row in rows)
        expected = sorted(
            (model, render.number(accuracy, 3), "yes" if optimal else "no")
            for model, accuracy, optimal in con.execute(
                "select model, accuracy, is_pareto_optimal from fct_pareto_frontier "
                "where benchmark = ?",
                [benchmark],
            ).fetchall()
        )
        assert shown == expected, benchmark


def test_leaderboard_model_win_rates_equal_the_mart(out, con):
    (rows,) = tables_under((out / "leaderboard.md").read_text(), "Win rates per model")
    shown = sorted((plain(row[0]), plain(row[1]), row[7]) for row in rows)
    expected = sorted(
        (method, model, render.number(rate, 3))
        for method, model, rate in con.execute(
            "select method, model, overall_win_rate from fct_model_win_rates"
        ).fetchall()
    )
    assert shown == expected


def test_static_docs_list_every_mart_and_exposure(built, tmp_path):
    result = subprocess.run(
        [
            str(DBT),
            "docs",
            "generate",
            "--static",
            "--target",
            "ci",
            "--target-path",
            str(tmp_path / "docs"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=REPO,
        env={**os.environ, "AGENT_EVALS_CI_DB": str(built)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    page = (tmp_path / "docs" / "static_index.html").read_text()
    marts = sorted(path.stem for path in (REPO / "models" / "marts").glob("*.sql"))
    exposures = re.findall(
        r"^  - name: (\w+)", (REPO / "models" / "_exposures.yml").read_text(), re.M
    )
    assert len(exposures) == 4
    for name in marts:
        assert f"model.agent_evals.{name}" in page, name
    for name in exposures:
        assert f"exposure.agent_evals.{name}" in page, name
