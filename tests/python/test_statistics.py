"""The statistics macros (macros/statistics.sql, macros/hal_statistics.sql)
against values computed here, independently of the SQL.

Each test compiles a query that calls a macro (dbt compile --inline on the
in-memory `lint` target, the project parsed once per module) and runs the
compiled SQL in DuckDB. Expected values: exact fractions (math.comb) for the
McNemar p-value, Python's own md5 for the draws, a Python re-implementation
of the task bootstrap, and reference quantiles written out below, computed
once with scipy 1.17 (scipy.stats.t.ppf, scipy.stats.norm.ppf,
scipy.stats.binomtest(k, n).proportion_ci(method='wilson')).
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest
from conftest import REPO
from dbt.cli.main import dbtRunner

# (df, level) -> t with P(|T| <= t) = level
T_REFERENCE = {
    (1, 0.9): 6.313751514675037,
    (2, 0.9): 2.9199855803537242,
    (3, 0.9): 2.3533634348018233,
    (4, 0.9): 2.1318467863266495,
    (5, 0.9): 2.0150483733330233,
    (7, 0.9): 1.8945786050900062,
    (10, 0.9): 1.8124611228116756,
    (20, 0.9): 1.7247182429207866,
    (30, 0.9): 1.697260886593957,
    (60, 0.9): 1.6706488649046363,
    (120, 0.9): 1.6576508993552352,
    (1000, 0.9): 1.6463788172854643,
    (1, 0.95): 12.706204736174694,
    (2, 0.95): 4.302652729749462,
    (3, 0.95): 3.1824463052837078,
    (4, 0.95): 2.7764451051977934,
    (5, 0.95): 2.5705818356363146,
    (7, 0.95): 2.364624251592784,
    (10, 0.95): 2.228138851986274,
    (20, 0.95): 2.085963447265864,
    (30, 0.95): 2.0422724563012378,
    (60, 0.95): 2.0002978220142604,
    (120, 0.95): 1.9799304050824402,
    (1000, 0.95): 1.9623390808264083,
    (1, 0.99): 63.656741162871526,
    (2, 0.99): 9.924843200918287,
    (3, 0.99): 5.840909309733355,
    (4, 0.99): 4.604094871349992,
    (5, 0.99): 4.032142983555228,
    (7, 0.99): 3.4994832973504924,
    (10, 0.99): 3.16927267261695,
    (20, 0.99): 2.8453397097861077,
    (30, 0.99): 2.7499956535672254,
    (60, 0.99): 2.6602830288550368,
    (120, 0.99): 2.6174211451068654,
    (1000, 0.99): 2.580754698065951,
}

# p -> standard normal quantile
Z_REFERENCE = {
    0.5: 0.0,
    0.975: 1.959963984540054,
    0.995: 2.5758293035489004,
    0.9: 1.2815515655446004,
    0.001: -3.090232306167813,
    1e-10: -6.361340902404056,
    0.3: -0.5244005127080409,
}

# (successes, trials) -> 95% Wilson interval
WILSON_REFERENCE = {
    (2, 4): (0.15003898915214953, 0.8499610108478505),
    (3, 4): (0.30064184258240184, 0.9544127391902995),
    (0, 5): (0.0, 0.43448246478317476),
    (5, 5): (0.5655175352168251, 1.0),
    (1, 3): (0.06149194472039626, 0.7923403991979523),
    (37, 120): (0.23272736988916295, 0.3958299772380067),
}

Compile = Callable[[str], str]


@pytest.fixture(scope="module")
def compile_sql(tmp_path_factory: pytest.TempPathFactory) -> Compile:
    """Compile an inline query with the project's macros (parsed once)."""
    base = tmp_path_factory.mktemp("dbt_statistics")
    flags = [
        "--project-dir",
        str(REPO),
        "--profiles-dir",
        str(REPO),
        "--target",
        "lint",
        "--target-path",
        str(base / "target"),
        "--log-path",
        str(base / "logs"),
        "--quiet",
    ]
    parsed = dbtRunner().invoke(["parse", *flags])
    assert parsed.success, parsed.exception
    runner = dbtRunner(manifest=parsed.result)

    def compile_inline(sql: str) -> str:
        result = runner.invoke(["compile", *flags, "--inline", sql])
        assert result.success, result.exception
        return result.result.results[0].node.compiled_code

    return compile_inline


