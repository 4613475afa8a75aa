"""ISO-Bench outcome counts recomputed from the bundled sample's run folders.

The expected counts come from the sample writer (`sample_outcome_counts()`:
each attempt declares the ISO-06 category it was written to produce), never
from these models. The sample covers every category of the seed
`isobench_outcome_categories`. One build in default mode and one in
compatibility mode (`isobench_compat: true`) of the ISO-Bench models serve
every test here.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, dbt

from loaders.pipeline import load_paths
from loaders.synth.isobench import sample_attempts, sample_outcome_counts

SAMPLE = REPO / "data" / "samples" / "isobench"
SEED = REPO / "seeds" / "isobench_outcome_categories.csv"
MARTS = (
    "fct_isobench_outcome_summary",
    "fct_speedup_summary",
    "fct_import_errors",
    "fct_isobench_recommendations",
)
SELECT = ("--select", *(f"+{mart}" for mart in MARTS), "+int_isobench__task_grid")
BUILD_FLAGS = (
    *SELECT,
    "--indirect-selection",
    "cautious",
    "--exclude",
    "resource_type:unit_test",
)


def seed_groups() -> dict[str, str]:
    """outcome_category -> outcome_group, read from the seed file."""
    with SEED.open(newline="") as handle:
        return {
            row["outcome_category"]: row["outcome_group"]
            for row in csv.DictReader(handle)
        }


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ISO-Bench sample loaded into raw, not yet built."""
    db = tmp_path_factory.mktemp("loaded") / "warehouse.duckdb"
    summary = load_paths([SAMPLE], db)
    assert summary.records_rejected == 0
    return db


def build(loaded: Path, folder: Path, *extra: str) -> Path:
    """A copy of the loaded warehouse with the ISO-Bench marts built."""
    db = folder / "warehouse.duckdb"
    shutil.copy(loaded, db)
    dbt("build", db, *BUILD_FLAGS, *extra)
    return db


@pytest.fixture(scope="module")
def built(loaded: Path, tmp_path_factory: pytest.TempPathFactory):
    """The sample built in default mode; yields a read-only connection."""
    db = build(loaded, tmp_path_factory.mktemp("default"))
    with duckdb.connect(str(db), read_only=True) as con:
        yield con


@pytest.fixture(scope="module")
def built_compat(loaded: Path, tmp_path_factory: pytest.TempPathFactory):
    """The sample built with every ISO-Q quirk restored."""
    db = build(
        loaded, tmp_path_factory.mktemp("compat"), "--vars", "{isobench_compat: true}"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        yield con


def category_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(
        con.execute(
            "select outcome_category, n_runs from fct_isobench_outcome_summary"
        ).fetchall()
    )


def test_sample_declares_every_seed_category():
    declared = sample_outcome_counts()
    assert set(declared) == set(seed_groups())
    assert all(count >= 1 for count in declared.values())
    assert sum(declared.values()) == len(sample_attempts()) == 27


def test_category_counts_match_the_sample_writer(built):
    assert category_counts(built) == sample_outcome_counts()


def test_attempt_categories_match_the_sample_writer(built):
    got = dict(
        built.execute(
            "select outcome_category, count(*) "
            "from intermediate.int_isobench__attempts_categorized group by 1"
        ).fetchall()
    )
    assert got == sample_outcome_counts()


def test_group_counts_and_total_match_the_sample_writer(built):
    groups = seed_groups()
    expected = Counter()
    for category, count in sample_outcome_counts().items():
        expected[groups[category]] += count
    got = dict(
        built.execute(
            "select distinct outcome_group, n_group_runs "
            "from fct_isobench_outcome_summary"
        ).fetchall()
    )
    assert got == dict(expected)
    totals = built.execute(
        "select distinct n_runs_total from fct_isobench_outcome_summary"
    ).fetchall()
    assert totals == [(len(sample_attempts()),)]


def test_compat_mode_keeps_the_category_counts(built_compat):
    assert category_counts(built_compat) == sample_outcome_counts()


@pytest.mark.parametrize("relation", [*MARTS, "intermediate.int_isobench__task_grid"])
def test_output_schema_is_the_same_in_both_modes(built, built_compat, relation):
    def columns(con: duckdb.DuckDBPyConnection) -> list[tuple]:
        return con.execute(f"describe {relation}").fetchall()

    assert [row[:2] for row in columns(built)] == [
        row[:2] for row in columns(built_compat)
    ]
