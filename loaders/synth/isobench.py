"""Synthetic ISO-Bench run folders: the bundled sample and scale campaigns.

`write_sample` writes the small sample of `data/samples/isobench/`, in which
every quirk of `shared/formats/isobench.md` section 6 occurs at least once;
its README lists what a load gives. `write_campaign` writes a larger random
tree (deterministic for a seed) for scale tests and benchmarks.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

RUNNER_HOME = "/home/runner/perf-agents-bench"
SCRIPTS = "/home/runner/hf_cache/test-generation-scripts/generated_test_generators_v4"
BAD_BYTE = "@@0xFF@@"
MODEL_FULL = {
    "gpt-5": "gpt-5-2025-08-07",
    "gpt-5-2025-08-07": "gpt-5-2025-08-07",
    "gpt-4o": "gpt-4o-2024-08-06",
    "claude-sonnet-45": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "default": "gpt-5-2025-08-07",
}
GITHUB = {"vllm": "vllm-project__vllm", "sglang": "sgl-project__sglang"}


def commit(label: str) -> str:
    """A deterministic 40-hex commit id for a label."""
    return hashlib.sha1(f"isobench-sample/{label}".encode()).hexdigest()


@dataclass(frozen=True)
class Run:
    """One run folder `<repo>/<agent>/<model>/<timestamp>`."""

    repo: str
    agent: str
    model_dir: str
    timestamp: str
    agent_tree_repo: str | None = None

    @property
    def path(self) -> str:
        """The run folder below the evaluation tree's anchor."""
        return f"{self.repo}/{self.agent}/{self.model_dir}/{self.timestamp}"

    @property
    def agent_path(self) -> str:
        """The run folder below `state/runs` (the repo may be spelt otherwise)."""
        repo = self.agent_tree_repo or self.repo
        return f"{repo}/{self.agent}/{self.model_dir}/{self.timestamp}"


@dataclass(frozen=True)
class Attempt:
    """One item folder and everything the tools wrote for it.

    `patch` is `applied`, `not_applied` (written but did not apply), `empty`
    (a zero-byte file) or `none` (no file). `baseline` / `patched` name the
    test-script document each side printed (see `_document`), or None.
    `category` is the ISO-06 outcome category the attempt was written to
    produce (sample attempts only; None in campaigns).
    """

    run: Run
    item_id: str
    commit_label: str
    status: str
    agent_status: str = "success"
    patch: str = "applied"
    patch_shape: tuple[int, int, int] = (12, 4, 1)
    baseline: str | None = None
    patched: str | None = None
    baseline_ms: float | None = None
    patched_ms: float | None = None
    error: str | None = None
    stderr: str = "\n"
    stdout_prefix: str = ""
    duration_s: float = 41.7
    meta: dict[str, str] = field(default_factory=dict)
    short_human_in_summary: bool = False
    patch_stats_offset: int = 0
    bad_byte_in_stdout: bool = False
    bad_byte_in_patch: bool = False
    agent_tree: bool = True
    eval_summary: bool = True
    test_results: bool = True
    model_attribution: str | None = None
    journal_error: tuple[str, str] | None = None
    category: str | None = None

    @property
    def human(self) -> str:
        """The full human commit."""
        return commit(self.commit_label)

    @property
    def pre(self) -> str:
        """The parent commit the agent started from."""
        return commit(self.commit_label + "^")

    @property
    def patch_generated(self) -> bool:
        """Patch file exists and is non-empty."""
        return self.patch in ("applied", "not_applied")

    @property
    def speedup(self) -> float | None:
        """baseline / patched when the evaluator measured both."""
        if self.status != "success" or not self.baseline_ms or not self.patched_ms:
            return None
        return self.baseline_ms / self.patched_ms


# --- documents ----------------------------------------------------------------


def _document(kind: str | None, attempt: Attempt, avg_ms: float | None) -> object:
    """A test-script document (isobench.md 3.5) of the given kind."""
    if kind is None:
        return None
    timings = {
        "impl_tag": "child",
        "commit_hash": attempt.human,
        "device": "cuda",
        "dtype": "torch.bfloat16",
        "iters": 50,
        "warmup": 5,
    }
    if kind == "timings" and avg_ms is not None:
        return {
            **timings,
            "avg_ms": avg_ms,
            "p50_ms": round(avg_ms * 0.99, 4),
            "p95_ms": round(avg_ms * 1.06, 4),
            "eq_level": "numeric",
            "opt_path_hit": True,
        }
    if kind == "no_timings":
        return {**timings, "eq_level": "behavioral", "opt_path_hit": True}
    if kind == "import_error":
        return {
            "target_resolved": False,
            "error": "No module named 'vllm._C'",
            "attempted_module": "vllm.model_executor.layers.fused_moe",
            "attempted_symbol": "fused_topk",
        }
    if kind == "target_error":
        return {
            "target_resolved": False,
            "error": "Could not import module 'ProcessorMixin'",
            "attempted_module": "sglang.srt.managers.io_struct",
            "attempted_symbol": "ProcessorMixin",
        }
    if kind == "opt_path":
        return {
            "target_resolved": True,
            "error": "Optimization path not triggered by the workload",
            "opt_path_hit": False,
        }
    raise ValueError(f"unknown test document kind {kind!r}")


