"""The conventions of shared/CONVENTIONS.md a machine can check, from manifest.json.

`dbt parse` (target lint, in memory) writes the manifest under tmp_path; the
rules read it: grain descriptions, tested primary keys, layer prefixes,
staging reading only sources, intermediate never reading marts, mart
contracts. Existing breaches are listed in KNOWN_VIOLATIONS, each with its
reason, until the model is fixed; a fixed model must leave the list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")

GRAIN_PREFIX = "One row per"
LAYER_PREFIXES: dict[str, tuple[str, ...]] = {
    "models/staging/": ("stg_",),
    "models/intermediate/": ("int_",),
    "models/marts/": ("fct_", "dim_"),
}

# (rule, node) -> why the breach is tolerated for now. Empty it as models are
# fixed; test_known_violations_still_occur fails on an entry that no longer
# applies, so the list cannot go stale.
PK = "primary_key_tested"
_KEY_NOT_FIRST = (
    "key {} is tested unique and not_null, but source_system is listed first"
)
_COMPOSITE = "composite grain tested unique as the expression {}; no single key column"
_ITEM_KEY_FIRST = "item_key is listed first; the tested key is _record_id"
KNOWN_VIOLATIONS: dict[tuple[str, str], str] = {
    (PK, "int_benchmac__task_grid"): _COMPOSITE.format(
        "instance_id || '/' || agent_key"
    ),
    (PK, "int_benchmac__task_grid_evaluated"): _COMPOSITE.format(
        "instance_id || '/' || agent_key"
    ),
    (PK, "int_clawbench__task_grid"): _COMPOSITE.format(
        "benchmark || '/' || task_id || '/' || config_key || '/' || repetition"
    ),
    (PK, "int_hal__task_grid"): _COMPOSITE.format(
        "benchmark || '/' || task_id || '/' || config_key || '/' || repetition"
    ),
    (PK, "int_isobench__task_grid"): _COMPOSITE.format(
        "benchmark || '/' || task_id || '/' || config_key || '/' || repetition"
    ),
    (PK, "int_clawbench__model_metrics"): _KEY_NOT_FIRST.format("config_key"),
    (PK, "int_clawbench__reruns"): _COMPOSITE.format(
        "task_id || '/' || config_key || '/' || repetition || '/' || reason"
    ),
    (PK, "int_clawbench__agent_configs"): _KEY_NOT_FIRST.format("config_key"),
    (PK, "int_clawbench__attempts"): _KEY_NOT_FIRST.format("attempt_key"),
    (PK, "int_clawbench__runs"): _KEY_NOT_FIRST.format("run_key"),
    (PK, "int_clawbench__tasks"): _KEY_NOT_FIRST.format("task_id"),
    (PK, "int_hal__agent_configs"): _KEY_NOT_FIRST.format("config_key"),
    (PK, "int_hal__attempts"): _KEY_NOT_FIRST.format("attempt_key"),
    (PK, "int_hal__runs"): _KEY_NOT_FIRST.format("run_key"),
    (PK, "int_hal__tasks"): _COMPOSITE.format("benchmark || '/' || task_id"),
    (PK, "int_isobench__agent_configs"): _KEY_NOT_FIRST.format("config_key"),
    (PK, "int_isobench__attempts"): _KEY_NOT_FIRST.format("attempt_key"),
    (PK, "int_isobench__runs"): _KEY_NOT_FIRST.format("run_key"),
    (PK, "int_isobench__tasks"): _COMPOSITE.format("benchmark || '/' || task_id"),
    (PK, "stg_isobench__journals"): _ITEM_KEY_FIRST,
    (PK, "stg_isobench__patches"): _ITEM_KEY_FIRST,
    (PK, "stg_isobench__predictions"): _ITEM_KEY_FIRST,
    # item_key is only not_null here: stage 1 and stage 2 summaries share it.
    (PK, "stg_isobench__run_summaries"): _ITEM_KEY_FIRST,
    (PK, "stg_isobench__trajectories"): _ITEM_KEY_FIRST,
}

Violations = dict[str, str]


# --- reading the manifest ----------------------------------------------------------


def models(manifest: dict) -> dict[str, dict]:
    """Model nodes of this project, by unique id."""
    return {
        key: node
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "model"
    }


def layer_of(node: dict) -> str | None:
    """The models/ folder (layer) a node's file lies in."""
    path = node["original_file_path"]
    return next((layer for layer in LAYER_PREFIXES if path.startswith(layer)), None)


