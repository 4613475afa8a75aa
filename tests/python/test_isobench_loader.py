"""ISO-Bench loader: the bad inputs of shared/formats/isobench.md section 7,
path-derived identity, the real public files and the bundled sample."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import Warehouse

from loaders.synth.isobench import write_campaign, write_sample

SHARED = Path(__file__).resolve().parents[3] / "shared"
REFERENCE = SHARED / "reference-data" / "isobench"
REPO = Path(__file__).resolve().parents[2]

ROOT_TABLES = (
    "journals",
    "run_summaries",
    "test_results",
    "evaluation_reports",
    "predictions",
    "patches",
    "trajectories",
)

RUN_A = "vllm/trae/gpt-5/2025-11-14_21-05-32"
ITEM_A = f"{RUN_A}/vllm_core-0031"
RUN_B = "sglang/trae/claude-sonnet-45/2025-11-20_04-10-00"
ITEM_B = f"{RUN_B}/sglang_031_4b8c2d1e"
HUMAN_A = "9e4f2b7c1d3a5e6f708192a3b4c5d6e7f8091a2b"
PRE_A = "1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d"
HUMAN_B = "4b8c2d1e7a9f0b3c5d6e8f1a2b4c6d8e0f1a3b5c"
PRE_B = "0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b"
HOME = "/home/runner/perf-agents-bench/state/runs"

TIMINGS = {
    "impl_tag": "child",
    "commit_hash": HUMAN_A,
    "device": "cuda",
    "dtype": "torch.bfloat16",
    "iters": 50,
    "warmup": 5,
    "avg_ms": 3.12,
    "p50_ms": 3.1,
    "p95_ms": 3.31,
    "eq_level": "numeric",
    "opt_path_hit": True,
}

# The invented examples of isobench.md section 8.
SUMMARY_A = {
    "schema_version": "1.0",
    "meta": {
        "repo": "vllm",
        "agent": "trae",
        "model": "gpt-5",
        "model_full": "gpt-5-2025-08-07",
        "timestamp": "2025-11-14_21-05-32",
        "task_id": "vllm_core",
        "item_id": "vllm_core-0031",
    },
    "commits": {"human": HUMAN_A, "pre": PRE_A},
    "agent": {
        "status": "success",
        "patch_generated": True,
        "patch_stats": {"lines_added": 18, "lines_removed": 7, "files_changed": 1},
        "duration_s": 1184.6,
        "time_to_first_edit_s": 212.3,
    },
    "evaluation": {
        "status": "success",
        "baseline_ms": 3.12,
        "patched_ms": 2.6,
        "speedup": 1.2,
        "improvement": True,
        "error": None,
    },
    "_sources": {
        "journal": f"{HOME}/{ITEM_A}/journal.json",
        "trajectory": f"{HOME}/{ITEM_A}/trajectory.json",
        "prediction": None,
        "patch": f"{HOME}/{ITEM_A}/model_patch.diff",
    },
}

TEST_RESULTS_A = {
    "metadata": {
        "run_id": RUN_A,
        "item_id": "vllm_core-0031",
        "task_id": "vllm_core",
        "human_commit": HUMAN_A,
        "pre_commit": PRE_A,
        "agent_status": "success",
        "patch_path": f"{HOME}/{ITEM_A}/model_patch.diff",
        "test_script_path": "/home/runner/hf_cache/9e4f2b7c_test_case_generator.py",
        "repo": "vllm",
        "agent": "trae",
        "model": "gpt-5",
        "timestamp": "2025-11-14_21-05-32",
        "source_dir": f"{HOME}/{ITEM_A}",
    },
    "result": {
        "status": "success",
        "baseline_ms": 3.12,
        "patched_ms": 2.6,
        "speedup": 1.2,
        "improvement": True,
        "baseline_output": TIMINGS,
        "patched_output": {**TIMINGS, "avg_ms": 2.6, "p50_ms": 2.58, "p95_ms": 2.74},
        "error_message": None,
        "stdout": json.dumps(TIMINGS) + "\n\n" + json.dumps(TIMINGS) + "\n",
        "stderr": "\n",
        "duration_s": 47.9,
    },
}

JOURNAL_B = {
    "task_id": "sglang_core",
    "commits": {"pre": PRE_B, "human": HUMAN_B},
    "agent_branch": "agent/sglang_core/4b8c2d1e",
    "status": "error",
    "run_metadata": {
        "repo": "sglang",
        "agent": "trae",
        "model": "claude-sonnet-45",
        "run_timestamp": "2025-11-20_04-10-00",
        "run_path": RUN_B,
    },
    "experiment": {"hints_enabled": False, "preflight_enabled": True},
    "preflight": {"ok": True, "checks": ["repo_clean", "python_importable"]},
    "error": "Error code: 400 - messages.14: tool_use ids were found without "
    "tool_result blocks immediately after",
    "error_type": "BadRequestError",
}

SUMMARY_B = {
    "schema_version": "1.0",
    "meta": {
        "repo": "sglan",
        "agent": "trae",
        "model": "claude-sonnet-45",
        "model_full": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "timestamp": "2025-11-20_04-10-00",
        "task_id": "sglang_core",
        "item_id": "sglang_031_4b8c2d1e",
    },
    "commits": {"human": HUMAN_B, "pre": PRE_B},
    "agent": {
        "status": "error",
        "patch_generated": False,
        "duration_s": None,
        "time_to_first_edit_s": None,
    },
    "evaluation": {
        "status": "no_patch",
        "baseline_ms": 0.87,
        "patched_ms": None,
        "speedup": None,
        "improvement": False,
        "error": None,
    },
    "_sources": {
        "journal": f"{HOME}/{ITEM_B}/journal.json",
        "trajectory": None,
        "prediction": None,
        "patch": None,
    },
}

PATCH = (
    "diff --git a/vllm/a.py b/vllm/a.py\n"
    "index 1111111..2222222 100644\n"
    "--- a/vllm/a.py\n"
    "+++ b/vllm/a.py\n"
    "@@ -1,3 +1,3 @@\n"
    " x = 1\n"
    "-y = slow(x)\n"
    "+y = fast(x)\n"
    "+z = y\n"
    "diff --git a/vllm/b.py b/vllm/b.py\n"
    "--- a/vllm/b.py\n"
    "+++ b/vllm/b.py\n"
    "@@ -1 +1 @@\n"
    "-a = 0\n"
    "+a = 1\n"
)


# --- helpers ------------------------------------------------------------------


def dump(document: object) -> str:
    return json.dumps(document, indent=2)


def changed(document: dict, pointer: str, value: object = ...) -> dict:
    """A deep copy with the value at `pointer` replaced (or removed with ...)."""
    record = copy.deepcopy(document)
    *parents, last = pointer.strip("/").split("/")
    target = record
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return record


def write_good_item(warehouse) -> None:
    """Item A in the evaluation tree and item B's journal in the agent tree."""
    warehouse.write(f"eval_results/{ITEM_A}/run_summary.json", dump(SUMMARY_A))
    warehouse.write(f"eval_results/{ITEM_A}/test_results.json", dump(TEST_RESULTS_A))
    warehouse.write(f"state/runs/{ITEM_B}/journal.json", dump(JOURNAL_B))