def _runner_path(attempt: Attempt, run: Run | None = None) -> str:
    run = run or attempt.run
    return f"{RUNNER_HOME}/state/runs/{run.agent_path}/{attempt.item_id}"


def _meta(attempt: Attempt) -> dict[str, object]:
    run = attempt.run
    meta: dict[str, object] = {
        "repo": run.repo,
        "agent": run.agent,
        "model": run.model_dir,
        "model_full": MODEL_FULL.get(run.model_dir, run.model_dir),
        "timestamp": run.timestamp,
        "task_id": f"{run.repo}_core",
        "item_id": attempt.item_id,
    }
    meta.update(attempt.meta)
    return meta


def run_summary(attempt: Attempt, *, stage: int) -> dict[str, object]:
    """`run_summary.json`: stage 1 (agent tree) or 2 (with `evaluation`)."""
    meta = _meta(attempt)
    source_run = attempt.run
    if meta["timestamp"] != attempt.run.timestamp:
        source_run = Run(
            attempt.run.repo,
            attempt.run.agent,
            attempt.run.model_dir,
            str(meta["timestamp"]),
            attempt.run.agent_tree_repo,
        )
    source = _runner_path(attempt, source_run)
    added, removed, files = attempt.patch_shape
    agent: dict[str, object] = {
        "status": attempt.agent_status,
        "patch_generated": attempt.patch_generated,
    }
    if attempt.patch_generated:
        agent["patch_stats"] = {
            "lines_added": added + attempt.patch_stats_offset,
            "lines_removed": removed,
            "files_changed": files,
        }
    agent["duration_s"] = 1184.6 if attempt.run.agent == "trae" else None
    agent["time_to_first_edit_s"] = 212.3 if attempt.patch_generated else None
    human = attempt.human[:8] if attempt.short_human_in_summary else attempt.human
    document: dict[str, object] = {
        "schema_version": "1.0",
        "meta": meta,
        "commits": {"human": human, "pre": attempt.pre},
        "agent": agent,
    }
    if stage == 2:
        document["evaluation"] = {
            "status": attempt.status,
            "baseline_ms": attempt.baseline_ms,
            "patched_ms": attempt.patched_ms,
            "speedup": attempt.speedup,
            "improvement": (attempt.speedup or 0.0) > 1.0,
            "error": attempt.error,
        }
    has_prediction = attempt.run.agent in ("claude_code", "codex")
    document["_sources"] = {
        "journal": f"{source}/journal.json",
        "trajectory": None if has_prediction else f"{source}/trajectory.json",
        "prediction": f"{source}/prediction.jsonl" if has_prediction else None,
        "patch": f"{source}/model_patch.diff" if attempt.patch_generated else None,
    }
    return document


def test_results(attempt: Attempt) -> dict[str, object]:
    """`test_results.json` of the evaluator."""
    run = attempt.run
    baseline = _document(attempt.baseline, attempt, attempt.baseline_ms)
    patched = _document(attempt.patched, attempt, attempt.patched_ms)
    if attempt.status == "no_test":
        stdout, stderr = "", ""
    else:
        printed = [json.dumps(d) for d in (baseline, patched) if d is not None]
        if attempt.status == "baseline_failed" and baseline is not None:
            printed = [json.dumps(baseline)] * 2
        stdout = (
            attempt.stdout_prefix + "\n\n".join(printed) + ("\n" if printed else "")
        )
        stderr = attempt.stderr
    if attempt.bad_byte_in_stdout:
        stdout = stdout.replace("Failed", f"Failed{BAD_BYTE}", 1)
    has_script = attempt.status != "no_test"
    patch_path = f"{_runner_path(attempt)}/model_patch.diff"
    return {
        "metadata": {
            "run_id": run.path,
            "item_id": attempt.item_id,
            "task_id": f"{run.repo}_core",
            "human_commit": attempt.human,
            "pre_commit": attempt.pre,
            "agent_status": attempt.agent_status,
            "patch_path": patch_path if attempt.patch_generated else None,
            "test_script_path": (
                f"{SCRIPTS}/{attempt.human[:8]}_test_case_generator.py"
                if has_script
                else None
            ),
            "repo": run.repo,
            "agent": run.agent,
            "model": run.model_dir,
            "timestamp": run.timestamp,
            "source_dir": _runner_path(attempt),
        },
        "result": {
            "status": attempt.status,
            "baseline_ms": attempt.baseline_ms,
            "patched_ms": attempt.patched_ms,
            "speedup": attempt.speedup,
            "improvement": (attempt.speedup or 0.0) > 1.0,
            "baseline_output": baseline,
            "patched_output": patched,
            "error_message": attempt.error,
            "stdout": stdout,
            "stderr": stderr,
            "duration_s": 3.1e-07
            if attempt.status == "no_test"
            else attempt.duration_s,
        },
    }