def primary_key(node: dict) -> str | None:
    """The column with a primary_key constraint, else the first listed column."""
    for column in node["columns"].values():
        if any(c["type"] == "primary_key" for c in column.get("constraints", [])):
            return column["name"]
    for constraint in node.get("constraints", []):
        if constraint["type"] == "primary_key" and len(constraint["columns"]) == 1:
            return constraint["columns"][0]
    return next(iter(node["columns"]), None)


def column_tests(manifest: dict, model_id: str, column: str) -> set[str]:
    """Names of the generic tests attached to one column of a model."""
    return {
        node["test_metadata"]["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "test"
        and node.get("test_metadata")
        and node.get("attached_node") == model_id
        and node.get("column_name") == column
    }


# --- the rules: each returns {node name: what is wrong} ------------------------------


def grain_described(manifest: dict) -> Violations:
    """Every model and source table says its grain first ("One row per ...")."""
    found: Violations = {}
    for node in models(manifest).values():
        if not (node["description"] or "").strip().startswith(GRAIN_PREFIX):
            found[node["name"]] = f"description does not start {GRAIN_PREFIX!r}"
    for source in manifest["sources"].values():
        if not (source["description"] or "").strip().startswith(GRAIN_PREFIX):
            name = f"{source['source_name']}.{source['name']}"
            found[name] = f"description does not start {GRAIN_PREFIX!r}"
    return found


def primary_key_tested(manifest: dict) -> Violations:
    """Every model's primary key has unique and not_null tests."""
    found: Violations = {}
    for model_id, node in models(manifest).items():
        key = primary_key(node)
        if key is None:
            found[node["name"]] = "no columns listed, so no primary key"
            continue
        missing = {"unique", "not_null"} - column_tests(manifest, model_id, key)
        if missing:
            found[node["name"]] = f"{key} lacks {', '.join(sorted(missing))}"
    return found


def layer_prefix(manifest: dict) -> Violations:
    """stg_ in staging, int_ in intermediate, fct_ or dim_ in marts."""
    found: Violations = {}
    for node in models(manifest).values():
        layer = layer_of(node)
        if layer is None:
            found[node["name"]] = f"{node['original_file_path']} is in no layer"
        elif not node["name"].startswith(LAYER_PREFIXES[layer]):
            wanted = " or ".join(LAYER_PREFIXES[layer])
            found[node["name"]] = f"a model in {layer} is named {wanted}..."
    return found


def staging_reads_sources(manifest: dict) -> Violations:
    """Staging models read sources (and seeds), never other models."""
    found: Violations = {}
    for node in models(manifest).values():
        if layer_of(node) != "models/staging/":
            continue
        others = [
            parent
            for parent in node["depends_on"]["nodes"]
            if not parent.startswith(("source.", "seed."))
        ]
        if others:
            found[node["name"]] = f"reads {', '.join(sorted(others))}"
    return found


def intermediate_not_marts(manifest: dict) -> Violations:
    """Intermediate models never read marts."""
    found: Violations = {}
    every = models(manifest)
    for node in every.values():
        if layer_of(node) != "models/intermediate/":
            continue
        marts = [
            parent
            for parent in node["depends_on"]["nodes"]
            if parent in every and layer_of(every[parent]) == "models/marts/"
        ]
        if marts:
            found[node["name"]] = f"reads marts {', '.join(sorted(marts))}"
    return found


def mart_contract(manifest: dict) -> Violations:
    """Marts have an enforced contract."""
    found: Violations = {}
    for node in models(manifest).values():
        if layer_of(node) != "models/marts/":
            continue
        if not node["config"].get("contract", {}).get("enforced"):
            found[node["name"]] = "contract not enforced"
    return found


RULES: dict[str, Callable[[dict], Violations]] = {
    "grain_described": grain_described,
    "primary_key_tested": primary_key_tested,
    "layer_prefix": layer_prefix,
    "staging_reads_sources": staging_reads_sources,
    "intermediate_not_marts": intermediate_not_marts,
    "mart_contract": mart_contract,
}


# --- tests ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The manifest of `dbt parse` on the lint target, written under tmp_path."""
    base = tmp_path_factory.mktemp("dbt_parse")
    result = subprocess.run(
        [
            str(DBT),
            "parse",
            "--target",
            "lint",
            "--target-path",
            str(base / "target"),
            "--log-path",
            str(base / "logs"),
            "--quiet",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((base / "target" / "manifest.json").read_text())


def test_the_manifest_holds_every_layer_and_the_sources(manifest):
    layers = {layer_of(node) for node in models(manifest).values()}
    assert set(LAYER_PREFIXES) <= layers
    assert len(manifest["sources"]) > 0


@pytest.mark.parametrize("rule", sorted(RULES))
def test_convention_holds(manifest, rule: str):
    found = RULES[rule](manifest)
    unexpected = {
        name: problem
        for name, problem in found.items()
        if (rule, name) not in KNOWN_VIOLATIONS
    }
    assert unexpected == {}


def test_known_violations_still_occur(manifest):
    stale = [
        f"{rule}: {name}"
        for rule, name in KNOWN_VIOLATIONS
        if name not in RULES[rule](manifest)
    ]
    assert stale == [], "fixed: remove these entries from KNOWN_VIOLATIONS"


# --- the rules catch what they should, on a hand-made manifest ------------------------


def _model(name: str, folder: str, **extra: object) -> dict:
    node = {
        "resource_type": "model",
        "name": name,
        "original_file_path": f"models/{folder}/{name}.sql",
        "description": "One row per thing.",
        "columns": {"thing_id": {"name": "thing_id", "constraints": []}},
        "constraints": [],
        "depends_on": {"nodes": []},
        "config": {"contract": {"enforced": folder == "marts"}},
    }
    node.update(extra)
    return node


def _tests_on(model_id: str, column: str) -> dict[str, dict]:
    return {
        f"test.{name}.{model_id}": {
            "resource_type": "test",
            "test_metadata": {"name": name},
            "attached_node": model_id,
            "column_name": column,
        }
        for name in ("unique", "not_null")
    }


def test_rules_report_each_breach_on_a_bad_manifest():
    good = "model.p.stg_a__things"
    nodes = {
        good: _model("stg_a__things", "staging"),
        "model.p.stg_a__bad": _model(
            "stg_a__bad",
            "staging",
            description="Things, one per row.",
            depends_on={"nodes": [good]},
        ),
        "model.p.things_joined": _model("things_joined", "intermediate"),
        "model.p.int_things_joined": _model(
            "int_things_joined",
            "intermediate",
            depends_on={"nodes": ["model.p.fct_things"]},
        ),
        "model.p.fct_things": _model(
            "fct_things", "marts", config={"contract": {"enforced": False}}
        ),
        **_tests_on(good, "thing_id"),
    }
    manifest = {
        "nodes": nodes,
        "sources": {
            "source.p.a.t": {
                "source_name": "a",
                "name": "t",
                "description": "The raw things.",
            }
        },
    }
    found = {rule: check(manifest) for rule, check in RULES.items()}
    assert found == {
        "grain_described": {
            "stg_a__bad": "description does not start 'One row per'",
            "a.t": "description does not start 'One row per'",
        },
        "primary_key_tested": {
            "stg_a__bad": "thing_id lacks not_null, unique",
            "things_joined": "thing_id lacks not_null, unique",
            "int_things_joined": "thing_id lacks not_null, unique",
            "fct_things": "thing_id lacks not_null, unique",
        },
        "layer_prefix": {
            "things_joined": "a model in models/intermediate/ is named int_...",
        },
        "staging_reads_sources": {"stg_a__bad": f"reads {good}"},
        "intermediate_not_marts": {
            "int_things_joined": "reads marts model.p.fct_things"
        },
        "mart_contract": {"fct_things": "contract not enforced"},
    }


def test_primary_key_is_the_constrained_column_before_the_first():
    node = _model(
        "fct_x",
        "marts",
        columns={
            "name": {"name": "name", "constraints": []},
            "x_id": {"name": "x_id", "constraints": [{"type": "primary_key"}]},
        },
    )
    assert primary_key(node) == "x_id"
    node["columns"]["x_id"]["constraints"] = []
    assert primary_key(node) == "name"