def only_reject(warehouse) -> tuple:
    rejects = warehouse.rejected()
    assert len(rejects) == 1, rejects
    return rejects[0]


def records_seen(path: Path, file_format: str) -> int:
    """Records in a file by our own count: non-blank lines or one document."""
    if file_format == "isobench.prediction":
        return sum(1 for line in path.read_bytes().split(b"\n") if line.strip())
    return 1


def assert_reconciled(warehouse, root: Path | None = None) -> None:
    """Per file: seen = loaded + rejected, and both counts match the rows."""
    root = root or warehouse.root
    union = " union all ".join(
        f"select _load_id, _source_file from raw.isobench__{t}" for t in ROOT_TABLES
    )
    files = warehouse.query(
        f"""
        select
            loads.source_file,
            loads.format,
            loads.records_loaded,
            loads.records_rejected,
            (select count(*) from ({union}) as landed
                where landed._load_id = loads.load_id
                and landed._source_file = loads.source_file),
            (select count(*) from raw._rejected as rejected
                where rejected.load_id = loads.load_id
                and rejected.source_file = loads.source_file)
        from raw._loads as loads
        where loads.status <> 'skipped'
        """
    )
    assert files
    for source_file, file_format, loaded, rejected, rows, rejects in files:
        assert (rows, rejects) == (loaded, rejected), source_file
        seen = records_seen(root / source_file, file_format)
        assert seen == loaded + rejected, source_file


def good_rows_landed(warehouse) -> None:
    """The good neighbours written by write_good_item are all there."""
    assert warehouse.query(
        "select item_id, metadata__item_id from raw.isobench__test_results "
        "where item_id = 'vllm_core-0031'"
    ) == [("vllm_core-0031", "vllm_core-0031")]
    assert (
        warehouse.scalar(
            "select count(*) from raw.isobench__run_summaries "
            "where item_id = 'vllm_core-0031'"
        )
        == 1
    )
    assert (
        warehouse.scalar(
            "select count(*) from raw.isobench__journals "
            "where item_id = 'sglang_031_4b8c2d1e'"
        )
        == 1
    )


def table_counts(warehouse) -> dict[str, int]:
    tables = [f"isobench__{t}" for t in ROOT_TABLES]
    tables += ["isobench__evaluation_reports__runs", "_loads", "_rejected"]
    return {t: warehouse.scalar(f"select count(*) from raw.{t}") for t in tables}


# --- the spec's examples and path identity ------------------------------------


def test_spec_examples_land_with_identity_from_the_path(warehouse):
    write_good_item(warehouse)
    summary = warehouse.load()
    assert (summary.records_loaded, summary.records_rejected) == (3, 0)
    row = warehouse.query(
        "select repo, agent, model_dir, run_timestamp, "
        "cast(run_started_at as varchar), run_hash, item_id, path_layout, "
        "path_tree, result__speedup, baseline_avg_ms, patched_avg_ms, "
        "baseline_eq_level, patched_opt_path_hit, _flags, _unknown_fields "
        "from raw.isobench__test_results"
    )[0]
    assert row == (
        "vllm",
        "trae",
        "gpt-5",
        "2025-11-14_21-05-32",
        "2025-11-14 21:05:32",
        None,
        "vllm_core-0031",
        "hierarchical",
        "eval_results",
        1.2,
        3.12,
        2.6,
        "numeric",
        True,
        [],
        [],
    )
    raw = json.loads(warehouse.scalar("select _raw from raw.isobench__test_results"))
    assert "stdout" not in raw["result"]
    assert warehouse.scalar("select result__stdout from raw.isobench__test_results")
    journal = warehouse.query(
        "select repo, agent, model_dir, item_id, path_tree, status, error_type, "
        "agent_cli, _flags, _unknown_fields from raw.isobench__journals"
    )[0]
    assert journal == (
        "sglang",
        "trae",
        "claude-sonnet-45",
        "sglang_031_4b8c2d1e",
        "agent_runs",
        "error",
        "BadRequestError",
        None,
        [],
        [],
    )
    assert_reconciled(warehouse)