def journal(attempt: Attempt, *, run_metadata: bool = True) -> dict[str, object]:
    """`journal.json` of the agent runner (exception path when `journal_error`)."""
    run = attempt.run
    document: dict[str, object] = {
        "task_id": f"{run.repo}_core",
        "commits": {"pre": attempt.pre, "human": attempt.human},
        "agent_branch": f"agent/{run.repo}_core/{attempt.human[:8]}",
        "status": attempt.agent_status,
    }
    if run_metadata:
        document["run_metadata"] = {
            "repo": run.agent_tree_repo or run.repo,
            "agent": run.agent,
            "model": run.model_dir,
            "run_timestamp": run.timestamp,
            "run_path": run.agent_path,
        }
    document["experiment"] = {"hints_enabled": False, "preflight_enabled": True}
    document["preflight"] = {"ok": True, "checks": ["repo_clean", "python_importable"]}
    if attempt.journal_error is not None:
        document["error"], document["error_type"] = attempt.journal_error
        return document
    added, removed, files = attempt.patch_shape
    generated = attempt.patch_generated
    document["metrics"] = {
        "time_to_first_edit_s": 212.3 if generated else None,
        "commit_count": 1 if generated else 0,
        "changed_files_count": files if generated else 0,
        "violations_count": 0,
        "patch_size_loc": added + removed if generated else 0,
    }
    document[run.agent] = {
        "cli": {"claude_code": "claude", "codex": "codex exec"}.get(
            run.agent, f"{run.agent}-cli"
        ),
        "time_budget_minutes": 120,
        "returncode": 0 if attempt.agent_status == "success" else 124,
        "duration_s": 1184.6,
    }
    return document


def patch_text(attempt: Attempt) -> str:
    """A unified diff with the attempt's added, removed and file counts."""
    added, removed, files = attempt.patch_shape
    parts: list[str] = []
    for index in range(files):
        name = f"{attempt.run.repo}/kernels/opt_{index}.py"
        take_added = added // files + (1 if index < added % files else 0)
        take_removed = removed // files + (1 if index < removed % files else 0)
        parts.append(
            f"diff --git a/{name} b/{name}\n"
            f"index 1a2b3c4..5d6e7f8 100644\n--- a/{name}\n+++ b/{name}\n"
            f"@@ -10,{take_removed + 2} +10,{take_added + 2} @@ def forward(x):\n"
            "     out = x\n"
            + "".join(f"-    old_{n} = slow(out)\n" for n in range(take_removed))
            + "".join(f"+    new_{n} = fast(out)\n" for n in range(take_added))
            + "     return out\n"
        )
    text = "".join(parts)
    if attempt.bad_byte_in_patch:
        text = text.replace("fast(out)", f"fast(out)  # {BAD_BYTE}", 1)
    return text


def _bytes(text: str) -> bytes:
    return text.encode("utf-8").replace(BAD_BYTE.encode(), b"\xff")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_bytes(text))


def _dump(document: object) -> str:
    return json.dumps(document, indent=2)


def write_attempt(out: Path, attempt: Attempt, *, skip_files: bool = False) -> None:
    """Write one attempt's files into the agent and evaluation trees."""
    item = f"{attempt.run.path}/{attempt.item_id}"
    evaluation = out / "eval_results" / item
    if attempt.eval_summary:
        _write(evaluation / "run_summary.json", _dump(run_summary(attempt, stage=2)))
    if attempt.test_results:
        _write(evaluation / "test_results.json", _dump(test_results(attempt)))
    if skip_files:
        _write(evaluation / "test_stdout.txt", "\n")
        _write(evaluation / "test_stderr.txt", "\n")
    if not attempt.agent_tree:
        return
    agent_dir = out / "state" / "runs" / attempt.run.agent_path / attempt.item_id
    _write(agent_dir / "journal.json", _dump(journal(attempt)))
    _write(agent_dir / "run_summary.json", _dump(run_summary(attempt, stage=1)))
    diff = patch_text(attempt) if attempt.patch_generated else ""
    if attempt.patch != "none":
        _write(agent_dir / "model_patch.diff", diff)
    if attempt.run.agent in ("claude_code", "codex"):
        prediction = {
            "instance_id": f"{GITHUB[attempt.run.repo]}-{attempt.pre[:7]}",
            "model_name_or_path": attempt.model_attribution or attempt.run.model_dir,
            "model_patch": diff,
        }
        _write(agent_dir / "prediction.jsonl", json.dumps(prediction) + "\n")
    else:
        trajectory = {
            "task": f"Optimise {attempt.run.repo} at {attempt.pre[:8]}",
            "start_time": "2025-11-14T21:05:40.118302",
            "provider": "openai",
            "model": attempt.model_attribution
            or MODEL_FULL.get(attempt.run.model_dir, attempt.run.model_dir),
            "max_steps": 120,
            "llm_interactions": [],
            "agent_steps": [],
            "success": attempt.agent_status == "success",
            "execution_time": 1184.6,
        }
        _write(agent_dir / "trajectory.json", _dump(trajectory))
    if skip_files:
        _write(agent_dir / "prompt.json", _dump({"task": "optimise", "hints": []}))
        _write(agent_dir / "task.txt", "Make the benchmark faster.\n")
        _write(agent_dir / "diff_targets.json", _dump({"files": ["kernels.py"]}))
        _write(agent_dir / f"{attempt.run.agent}_stdout.txt", "step 1\n")
        _write(agent_dir / f"{attempt.run.agent}_stderr.txt", "")