def run(sql: str, threads: int = 2) -> list[tuple]:
    """Rows of compiled SQL in a fresh in-memory DuckDB."""
    with duckdb.connect(":memory:") as con:
        con.execute(f"set threads = {threads}")
        return con.execute(sql).fetchall()


def literal(value: object) -> str:
    """An SQL literal; floats as doubles, not decimals."""
    if value is None:
        return "null"
    if isinstance(value, float):
        return f"cast({value!r} as double)"
    return repr(value)


def values(rows: list[tuple], columns: str) -> str:
    """An inline VALUES relation named cases."""
    body = ", ".join(
        "(" + ", ".join(literal(value) for value in row) + ")" for row in rows
    )
    return f"(values {body}) as cases ({columns})"


def exact_mcnemar(b: int, c: int) -> Fraction:
    """HAL-X4 as exact rational arithmetic."""
    n = b + c
    if n == 0:
        return Fraction(1)
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1))
    return min(Fraction(1), 2 * Fraction(tail, 2**n))


def md5_uniform(*parts: object) -> float:
    """The uniform_draw recipe: md5 of 'seed|part|...', 13 hex digits / 2^52."""
    text = "|".join(str(part) for part in parts)
    return int(hashlib.md5(text.encode()).hexdigest()[:13], 16) / 2**52