def test_loading_a_sub_folder_keeps_identity_and_relative_source_file(warehouse):
    write_good_item(warehouse)
    warehouse.load(warehouse.root / "eval_results" / RUN_A)
    rows = warehouse.query(
        "select _source_file, repo, agent, model_dir, run_timestamp, item_id "
        "from raw.isobench__run_summaries"
    )
    assert rows == [
        (
            "vllm_core-0031/run_summary.json",
            "vllm",
            "trae",
            "gpt-5",
            "2025-11-14_21-05-32",
            "vllm_core-0031",
        )
    ]


def test_item_id_and_timestamp_in_content_land_beside_the_path(warehouse):
    record = changed(SUMMARY_A, "/meta/item_id", "vllm_core-0099")
    record = changed(record, "/meta/timestamp", "2025-11-13_09-00-00")
    warehouse.write(f"eval_results/{ITEM_A}/run_summary.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select item_id, meta__item_id, run_timestamp, meta__timestamp, _flags "
        "from raw.isobench__run_summaries"
    )[0]
    assert row == (
        "vllm_core-0031",
        "vllm_core-0099",
        "2025-11-14_21-05-32",
        "2025-11-13_09-00-00",
        [],
    )


# --- section 7: bad inputs -----------------------------------------------------


def test_sglan_meta_repo_loads_with_the_path_repo(warehouse):
    write_good_item(warehouse)
    warehouse.write(f"eval_results/{ITEM_B}/run_summary.json", dump(SUMMARY_B))
    warehouse.load()
    assert warehouse.rejected() == []
    row = warehouse.query(
        "select repo, meta__repo, _flags from raw.isobench__run_summaries "
        "where item_id = 'sglang_031_4b8c2d1e'"
    )[0]
    assert row == ("sglang", "sglan", [])
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_claude_code_meta_model_loads_with_the_model_folder(warehouse):
    write_good_item(warehouse)
    record = changed(SUMMARY_A, "/meta/agent", "claude_code")
    folder = "eval_results/vllm/claude_code/default/2025-12-22_20-31-26/vllm_core-0000"
    record = changed(record, "/meta/item_id", "vllm_core-0000")
    warehouse.write(f"{folder}/run_summary.json", dump(record))
    warehouse.load()
    assert warehouse.rejected() == []
    row = warehouse.query(
        "select agent, model_dir, meta__model, meta__model_full "
        "from raw.isobench__run_summaries where agent = 'claude_code'"
    )[0]
    assert row == ("claude_code", "default", "gpt-5", "gpt-5-2025-08-07")
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_journal_without_human_commit_is_rejected(warehouse):
    write_good_item(warehouse)
    bad = changed(JOURNAL_B, "/commits/human")
    warehouse.write(f"state/runs/{RUN_B}/sglang_032_00000000/journal.json", dump(bad))
    warehouse.load()
    source, line, code, reason = only_reject(warehouse)
    assert (source, line, code) == (
        f"state/runs/{RUN_B}/sglang_032_00000000/journal.json",
        1,
        "missing_required_field",
    )
    assert reason == "missing required field /commits/human: the key is absent"
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_test_results_without_metadata_is_rejected(warehouse):
    write_good_item(warehouse)
    bad = changed(TEST_RESULTS_A, "/metadata")
    warehouse.write(f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", dump(bad))
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "missing_required_field"
    assert reason == "missing required field /metadata/item_id: the key is absent"
    assert (
        warehouse.scalar("select format from raw._rejected") == "isobench.test_results"
    )
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_unknown_result_status_is_loaded_as_found(warehouse):
    write_good_item(warehouse)
    record = changed(TEST_RESULTS_A, "/result/status", "skipped")
    warehouse.write(
        f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", dump(record)
    )
    warehouse.load()
    assert warehouse.rejected() == []
    statuses = warehouse.query(
        "select result__status from raw.isobench__test_results order by item_id"
    )
    assert statuses == [("success",), ("skipped",)]
    assert_reconciled(warehouse)


def test_string_speedup_is_null_and_flagged(warehouse):
    write_good_item(warehouse)
    record = changed(TEST_RESULTS_A, "/result/speedup", "1.2")
    warehouse.write(
        f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", dump(record)
    )
    warehouse.load()
    assert warehouse.rejected() == []
    speedup, flags, raw = warehouse.query(
        "select result__speedup, _flags, _raw from raw.isobench__test_results "
        "where item_id = 'vllm_core-0032'"
    )[0]
    assert speedup is None
    assert flags == ["wrong_type:/result/speedup"]
    assert json.loads(raw)["result"]["speedup"] == "1.2"
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_summary_without_patch_generated_is_rejected(warehouse):
    write_good_item(warehouse)
    bad = changed(SUMMARY_B, "/agent/patch_generated")
    warehouse.write(f"eval_results/{ITEM_B}/run_summary.json", dump(bad))
    warehouse.load()
    source, _, code, reason = only_reject(warehouse)
    assert source == f"eval_results/{ITEM_B}/run_summary.json"
    assert code == "missing_required_field"
    assert reason == (
        "missing required field /agent/patch_generated: the key is absent"
    )
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_truncated_test_results_is_truncated_json(warehouse):
    write_good_item(warehouse)
    text = dump(changed(TEST_RESULTS_A, "/metadata/item_id", "vllm_core-0032"))
    cut = text[: len(text) // 2]
    warehouse.write(f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", cut)
    warehouse.load()
    _, line, code, reason = only_reject(warehouse)
    assert (line, code) == (1, "truncated_json")
    assert reason.startswith("not valid JSON: the file ends after ")
    assert warehouse.scalar("select raw_text from raw._rejected") == cut
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_test_results_three_folders_below_the_anchor_is_unrecognised_path(
    warehouse,
):
    write_good_item(warehouse)
    bad = {
        "metadata": {"item_id": "vllm_core-0032", "human_commit": HUMAN_A},
        "result": {"status": "success"},
    }
    relative = "eval_results/vllm/trae/vllm_core-0032/test_results.json"
    warehouse.write(relative, dump(bad))
    warehouse.load()
    source, _, code, reason = only_reject(warehouse)
    assert (source, code) == (relative, "unrecognised_path")
    assert reason == (
        "unrecognised path: 3 folders lie between the folder eval_results and "
        "the file, expected 5 (<repo>/<agent>/<model>/<timestamp>/<item_id>) or "
        "2 (<run_id>/<item_id>), and the content does not give item_id, repo, "
        "agent, model and timestamp"
    )
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_odd_depth_with_identity_in_content_loads_from_content(warehouse):
    relative = "eval_results/vllm/trae/vllm_core-0031/test_results.json"
    warehouse.write(relative, dump(TEST_RESULTS_A))
    warehouse.load()
    assert warehouse.rejected() == []
    row = warehouse.query(
        "select repo, agent, model_dir, run_timestamp, item_id, path_layout, _flags "
        "from raw.isobench__test_results"
    )[0]
    assert row == (
        "vllm",
        "trae",
        "gpt-5",
        "2025-11-14_21-05-32",
        "vllm_core-0031",
        "other",
        ["identity_from_content"],
    )


def test_flat_layout_journal_takes_identity_from_run_metadata(warehouse):
    write_good_item(warehouse)
    relative = "state/runs/sglang_core-7f3e9a21/sglang_000_021f76e4/journal.json"
    warehouse.write(relative, dump(JOURNAL_B))
    warehouse.load()
    assert warehouse.rejected() == []
    row = warehouse.query(
        "select repo, agent, model_dir, run_timestamp, run_started_at, item_id, "
        "path_layout, _flags from raw.isobench__journals where _source_file = ?",
        [relative],
    )[0]
    assert row == (
        "sglang",
        "trae",
        "claude-sonnet-45",
        "sglang_core-7f3e9a21",
        None,
        "sglang_000_021f76e4",
        "flat",
        ["identity_from_content"],
    )
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_flat_layout_without_content_identity_is_incomplete(warehouse):
    relative = "state/runs/sglang_core-7f3e9a21/sglang_031_4b8c2d1e/journal.json"
    warehouse.write(relative, dump(changed(JOURNAL_B, "/run_metadata")))
    warehouse.write(relative.replace("journal.json", "model_patch.diff"), PATCH)
    warehouse.load()
    assert warehouse.rejected() == []
    for table in ("journals", "patches"):
        row = warehouse.query(
            f"select repo, agent, model_dir, item_id, _flags from raw.isobench__{table}"
        )[0]
        assert row == (
            None,
            None,
            None,
            "sglang_031_4b8c2d1e",
            ["identity_from_content", "identity_incomplete"],
        )


def test_hash_named_run_has_no_start_time(warehouse):
    write_good_item(warehouse)
    folder = "eval_results/sglang/codex/gpt-5/389be848/sglang_core-0009"
    record = changed(TEST_RESULTS_A, "/metadata/item_id", "sglang_core-0009")
    warehouse.write(f"{folder}/test_results.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select run_timestamp, run_started_at, run_hash, item_id "
        "from raw.isobench__test_results where repo = 'sglang'"
    )[0]
    assert row == ("389be848", None, "389be848", "sglang_core-0009")
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_empty_patch_is_a_row_with_is_empty(warehouse):
    write_good_item(warehouse)
    warehouse.write(f"state/runs/{ITEM_B}/model_patch.diff", b"")
    warehouse.write(f"state/runs/{ITEM_A}/model_patch.diff", " \n\n")
    warehouse.write(f"state/runs/{RUN_A}/vllm_core-0032/model_patch.diff", PATCH)
    warehouse.load()
    assert warehouse.rejected() == []
    rows = warehouse.query(
        "select item_id, patch_bytes, is_empty, lines_added, lines_removed, "
        "files_changed, patch_text from raw.isobench__patches order by item_id"
    )
    assert rows == [
        ("sglang_031_4b8c2d1e", 0, True, 0, 0, 0, ""),
        ("vllm_core-0031", 3, True, 0, 0, 0, " \n\n"),
        ("vllm_core-0032", len(PATCH), False, 3, 2, 2, PATCH),
    ]
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_invalid_bytes_in_stdout_and_patch_are_replaced_and_flagged(warehouse):
    write_good_item(warehouse)
    record = changed(TEST_RESULTS_A, "/result/stdout", "WARNING XX\n")
    record = changed(record, "/metadata/item_id", "vllm_core-0032")
    data = dump(record).encode().replace(b"WARNING XX", b"WARNING \xff")
    warehouse.write(f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", data)
    patch = PATCH.encode().replace(b"fast(x)", b"fast(x) # \xfe")
    warehouse.write(f"state/runs/{RUN_A}/vllm_core-0032/model_patch.diff", patch)
    warehouse.load()
    assert warehouse.rejected() == []
    stdout, flags = warehouse.query(
        "select result__stdout, _flags from raw.isobench__test_results "
        "where item_id = 'vllm_core-0032'"
    )[0]
    assert (stdout, flags) == ("WARNING \ufffd\n", ["utf8_replaced"])
    text, size, flags = warehouse.query(
        "select patch_text, patch_bytes, _flags from raw.isobench__patches"
    )[0]
    assert "fast(x) # \ufffd" in text
    assert (size, flags) == (len(patch), ["utf8_replaced"])
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_invalid_bytes_in_an_identity_field_are_invalid_utf8(warehouse):
    write_good_item(warehouse)
    record = changed(TEST_RESULTS_A, "/metadata/item_id", "vllm_core-XX")
    data = dump(record).encode().replace(b"vllm_core-XX", b"vllm_core-\xff")
    warehouse.write(f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", data)
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "invalid_utf8"
    assert "/metadata/item_id" in reason
    good_rows_landed(warehouse)
    assert_reconciled(warehouse)


def test_prediction_line_that_is_not_an_object_is_rejected_alone(warehouse):
    good = {
        "instance_id": "vllm-project__vllm-1c2d3e4",
        "model_name_or_path": "claude-sonnet-4-5-20250929",
        "model_patch": PATCH,
    }
    relative = f"state/runs/{ITEM_A}/prediction.jsonl"
    warehouse.write(relative, json.dumps(good) + "\n[1, 2]\n\n" + json.dumps(good))
    warehouse.load()
    source, line, code, reason = only_reject(warehouse)
    assert (source, line, code) == (relative, 2, "not_an_object")
    assert reason == "not an object: the record is a JSON array, expected an object"
    rows = warehouse.query(
        "select _source_line, item_id, model_name_or_path, model_patch, _raw "
        "from raw.isobench__predictions order by _source_line"
    )
    assert [r[:4] for r in rows] == [
        (1, "vllm_core-0031", "claude-sonnet-4-5-20250929", PATCH),
        (4, "vllm_core-0031", "claude-sonnet-4-5-20250929", PATCH),
    ]
    assert "model_patch" not in json.loads(rows[0][4])
    assert warehouse.scalar("select lines_ignored from raw._loads") == 1
    assert_reconciled(warehouse)


def test_pass_at_k_and_other_listed_files_are_skipped(warehouse):
    write_good_item(warehouse)
    skipped = {
        "state/.pass_at_k_vllm_core-0003_s2_x7.json": "pass_at_k_state_not_loaded",
        f"state/runs/{ITEM_A}/prompt.json": "agent_input_not_loaded",
        f"state/runs/{ITEM_A}/task.txt": "agent_input_not_loaded",
        f"state/runs/{ITEM_A}/diff_targets.json": "agent_input_not_loaded",
        f"state/runs/{ITEM_A}/trae_stdout.txt": "agent_log_not_loaded",
        f"state/runs/{ITEM_A}/trae_stderr.txt": "agent_log_not_loaded",
        f"eval_results/{ITEM_A}/test_stdout.txt": "test_output_in_test_results",
        f"eval_results/{ITEM_A}/test_stderr.txt": "test_output_in_test_results",
    }
    for relative in skipped:
        warehouse.write(relative, '{"commits": {}, "status": "x"}')
    warehouse.load()
    rows = warehouse.query(
        "select source_file, source_system, skip_reason from raw._loads "
        "where status = 'skipped' order by source_file"
    )
    assert rows == [(f, "isobench", skipped[f]) for f in sorted(skipped)]
    assert warehouse.rejected() == []
    good_rows_landed(warehouse)


def test_reloading_unchanged_files_adds_no_rows(warehouse):
    write_good_item(warehouse)
    warehouse.write(f"state/runs/{ITEM_A}/model_patch.diff", PATCH)
    warehouse.write(f"eval_results/{RUN_A}/vllm_core-0032/test_results.json", "{")
    warehouse.write("state/.pass_at_k_x.json", "{}")
    warehouse.load()
    before = table_counts(warehouse)
    summary = warehouse.load()
    assert summary.files_unchanged == summary.files == 6
    assert table_counts(warehouse) == before


# --- other record kinds ----------------------------------------------------


def test_journal_agent_block_lands_in_agent_columns(warehouse):
    record = copy.deepcopy(JOURNAL_B)
    record["status"] = "success"
    record["metrics"] = {
        "time_to_first_edit_s": 212.3,
        "commit_count": 1,
        "changed_files_count": 2,
        "violations_count": 0,
        "patch_size_loc": 25,
    }
    record["trae"] = {
        "cli": "trae-cli",
        "time_budget_minutes": 120,
        "returncode": "0",
        "duration_s": 1184.6,
        "retries": 2,
    }
    warehouse.write(f"state/runs/{ITEM_B}/journal.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select agent_block_key, agent_cli, agent_time_budget_minutes, "
        "agent_returncode, agent_duration_s, metrics__patch_size_loc, _flags, "
        "_unknown_fields from raw.isobench__journals"
    )[0]
    assert row == (
        "trae",
        "trae-cli",
        120.0,
        None,
        1184.6,
        25,
        ["wrong_type:/trae/returncode"],
        ["/trae/retries"],
    )


def test_journal_agent_block_is_found_under_run_metadata_agent(warehouse):
    record = changed(JOURNAL_B, "/run_metadata/agent", "codex_cli")
    record["codex_cli"] = {"cli": "codex", "returncode": 0}
    record["timestamps"] = {"written": 1763611800.5}
    relative = "state/runs/sglang_core-7f3e9a21/sglang_031_4b8c2d1e/journal.json"
    warehouse.write(relative, dump(record))
    warehouse.load()
    row = warehouse.query(
        "select agent, agent_block_key, agent_cli, agent_returncode, "
        "_unknown_fields from raw.isobench__journals"
    )[0]
    assert row == ("codex_cli", "codex_cli", "codex", 0, ["/timestamps"])


def test_journal_agent_block_that_is_not_an_object_is_flagged(warehouse):
    record = copy.deepcopy(JOURNAL_B)
    record["trae"] = "crashed"
    warehouse.write(f"state/runs/{ITEM_B}/journal.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select agent_block_key, agent_cli, agent_returncode, _flags, "
        "_unknown_fields from raw.isobench__journals"
    )[0]
    assert row == ("trae", None, None, ["wrong_type:/trae"], [])


def test_baseline_error_document_sets_error_columns(warehouse):
    record = changed(TEST_RESULTS_A, "/result/status", "baseline_failed")
    error_document = {
        "target_resolved": False,
        "error": "No module named 'vllm._C'",
        "attempted_module": "vllm.model_executor.layers.fused_moe",
        "attempted_symbol": "fused_topk",
    }
    record = changed(record, "/result/baseline_output", error_document)
    record = changed(record, "/result/patched_output", "crashed")
    warehouse.write(f"eval_results/{ITEM_A}/test_results.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select baseline_avg_ms, baseline_target_resolved, baseline_error, "
        "baseline_attempted_module, baseline_attempted_symbol, patched_avg_ms, "
        "patched_error, _flags, _unknown_fields from raw.isobench__test_results"
    )[0]
    assert row == (
        None,
        False,
        "No module named 'vllm._C'",
        "vllm.model_executor.layers.fused_moe",
        "fused_topk",
        None,
        None,
        ["wrong_type:/result/patched_output"],
        [],
    )


def test_stage_two_summary_needs_an_evaluation_status(warehouse):
    write_good_item(warehouse)
    bad = changed(SUMMARY_B, "/evaluation/status")
    warehouse.write(f"eval_results/{ITEM_B}/run_summary.json", dump(bad))
    stage_one = changed(SUMMARY_B, "/evaluation")
    warehouse.write(f"state/runs/{ITEM_B}/run_summary.json", dump(stage_one))
    warehouse.load()
    source, _, code, reason = only_reject(warehouse)
    assert (source, code) == (
        f"eval_results/{ITEM_B}/run_summary.json",
        "missing_required_field",
    )
    assert reason == (
        "missing required field /evaluation/status: the key is absent "
        "(required when /evaluation is present)"
    )
    stage_one_status = warehouse.scalar(
        "select evaluation__status from raw.isobench__run_summaries "
        "where path_tree = 'agent_runs'"
    )
    assert stage_one_status is None
    assert_reconciled(warehouse)


def test_missing_agent_status_is_null_and_flagged(warehouse):
    record = changed(SUMMARY_A, "/agent/status")
    record = changed(record, "/commits/human", HUMAN_A[:8])
    warehouse.write(f"eval_results/{ITEM_A}/run_summary.json", dump(record))
    warehouse.load()
    row = warehouse.query(
        "select agent__status, commits__human, _flags from raw.isobench__run_summaries"
    )[0]
    assert row == (None, HUMAN_A[:8], ["missing_key:/agent/status"])


def test_evaluation_report_lands_groups_and_a_naive_time(warehouse):
    report = json.loads(
        (REFERENCE / "eval_results_v2/evaluation_report.json").read_text()
    )
    report["runs"]["trae/gpt-5"]["avg_speedup"] = "fast"
    warehouse.write("eval_results_v3/evaluation_report.json", dump(report))
    warehouse.load()
    row = warehouse.query(
        "select cast(generated_at as varchar), typeof(generated_at), total_runs, "
        "aggregate__total_commits, eval_results_dir, _flags "
        "from raw.isobench__evaluation_reports"
    )[0]
    assert row == (
        "2025-12-22 16:05:19.826023",
        "TIMESTAMP",
        7,
        833,
        "eval_results_v3",
        [],
    )
    groups = warehouse.query(
        "select _key, _source_pointer, avg_speedup, _flags "
        "from raw.isobench__evaluation_reports__runs where agent_name = 'trae' "
        "order by _key"
    )
    assert groups[2] == (
        "trae/gpt-5",
        "/runs/trae~1gpt-5",
        None,
        ["wrong_type:/runs/trae~1gpt-5/avg_speedup"],
    )
    assert len(groups) == 4


def test_evaluation_report_group_that_is_not_an_object_rejects_the_report(warehouse):
    report = {
        "generated_at": "2025-12-22T16:05:19",
        "runs": {"trae/gpt-5": 3},
        "aggregate": dict.fromkeys(
            (
                "total_commits",
                "total_tests_available",
                "total_tests_run",
                "total_tests_passed",
                "total_improvements",
                "total_regressions",
            ),
            0,
        ),
    }
    warehouse.write("eval_results/evaluation_report.json", dump(report))
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "not_an_object"
    assert "JSON ubigint" in reason or "JSON bigint" in reason
    assert (
        warehouse.scalar("select count(*) from raw.isobench__evaluation_reports__runs")
        == 0
    )


def test_trajectory_lands_only_its_model(warehouse):
    trajectory = {
        "task": "optimise",
        "model": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "llm_interactions": [{"response": "x" * 1000}],
    }
    warehouse.write(f"state/runs/{ITEM_A}/trajectory.json", dump(trajectory))
    warehouse.write("elsewhere/trajectory.json", dump(trajectory))
    warehouse.load()
    assert warehouse.query(
        "select item_id, model, _raw, _unknown_fields from raw.isobench__trajectories"
    ) == [
        (
            "vllm_core-0031",
            "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
            '{"model":"us.anthropic.claude-sonnet-4-5-20250929-v1:0"}',
            [],
        )
    ]


def test_patch_outside_the_layout_is_unrecognised_path(warehouse):
    relative = "state/runs/vllm/trae/gpt-5/model_patch.diff"
    warehouse.write(relative, PATCH)
    warehouse.load()
    source, _, code, reason = only_reject(warehouse)
    assert (source, code) == (relative, "unrecognised_path")
    assert reason == (
        "unrecognised path: 3 folders lie between the folder runs and the file, "
        "expected 5 (<repo>/<agent>/<model>/<timestamp>/<item_id>) or 2 "
        "(<run_id>/<item_id>), and a patch file names no identity"
    )
    assert warehouse.scalar("select raw_text from raw._rejected") == PATCH
    assert_reconciled(warehouse)


# --- the real public files -------------------------------------------------------


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The 63 ISO-Bench reference files, loaded once."""
    warehouse = Warehouse(tmp_path_factory.mktemp("isobench_reference"))
    warehouse.load(REFERENCE)
    return warehouse


def test_reference_files_load_without_rejects(reference):
    assert reference.rejected() == []
    loads = reference.query(
        "select format, status, count(*) from raw._loads group by all order by 1"
    )
    assert loads == [
        ("isobench.evaluation_report", "loaded", 1),
        ("isobench.run_summary", "loaded", 31),
        ("isobench.test_results", "loaded", 31),
    ]
    assert_reconciled(reference, REFERENCE)
    flagged = reference.scalar(
        "select count(*) from (select _flags, _unknown_fields from "
        "raw.isobench__run_summaries union all select _flags, _unknown_fields "
        "from raw.isobench__test_results) where len(_flags) + len(_unknown_fields) > 0"
    )
    assert flagged == 0


def test_reference_report_has_seven_groups_and_the_pooled_aggregate(reference):
    row = reference.query(
        "select total_runs, aggregate__total_commits, aggregate__total_tests_run, "
        "aggregate__total_improvements, aggregate__speedup_p5, "
        "cast(generated_at as varchar) from raw.isobench__evaluation_reports"
    )[0]
    assert row == (7, 833, 247, 12, 0.43320990197185977, "2025-12-22 16:05:19.826023")
    groups = reference.query(
        "select _key, agent_name, total_commits, median_speedup "
        "from raw.isobench__evaluation_reports__runs order by _key"
    )
    assert [g[0] for g in groups] == [
        "codex/gpt-4o",
        "codex/gpt-5",
        "openhands/gpt-5",
        "trae/claude-sonnet-45",
        "trae/gpt-4o",
        "trae/gpt-5",
        "trae/o4-mini",
    ]
    assert groups[5][1:3] == ("trae", 434)
    assert groups[2][3] is None


def test_reference_mismatches_are_visible_in_the_landed_columns(reference):
    repos = reference.query(
        "select agent, model_dir, count(*) from raw.isobench__run_summaries "
        "where repo = 'sglang' and meta__repo = 'sglan' group by all order by all"
    )
    assert repos == [("claude_code", "default", 3), ("trae", "gpt-5-2025-08-07", 2)]
    models = reference.query(
        "select agent, model_dir, meta__model, count(*) "
        "from raw.isobench__run_summaries where model_dir <> meta__model "
        "group by all order by all"
    )
    assert models == [
        ("claude_code", "default", "gpt-5", 7),
        ("trae", "gpt-5-2025-08-07", "gpt-5", 2),
    ]
    timestamps = reference.query(
        "select item_id, run_timestamp, meta__timestamp from "
        "raw.isobench__run_summaries where run_timestamp <> meta__timestamp"
    )
    assert timestamps == [
        ("vllm_core-0002", "2025-12-23_04-37-32", "2025-12-22_21-40-38")
    ]
    short = reference.query(
        "select distinct commits__human from raw.isobench__run_summaries "
        "where length(commits__human) = 8"
    )
    assert short == [("6b7038ba",)]
    assert (
        reference.scalar(
            "select count(*) from raw.isobench__test_results "
            "where repo <> metadata__repo or model_dir <> metadata__model "
            "or item_id <> metadata__item_id"
        )
        == 0
    )


def test_reference_item_folders_are_33_attempts(reference):
    attempts = reference.query(
        """
        select repo, agent, model_dir, run_timestamp, item_id,
            max(run_started_at), max(run_hash), max(path_layout)
        from (
            select repo, agent, model_dir, run_timestamp, item_id, run_started_at,
                run_hash, path_layout
            from raw.isobench__run_summaries
            union all
            select repo, agent, model_dir, run_timestamp, item_id, run_started_at,
                run_hash, path_layout
            from raw.isobench__test_results
        )
        group by all
        """
    )
    assert len(attempts) == 33
    assert all(a[:5].count(None) == 0 and a[7] == "hierarchical" for a in attempts)
    hashed = [a for a in attempts if a[6] is not None]
    assert [(a[3], a[5]) for a in hashed] == [("389be848", None)] * 2
    assert sum(a[5] is not None for a in attempts) == 31
    statuses = dict(
        reference.query(
            """
            select status, count(*) from (
                select repo, agent, model_dir, run_timestamp, item_id,
                    coalesce(max(result__status), max(evaluation__status)) as status
                from (
                    select repo, agent, model_dir, run_timestamp, item_id,
                        result__status, null as evaluation__status
                    from raw.isobench__test_results
                    union all
                    select repo, agent, model_dir, run_timestamp, item_id,
                        null, evaluation__status
                    from raw.isobench__run_summaries
                )
                group by all
            )
            group by all
            """
        )
    )
    assert statuses == {
        "baseline_failed": 18,
        "success": 5,
        "no_test": 5,
        "no_patch": 3,
        "error": 2,
    }


# --- the bundled sample and the campaign writer --------------------------------


def test_sample_loads_as_its_readme_says(warehouse):
    write_sample(warehouse.root)
    summary = warehouse.load()
    assert (summary.files, summary.files_loaded, summary.files_skipped) == (138, 129, 9)
    assert warehouse.rejected() == []
    assert_reconciled(warehouse)
    counts = table_counts(warehouse)
    assert counts == {
        "isobench__journals": 20,
        "isobench__run_summaries": 45,
        "isobench__test_results": 26,
        "isobench__evaluation_reports": 1,
        "isobench__predictions": 8,
        "isobench__patches": 18,
        "isobench__trajectories": 11,
        "isobench__evaluation_reports__runs": 4,
        "_loads": 138,
        "_rejected": 0,
    }
    flags = warehouse.query(
        " union all ".join(
            f"select '{t}', unnest(_flags) as flag from raw.isobench__{t}"
            for t in ROOT_TABLES
        )
        + " order by all"
    )
    assert sorted(flags) == sorted(
        [("journals", "identity_from_content")] * 2
        + [("journals", "identity_incomplete")]
        + [("run_summaries", "identity_from_content")]
        + [("patches", "identity_from_content"), ("patches", "identity_incomplete")]
        + [("patches", "utf8_replaced"), ("test_results", "utf8_replaced")]
        + [("trajectories", "identity_from_content")]
        + [("trajectories", "identity_incomplete")]
    )
    statuses = warehouse.query(
        """
        select status, count(*) from (
            select repo, agent, model_dir, run_timestamp, item_id,
                coalesce(max(result__status), max(evaluation__status)) as status
            from (
                select repo, agent, model_dir, run_timestamp, item_id,
                    result__status, null as evaluation__status
                from raw.isobench__test_results
                union all
                select repo, agent, model_dir, run_timestamp, item_id,
                    null, evaluation__status
                from raw.isobench__run_summaries where path_tree = 'eval_results'
            )
            group by all
        )
        group by all order by 2 desc, 1
        """
    )
    assert statuses == [
        ("error", 11),
        ("success", 7),
        ("baseline_failed", 3),
        ("no_patch", 3),
        ("no_test", 1),
        ("patch_failed", 1),
        ("timeout", 1),
    ]
    speedups = warehouse.query(
        "select round(result__speedup, 4), result__improvement "
        "from raw.isobench__test_results where result__speedup is not null "
        "order by 1 desc"
    )
    assert speedups == [
        (1.2, True),
        (1.1, True),
        (1.06, True),
        (1.02, True),
        (0.99, False),
        (0.9, False),
    ]


def test_sample_writer_is_deterministic_and_matches_the_repo(tmp_path):
    write_sample(tmp_path / "a")
    write_sample(tmp_path / "b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert files_a == files_b
    committed = REPO / "data" / "samples" / "isobench"
    for relative in files_a:
        if (tmp_path / "a" / relative).is_file():
            data = (tmp_path / "a" / relative).read_bytes()
            assert data == (tmp_path / "b" / relative).read_bytes()
            assert data == (committed / relative).read_bytes(), relative


def test_campaign_loads_without_rejects_and_is_deterministic(tmp_path, warehouse):
    write_campaign(warehouse.root, n_items=30, seed=7)
    write_campaign(tmp_path / "again", n_items=30, seed=7)
    first = sorted(
        (p.relative_to(warehouse.root), p.read_bytes())
        for p in warehouse.root.rglob("*")
        if p.is_file()
    )
    again = sorted(
        (p.relative_to(tmp_path / "again"), p.read_bytes())
        for p in (tmp_path / "again").rglob("*")
        if p.is_file()
    )
    assert first == again
    warehouse.load()
    assert warehouse.rejected() == []
    assert warehouse.scalar("select count(*) from raw.isobench__test_results") == 30
    assert (
        warehouse.scalar(
            "select count(distinct (repo, agent, model_dir, run_timestamp, item_id)) "
            "from raw.isobench__journals"
        )
        == 30
    )
    assert_reconciled(warehouse)