# --- the bundled sample -------------------------------------------------------

R1 = Run("vllm", "trae", "gpt-5", "2025-11-14_21-05-32")
R2 = Run("vllm", "trae", "claude-sonnet-45", "2025-11-27_15-42-14")
R3 = Run("vllm", "claude_code", "default", "2025-12-22_20-31-26")
R4 = Run("vllm", "claude_code", "default", "2025-12-22_20-32-40")
R5 = Run("sglang", "codex", "gpt-5", "389be848")
R6 = Run("sglang", "claude_code", "default", "2025-12-23_06-28-44", "sglan")
R7 = Run("sglang", "trae", "gpt-5-2025-08-07", "2025-12-23_07-54-45")
R8 = Run("vllm", "codex", "gpt-5", "2025-12-24_09-00-00")

SONNET = "claude-sonnet-4-5-20250929"
CLAUDE_CODE_META = {"model": "gpt-5", "model_full": "gpt-5-2025-08-07"}
GIT_ERROR = (
    "Failed to create worktree at pre commit: fatal: invalid reference: " + commit("H^")
)
BASELINE_TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "test_case_generator.py", line 212, in run\n'
    "    out = layer.forward(x, positions=pos)\n"
    "TypeError: forward() got an unexpected keyword argument 'positions'\n"
)
BASELINE_NO_OUTPUT = "Baseline test failed to produce output"
BASELINE_STDERR = {
    "BASELINE_OOM": "torch.cuda.OutOfMemoryError: CUDA out of memory. "
    "Tried to allocate 2.00 GiB\n",
    "BASELINE_CUDA_ERROR": "RuntimeError: CUDA error: an illegal memory access "
    "was encountered\n",
    "BASELINE_IMPORT_ERROR": "ModuleNotFoundError: No module named 'transformers'\n",
    "BASELINE_ATTRIBUTE_ERROR": "AttributeError: module 'vllm._custom_ops' has no "
    "attribute 'fused_add_rms_norm'\n",
    "BASELINE_RUNTIME_ERROR": "RuntimeError: Expected all tensors to be on the "
    "same device\n",
    "BASELINE_ASSERTION": "AssertionError: output shapes differ\n",
    "BASELINE_EXCEPTION": "ValueError: num_heads must divide hidden_size\n",
    "BASELINE_UNKNOWN": "Killed\n",
}
"""Last stderr lines of the run R8 attempts, one per ISO-07 sub-category not
covered by items 1 to 19 (each with the traceback header before it)."""