def percentile_cont(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between order statistics (SQL percentile_cont)."""
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = position - low
    return sorted_values[low] + fraction * (sorted_values[high] - sorted_values[low])


def test_mcnemar_small_tables_are_exact(compile_sql: Compile) -> None:
    """Every table with b + c <= 40 gives the correctly rounded exact value."""
    cases = [(b, c) for n in range(41) for b in range(n + 1) for c in [n - b]]
    sql = compile_sql(
        "select b, c, {{ mcnemar_exact_p('b', 'c') }} as p from "
        + values(cases, "b, c")
    )
    rows = run(sql)
    assert len(rows) == len(cases) == 861
    for b, c, p in rows:
        assert p == float(exact_mcnemar(b, c)), (b, c)
    by_case = {(b, c): p for b, c, p in rows}
    assert by_case[(3, 0)] == 0.25
    assert by_case[(10, 2)] == 0.03857421875
    assert by_case[(0, 0)] == 1.0


def test_mcnemar_large_tables_are_accurate(compile_sql: Compile) -> None:
    """Log-space terms stay within 1e-10 relative up to b + c = 6000."""
    cases = [
        (41, 0),
        (30, 11),
        (60, 3),
        (100, 80),
        (1000, 940),
        (2500, 2400),
        (3000, 2800),
        (4000, 3500),
        (5000, 4000),
        (3000, 3000),
        (5999, 1),
    ]
    sql = compile_sql(
        "select b, c, {{ mcnemar_exact_p('b', 'c') }} as p from "
        + values(cases, "b, c")
    )
    for b, c, p in run(sql):
        expected = float(exact_mcnemar(b, c))
        if expected < 1e-300:
            assert p < 1e-290, (b, c)
        else:
            assert p == pytest.approx(expected, rel=1e-10, abs=0), (b, c)


def test_mcnemar_null_counts_give_null(compile_sql: Compile) -> None:
    sql = compile_sql(
        "select {{ mcnemar_exact_p('b', 'c') }} from "
        + values([(None, 2), (1, None)], "b, c")
    )
    assert run(sql) == [(None,), (None,)]


def test_uniform_draw_is_the_md5_recipe(compile_sql: Compile) -> None:
    cases = [("g1", 1, 1), ("g1", 1, 2), ("g2", 999, 17), ("x-y", 3, 120)]
    sql = compile_sql(
        "select g, r, j, {{ uniform_draw(['g', 'r', 'j'], 42) }} from "
        + values(cases, "g, r, j")
    )
    rows = run(sql)
    assert [row[3] for row in rows] == [md5_uniform(42, *case) for case in cases]
    assert all(0 <= row[3] < 1 for row in rows)


BOOTSTRAP_QUERY = """
with units as (select * from {units})
select * from (
    {{{{ bootstrap_percentile_intervals(
        units='units',
        group_columns=['g'],
        unit_column='task_id',
        statistics={{'mean_v': float_avg('v')}},
        n_resamples={n_resamples},
        seed={seed},
        ci_level={ci_level}
    ) }}}}
) as bounds
order by g
"""


def bootstrap_sql(
    compile_sql: Compile,
    units: list[tuple[str, str, float]],
    *,
    n_resamples: int = 200,
    seed: int = 7,
    ci_level: float = 0.9,
) -> str:
    return compile_sql(
        BOOTSTRAP_QUERY.format(
            units=values(units, "g, task_id, v"),
            n_resamples=n_resamples,
            seed=seed,
            ci_level=ci_level,
        )
    )


def python_bootstrap(
    units: list[tuple[str, str, float]], n_resamples: int, seed: int, level: float
) -> dict[str, tuple[float, float]]:
    """The same resampling written out: tasks numbered in task_id order."""
    bounds = {}
    for group in sorted({g for g, _, _ in units}):
        tasks = sorted((task, v) for g, task, v in units if g == group)
        n = len(tasks)
        means = []
        for r in range(1, n_resamples + 1):
            drawn = [
                tasks[math.floor(n * md5_uniform(seed, n, r, j))][1]
                for j in range(1, n + 1)
            ]
            means.append(math.fsum(drawn) / n)
        means.sort()
        bounds[group] = (
            percentile_cont(means, (1 - level) / 2),
            percentile_cont(means, (1 + level) / 2),
        )
    return bounds


def random_units(seed: int, n_groups: int) -> list[tuple[str, str, float]]:
    rng = random.Random(seed)
    units = []
    for g in range(n_groups):
        for t in range(rng.randint(2, 30)):
            units.append((f"g{g}", f"t{t:02d}", round(rng.random(), 3)))
    return units


def test_bootstrap_matches_a_python_resampling(compile_sql: Compile) -> None:
    units = random_units(seed=1, n_groups=4)
    rows = run(bootstrap_sql(compile_sql, units))
    expected = python_bootstrap(units, n_resamples=200, seed=7, level=0.9)
    assert [row[0] for row in rows] == sorted(expected)
    for group, n_units, n_resamples, low, high in rows:
        assert n_units == sum(1 for g, _, _ in units if g == group)
        assert n_resamples == 200
        assert low == pytest.approx(expected[group][0], rel=1e-12)
        assert high == pytest.approx(expected[group][1], rel=1e-12)


def test_bootstrap_fixed_seed_is_identical_across_runs(compile_sql: Compile) -> None:
    """Same seed: bit-identical on every run and thread count; new seed: not."""
    units = random_units(seed=2, n_groups=6)
    sql = bootstrap_sql(compile_sql, units, n_resamples=500)
    first = run(sql, threads=1)
    assert run(sql, threads=4) == first
    assert run(sql, threads=2) == first
    other_seed = run(bootstrap_sql(compile_sql, units, n_resamples=500, seed=8))
    assert other_seed != first


def test_bootstrap_interval_contains_the_estimate(compile_sql: Compile) -> None:
    """Non-degenerate data: low < mean < high for every group."""
    units = random_units(seed=3, n_groups=25)
    rows = run(bootstrap_sql(compile_sql, units, n_resamples=1000, ci_level=0.95))
    assert len(rows) == 25
    for group, _, _, low, high in rows:
        mean = math.fsum(v for g, _, v in units if g == group) / sum(
            1 for g, _, _ in units if g == group
        )
        assert low < mean < high, group


def test_bootstrap_degenerate_data_gives_zero_width(compile_sql: Compile) -> None:
    units = [("flat", f"t{t}", 0.3) for t in range(12)] + [("one", "t0", 0.7)]
    rows = run(bootstrap_sql(compile_sql, units))
    assert [(g, low, high) for g, _, _, low, high in rows] == [
        ("flat", 0.3, 0.3),
        ("one", 0.7, 0.7),
    ]


@pytest.mark.parametrize("p", sorted(Z_REFERENCE))
def test_normal_quantile_matches_reference(compile_sql: Compile, p: float) -> None:
    sql = compile_sql(f"select {{{{ normal_quantile('{p!r}') }}}}")
    assert run(sql)[0][0] == pytest.approx(Z_REFERENCE[p], rel=1e-15, abs=1e-15)


def test_normal_quantile_outside_the_unit_interval_is_null(
    compile_sql: Compile,
) -> None:
    sql = compile_sql(
        "select {{ normal_quantile('p') }} from " + values([(0.0,), (1.0,)], "p")
    )
    assert run(sql) == [(None,), (None,)]


def test_t_critical_value_matches_reference(compile_sql: Compile) -> None:
    """Hill (1970): closed forms for df 1 and 2, 1e-5 relative beyond."""
    cases = sorted(T_REFERENCE)
    sql = compile_sql(
        "select df, level, {{ t_critical_value('df', 'level') }} from "
        + values(cases, "df, level")
    )
    rows = run(sql)
    assert len(rows) == len(cases)
    for df, level, t in rows:
        expected = T_REFERENCE[(df, level)]
        tolerance = 1e-13 if df <= 2 else 1e-5
        assert t == pytest.approx(expected, rel=tolerance), (df, level)


def test_t_interval_bounds(compile_sql: Compile) -> None:
    """mean -+ t(n-1) sd / sqrt(n); null below two values."""
    sql = compile_sql(
        "select"
        " {{ t_interval('m', 's', 'n', 'low', 0.95) }},"
        " {{ t_interval('m', 's', 'n', 'high', 0.95) }} from "
        + values([(0.25, 0.5, 5), (0.25, 0.0, 3), (0.5, 0.1, 1)], "m, s, n")
    )
    rows = run(sql)
    half = T_REFERENCE[(4, 0.95)] * 0.5 / math.sqrt(5)
    assert rows[0][0] == pytest.approx(0.25 - half, rel=1e-5)
    assert rows[0][1] == pytest.approx(0.25 + half, rel=1e-5)
    assert rows[1] == (0.25, 0.25)
    assert rows[2] == (None, None)


def test_hal_wilson_bound_matches_scipy(compile_sql: Compile) -> None:
    """HAL-X2's formula at hal_ci_level 0.95 equals scipy's Wilson interval."""
    cases = sorted(WILSON_REFERENCE)
    sql = compile_sql(
        "select k, n,"
        " {{ hal_wilson_bound('k', 'n', 'low', normal_quantile('0.975')) }},"
        " {{ hal_wilson_bound('k', 'n', 'high', normal_quantile('0.975')) }}"
        " from " + values([*cases, (0, 0)], "k, n")
    )
    rows = run(sql)
    for k, n, low, high in rows:
        if n == 0:
            assert (low, high) == (None, None)
            continue
        expected_low, expected_high = WILSON_REFERENCE[(k, n)]
        assert low == pytest.approx(expected_low, rel=1e-13, abs=1e-15), (k, n)
        assert high == pytest.approx(expected_high, rel=1e-13), (k, n)


def test_reference_tables_are_used() -> None:
    """Guard against an edit that empties a table and still passes."""
    assert len(T_REFERENCE) == 36
    assert len(Z_REFERENCE) == 7
    assert len(WILSON_REFERENCE) == 6
    assert Path(REPO / "macros" / "statistics.sql").is_file()