def sample_attempts() -> tuple[Attempt, ...]:
    """The 27 evaluated attempts of the sample (README: items 1 to 27)."""
    timed = {"baseline": "timings", "patched": "timings"}
    return (
        Attempt(R1, "vllm_core-0000", "A", "success",
                category="SUCCESS_IMPROVEMENT", **timed, baseline_ms=3.12,
                patched_ms=2.6, patch_shape=(18, 7, 1), patch_stats_offset=1),
        Attempt(R1, "vllm_core-0001", "B", "success",
                category="SUCCESS_NEUTRAL", **timed, baseline_ms=1.53,
                patched_ms=1.5),
        Attempt(R1, "vllm_core-0002", "C", "success",
                category="SUCCESS_REGRESSION", **timed, baseline_ms=0.9,
                patched_ms=1.0, patch_shape=(30, 2, 2)),
        Attempt(R1, "vllm_core-0003", "D", "no_test",
                category="NO_TEST_SCRIPT",
                error=f"No test script found for commit {commit('D')[:8]}"),
        Attempt(R1, "vllm_core-0004", "E", "baseline_failed",
                category="TEST_IMPORT_ERROR",
                baseline="import_error", error="No module named 'vllm._C'"),
        Attempt(R1, "vllm_core-0005", "F", "no_patch",
                category="AGENT_NO_PATCH", agent_status="error",
                patch="empty", baseline="timings", baseline_ms=0.87,
                journal_error=(
                    "Error code: 400 - messages.14: tool_use ids were found "
                    "without tool_result blocks immediately after",
                    "BadRequestError",
                )),
        Attempt(R1, "vllm_core-0006", "G", "no_patch",
                category="PATCH_INVALID", patch="not_applied",
                baseline="timings", baseline_ms=2.2, bad_byte_in_patch=True),
        Attempt(R2, "vllm_bedrock_sonnet45-0013", "A", "success",
                category="SUCCESS_IMPROVEMENT", **timed,
                baseline_ms=3.08, patched_ms=2.8,
                model_attribution=f"us.anthropic.{SONNET}-v1:0"),
        Attempt(R2, "vllm_bedrock_sonnet45-0014", "H", "error",
                category="GIT_WORKTREE_FAILED", error=GIT_ERROR),
        Attempt(R2, "vllm_bedrock_sonnet45-0015", "D", "no_patch",
                category="AGENT_TIMEOUT",
                agent_status="timeout", patch="none", baseline="timings",
                baseline_ms=4.4),
        Attempt(R3, "vllm_core-0000", "B", "success",
                category="SUCCESS_IMPROVEMENT", **timed, baseline_ms=1.59,
                patched_ms=1.5, meta=CLAUDE_CODE_META, model_attribution=SONNET),
        Attempt(R3, "vllm_core-0001", "C", "patch_failed",
                category="PATCH_APPLY_FAILED", baseline="timings",
                baseline_ms=0.9, error="Patched test failed to produce output",
                meta=CLAUDE_CODE_META, model_attribution=SONNET),
        Attempt(R4, "vllm_core-0000", "B", "error",
                category="BASELINE_TYPE_ERROR",
                error="Baseline test failed to produce output",
                stderr=BASELINE_TRACEBACK,
                meta={**CLAUDE_CODE_META, "timestamp": R3.timestamp},
                model_attribution=SONNET),
        Attempt(R5, "sglang_core-0009", "S1", "timeout",
                category="EVAL_TIMEOUT",
                error="Test exceeded 600s timeout", duration_s=600.4),
        Attempt(R5, "sglang_core-0052", "S2", "success",
                category="SUCCESS_NEUTRAL", **timed, baseline_ms=1.98,
                patched_ms=2.0, bad_byte_in_stdout=True,
                stdout_prefix="WARNING 12-01 10:00:00 [__init__.py:26] Failed to "
                "import from vllm._C with ModuleNotFoundError\n"),
        Attempt(R5, "sglang_core-0061", "S3", "success",
                category="UNKNOWN", baseline="no_timings",
                patched="no_timings"),
        Attempt(R6, "sglang_001_09deb20d", "S1", "baseline_failed",
                category="OPT_PATH_NOT_HIT",
                baseline="opt_path",
                error="Optimization path not triggered by the workload",
                meta={"repo": "sglan", **CLAUDE_CODE_META},
                model_attribution=SONNET),
        Attempt(R7, "sglang_core-0000", "S3", "error",
                category="EVAL_ERROR_OTHER",
                error="CUDA is not available on this host",
                meta={"repo": "sglan", "model": "gpt-5"},
                short_human_in_summary=True, agent_tree=False,
                test_results=False),
        Attempt(R6, "sglang_029_6cb00c63", "S2", "baseline_failed",
                category="TARGET_NOT_RESOLVED",
                baseline="target_error",
                error="Could not import module 'ProcessorMixin'",
                meta={"repo": "sglan", **CLAUDE_CODE_META},
                model_attribution=SONNET, eval_summary=False),
        *(
            Attempt(R8, f"vllm_core-{20 + index:04d}", f"I{index}", "error",
                    category=category, error=BASELINE_NO_OUTPUT,
                    stderr="Traceback (most recent call last):\n"
                    '  File "test_case_generator.py", line 88, in run\n'
                    + stderr,
                    agent_tree=False)
            for index, (category, stderr) in enumerate(BASELINE_STDERR.items())
        ),
    )  # fmt: skip


def sample_outcome_counts() -> dict[str, int]:
    """Attempts per ISO-06 outcome category that `write_sample` writes."""
    counts: dict[str, int] = {}
    for attempt in sample_attempts():
        if attempt.category is None:
            raise ValueError(f"sample attempt {attempt.item_id} has no category")
        counts[attempt.category] = counts.get(attempt.category, 0) + 1
    return counts


FLAT_RUN = Run("sglang", "trae", "gpt-5", "sglang_core-7f3e9a21")


def _write_flat_run(out: Path) -> None:
    """The legacy layout `state/runs/<run_id>/<item_id>/`: identity from content."""
    full = Attempt(FLAT_RUN, "sglang_000_021f76e4", "S4", "success")
    folder = out / "state" / "runs" / FLAT_RUN.timestamp / full.item_id
    _write(folder / "journal.json", _dump(journal(full)))
    _write(folder / "run_summary.json", _dump(run_summary(full, stage=1)))
    _write(folder / "model_patch.diff", patch_text(full))
    trajectory = {"task": "Optimise sglang", "model": "gpt-5-2025-08-07"}
    _write(folder / "trajectory.json", _dump(trajectory))
    bare = Attempt(
        FLAT_RUN,
        "sglang_002_1a2b3c4d",
        "S5",
        "success",
        agent_status="error",
        patch="none",
        journal_error=("Agent process exited before writing a patch", "RuntimeError"),
    )
    folder = out / "state" / "runs" / FLAT_RUN.timestamp / bare.item_id
    _write(folder / "journal.json", _dump(journal(bare, run_metadata=False)))


EVALUATION_REPORT: dict[str, object] = {
    "generated_at": "2025-12-22T16:05:19.826023",
    "total_runs": 4,
    "runs": {
        "trae/gpt-5": {
            "agent_name": "trae",
            "run_id": "trae/gpt-5",
            "total_commits": 12,
            "tests_available": 11,
            "tests_run": 5,
            "tests_passed": 4,
            "tests_failed": 1,
            "no_test_available": 1,
            "no_patch": 4,
            "patch_failed": 0,
            "timeouts": 0,
            "errors": 2,
            "avg_speedup": 1.04,
            "median_speedup": 1.02,
            "commits_with_improvement": 1,
            "commits_with_regression": 1,
            "commits_neutral": 2,
            "speedup_count": 4,
        },
        "trae/claude-sonnet-45": {
            "agent_name": "trae",
            "run_id": "trae/claude-sonnet-45",
            "total_commits": 6,
            "tests_available": 6,
            "tests_run": 2,
            "tests_passed": 2,
            "tests_failed": 0,
            "no_test_available": 0,
            "no_patch": 2,
            "patch_failed": 0,
            "timeouts": 0,
            "errors": 2,
            "avg_speedup": 1.1,
            "median_speedup": 1.1,
            "commits_with_improvement": 2,
            "commits_with_regression": 0,
            "commits_neutral": 0,
            "speedup_count": 2,
        },
        "codex/gpt-5": {
            "agent_name": "codex",
            "run_id": "codex/gpt-5",
            "total_commits": 3,
            "tests_available": 3,
            "tests_run": 2,
            "tests_passed": 1,
            "tests_failed": 1,
            "no_test_available": 0,
            "no_patch": 0,
            "patch_failed": 0,
            "timeouts": 1,
            "errors": 0,
            "avg_speedup": 0.99,
            "median_speedup": 0.99,
            "commits_with_improvement": 0,
            "commits_with_regression": 0,
            "commits_neutral": 1,
            "speedup_count": 1,
        },
        "openhands/gpt-5": {
            "agent_name": "openhands",
            "run_id": "openhands/gpt-5",
            "total_commits": 2,
            "tests_available": 2,
            "tests_run": 0,
            "tests_passed": 0,
            "tests_failed": 0,
            "no_test_available": 0,
            "no_patch": 2,
            "patch_failed": 0,
            "timeouts": 0,
            "errors": 0,
            "avg_speedup": None,
            "median_speedup": None,
            "commits_with_improvement": 0,
            "commits_with_regression": 0,
            "commits_neutral": 0,
            "speedup_count": 0,
        },
    },
    "aggregate": {
        "total_commits": 23,
        "total_tests_available": 22,
        "total_tests_run": 9,
        "total_tests_passed": 7,
        "total_improvements": 3,
        "total_regressions": 1,
        "overall_avg_speedup": 1.05,
        "overall_median_speedup": 1.02,
        "speedup_p95": 1.2,
        "speedup_p5": 0.9,
    },
}


def write_sample(out: Path) -> None:
    """Write the ISO-Bench sample (with its README) into the folder `out`.

    Deterministic: the same bytes on every call. Existing files are
    overwritten; files this function does not write are left alone.
    """
    for index, attempt in enumerate(sample_attempts()):
        write_attempt(out, attempt, skip_files=index == 0)
    _write_flat_run(out)
    _write(out / "eval_results" / "evaluation_report.json", _dump(EVALUATION_REPORT))
    _write(out / "state" / ".pass_at_k_vllm_core-0003_s2_x7.json", '{"k": 8}\n')
    _write(out / "README.md", SAMPLE_README)


# --- scale campaigns ----------------------------------------------------------

CAMPAIGN_CONFIGS = (
    ("trae", "gpt-5"),
    ("trae", "claude-sonnet-45"),
    ("codex", "gpt-5"),
    ("claude_code", "default"),
)
CAMPAIGN_STATUSES = (
    ("success", 13),
    ("no_patch", 44),
    ("baseline_failed", 17),
    ("error", 16),
    ("no_test", 2),
    ("patch_failed", 1),
    ("timeout", 1),
)
ITEMS_PER_RUN = 50


def _campaign_attempt(rng: random.Random, run: Run, index: int) -> Attempt:
    statuses, weights = zip(*CAMPAIGN_STATUSES, strict=True)
    status = rng.choices(statuses, weights)[0]
    task = rng.randrange(max(ITEMS_PER_RUN * 2, 1))
    label = f"campaign/{run.repo}/{task}"
    item_id = f"{run.repo}_core-{index:04d}"
    shape = (rng.randint(1, 60), rng.randint(0, 30), rng.randint(1, 3))
    if status == "success":
        baseline_ms = round(rng.uniform(0.05, 20.0), 4)
        patched_ms = round(baseline_ms / rng.uniform(0.8, 1.3), 4)
        return Attempt(
            run, item_id, label, status, baseline="timings", patched="timings",
            baseline_ms=baseline_ms, patched_ms=patched_ms, patch_shape=shape,
        )  # fmt: skip
    if status == "no_patch":
        generated = rng.random() < 0.2
        return Attempt(
            run, item_id, label, status,
            agent_status="success" if generated else "error",
            patch="not_applied" if generated else rng.choice(("none", "empty")),
            baseline="timings", baseline_ms=round(rng.uniform(0.05, 20.0), 4),
            patch_shape=shape,
        )  # fmt: skip
    if status == "baseline_failed":
        kind = rng.choice(("import_error", "target_error", "opt_path"))
        document = _document(kind, Attempt(run, item_id, label, status), None)
        error = document["error"] if isinstance(document, dict) else None
        return Attempt(
            run, item_id, label, status, baseline=kind, patch_shape=shape,
            error=error,
        )  # fmt: skip
    errors = {
        "error": "Baseline test failed to produce output",
        "no_test": "No test script found for commit",
        "patch_failed": "Patched test failed to produce output",
        "timeout": "Test exceeded 600s timeout",
    }
    return Attempt(
        run, item_id, label, status, error=errors[status], patch_shape=shape,
        stderr=BASELINE_TRACEBACK if status == "error" else "\n",
    )  # fmt: skip


def write_campaign(out: Path, *, n_items: int, seed: int) -> None:
    """Write `n_items` random attempts (both trees) into `out` for scale tests.

    Runs of 50 items rotate over repos and agent configurations; statuses
    follow the published mix. The same seed writes the same bytes.
    """
    rng = random.Random(seed)
    runs: list[Run] = []
    for index in range(n_items):
        if index % ITEMS_PER_RUN == 0:
            agent, model = CAMPAIGN_CONFIGS[len(runs) % len(CAMPAIGN_CONFIGS)]
            repo = ("vllm", "sglang")[len(runs) // len(CAMPAIGN_CONFIGS) % 2]
            day, minute = divmod(len(runs), 60)
            stamp = f"2025-{10 + day // 28:02d}-{1 + day % 28:02d}_12-{minute:02d}-00"
            runs.append(Run(repo, agent, model, stamp))
        write_attempt(out, _campaign_attempt(rng, runs[-1], index % ITEMS_PER_RUN))


SAMPLE_README = """\
# ISO-Bench sample

Written by `loaders.synth.isobench.write_sample` (do not edit by hand; change
the writer and regenerate). Invented data in the real layouts of
`shared/formats/isobench.md`: an evaluation tree `eval_results/` and an agent
tree `state/runs/`, both `<repo>/<agent>/<model>/<timestamp>/<item_id>/`, plus
one legacy flat run `state/runs/<run_id>/<item_id>/`.

## What a load gives

Loading this folder gives **0 rejected records**. Files: 129 loaded, 9
skipped (`README.md` as `unrecognised_content`; `prompt.json`, `task.txt`,
`diff_targets.json`, `trae_stdout.txt`, `trae_stderr.txt`, `test_stdout.txt`,
`test_stderr.txt` and `state/.pass_at_k_vllm_core-0003_s2_x7.json` by the
ISO-Bench skip list).

| Raw table | Rows | Of which |
|---|---|---|
| `isobench__run_summaries` | 45 | 26 stage 2 (eval tree), 19 stage 1 (18 agent tree + 1 flat) |
| `isobench__test_results` | 26 | |
| `isobench__journals` | 20 | 18 hierarchical, 2 flat |
| `isobench__patches` | 18 | 1 empty (`is_empty`), 1 flat |
| `isobench__predictions` | 8 | claude_code and codex items |
| `isobench__trajectories` | 11 | trae items, 1 flat |
| `isobench__evaluation_reports` | 1 | naive `generated_at` |
| `isobench__evaluation_reports__runs` | 4 | reference values, not derived from this sample |

Parse flags: `utf8_replaced` on 1 test result (item 15, a 0xFF byte in
`stdout`) and 1 patch (item 7); `identity_from_content` on the flat run's 2
journals, 1 run summary, 1 patch and 1 trajectory; `identity_incomplete` on
the flat journal without `run_metadata`, the flat patch and the flat
trajectory. No other flags and no unknown fields.

## Attempts (27 evaluated item folders, 26 grid cells)

| # | Run folder | Item | Commit | Evaluator status | Speedup | ISO-06 category |
|---|---|---|---|---|---|---|
| 1 | vllm/trae/gpt-5/2025-11-14_21-05-32 | vllm_core-0000 | A | success | 1.2 | SUCCESS_IMPROVEMENT |
| 2 | same | vllm_core-0001 | B | success | 1.02 (`improvement` true) | SUCCESS_NEUTRAL |
| 3 | same | vllm_core-0002 | C | success | 0.9 | SUCCESS_REGRESSION |
| 4 | same | vllm_core-0003 | D | no_test | | NO_TEST_SCRIPT |
| 5 | same | vllm_core-0004 | E | baseline_failed | | TEST_IMPORT_ERROR (`vllm._C`) |
| 6 | same | vllm_core-0005 | F | no_patch | | AGENT_NO_PATCH (agent error, empty patch) |
| 7 | same | vllm_core-0006 | G | no_patch | | PATCH_INVALID (patch written, not applied) |
| 8 | vllm/trae/claude-sonnet-45/2025-11-27_15-42-14 | vllm_bedrock_sonnet45-0013 | A | success | 1.1 | SUCCESS_IMPROVEMENT |
| 9 | same | vllm_bedrock_sonnet45-0014 | H | error | | GIT_WORKTREE_FAILED |
| 10 | same | vllm_bedrock_sonnet45-0015 | D | no_patch | | AGENT_TIMEOUT |
| 11 | vllm/claude_code/default/2025-12-22_20-31-26 | vllm_core-0000 | B | success | 1.06 | SUCCESS_IMPROVEMENT |
| 12 | same | vllm_core-0001 | C | patch_failed | | PATCH_APPLY_FAILED |
| 13 | vllm/claude_code/default/2025-12-22_20-32-40 | vllm_core-0000 | B | error | | BASELINE_TYPE_ERROR |
| 14 | sglang/codex/gpt-5/389be848 | sglang_core-0009 | S1 | timeout | | EVAL_TIMEOUT |
| 15 | same | sglang_core-0052 | S2 | success | 0.99 | SUCCESS_NEUTRAL |
| 16 | same | sglang_core-0061 | S3 | success | (no timings) | UNKNOWN |
| 17 | sglang/claude_code/default/2025-12-23_06-28-44 | sglang_001_09deb20d | S1 | baseline_failed | | OPT_PATH_NOT_HIT |
| 18 | sglang/trae/gpt-5-2025-08-07/2025-12-23_07-54-45 | sglang_core-0000 | S3 | error | | EVAL_ERROR_OTHER |
| 19 | sglang/claude_code/default/2025-12-23_06-28-44 | sglang_029_6cb00c63 | S2 | baseline_failed | | TARGET_NOT_RESOLVED |
| 20 | vllm/codex/gpt-5/2025-12-24_09-00-00 | vllm_core-0020 | I0 | error | | BASELINE_OOM |
| 21 | same | vllm_core-0021 | I1 | error | | BASELINE_CUDA_ERROR |
| 22 | same | vllm_core-0022 | I2 | error | | BASELINE_IMPORT_ERROR (`transformers`) |
| 23 | same | vllm_core-0023 | I3 | error | | BASELINE_ATTRIBUTE_ERROR |
| 24 | same | vllm_core-0024 | I4 | error | | BASELINE_RUNTIME_ERROR |
| 25 | same | vllm_core-0025 | I5 | error | | BASELINE_ASSERTION |
| 26 | same | vllm_core-0026 | I6 | error | | BASELINE_EXCEPTION |
| 27 | same | vllm_core-0027 | I7 | error | | BASELINE_UNKNOWN |

Every category of the seed `isobench_outcome_categories` occurs at least
once; `sample_outcome_counts()` gives the count per category by construction
(each attempt declares the category it was written to produce). Items 20 to
27 (`Baseline test failed to produce output`, one ISO-07 sub-category each
from the last line of `stderr`) have only their evaluation files.

Evaluator statuses: 11 error, 7 success, 3 no_patch, 3 baseline_failed,
1 no_test, 1 patch_failed, 1 timeout. Speedup bands (±5%) of the 6 measured
speedups: 3 improved (1.2, 1.1, 1.06), 2 neutral (1.02, 0.99), 1 regressed
(0.9); `improvement` is true for 4 of them (> 1.0).

Model attribution (`model_canonical`): items 11 to 13, 17 and 19 have a
`prediction.jsonl` naming `claude-sonnet-4-5-20250929` (so claude_code
`default` becomes `claude-sonnet-45`); the trajectories of run 2 (items 8 to
10) name the Bedrock id `us.anthropic.claude-sonnet-4-5-20250929-v1:0`; run
1's and the flat run's trajectories name `gpt-5-2025-08-07`; codex
predictions name `gpt-5`.

Grid cells: items 11 and 13 are the same cell (vllm, B, claude_code,
claude-sonnet-45) in two runs one minute apart; ISO-16 selects item 11 (13
failed on the evaluator's side although it is later). Every other item is
its own cell. Commit A appears as `vllm_core-0000` (run 1) and
`vllm_bedrock_sonnet45-0013` (run 2); `vllm_core-0000` names commit A, B and
S3 in different runs.

## Quirks of isobench.md section 6, where they occur

| Quirk | Where |
|---|---|
| `meta.repo` = `sglan` | items 17 and 18 (eval summaries) and the agent-tree summaries of 17 and 19; the agent tree of that claude_code run is itself under `state/runs/sglan/` (as upstream), so its path repo is `sglan` |
| claude_code `meta.model` = `gpt-5` under `default/` | items 11, 12, 13, 17, 19 (all their summaries) |
| `meta.model` = `gpt-5` under `gpt-5-2025-08-07/` | item 18 |
| `improvement` uses > 1.0 | item 2 (1.02, true) and item 15 (0.99, false) |
| `no_patch` mixes nothing produced and did not apply | items 6 and 10 (`patch_generated` false) and 7 (true) |
| `baseline_output` is an error document | items 5, 17, 19 |
| same item id in several runs, numbering differs | see grid cells above |
| `commits.human` with 8 hex | item 18 |
| `meta.timestamp` names another run | item 13 (names run 11's folder; `_sources` point there) |
| two layouts, two timestamp styles | flat run `state/runs/sglang_core-7f3e9a21/`; hash run `389be848` |
| absolute runner paths | every `_sources` and `metadata.*_path` |
| many nulls | `duration_s`, speedups, `time_to_first_edit_s` |
| `patch_stats` approximate | item 1: summary says 19 lines added, the patch has 18 |
| `generated_at` without time zone | `eval_results/evaluation_report.json` |

Items without some files (as in the real data): item 18 has only its
evaluation `run_summary.json` (no test results, no agent tree); item 19 has
no evaluation `run_summary.json`; item 10 has no `model_patch.diff`; the flat
item `sglang_002_1a2b3c4d` has only a journal without `run_metadata`.
"""  # noqa: E501
