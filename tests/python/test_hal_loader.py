"""HAL loader: every bad input of shared/formats/hal.md section 7, and streaming."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import Warehouse

import loaders.formats.hal as hal
from loaders.pipeline import LoadError
from loaders.synth.hal import (
    COLBENCH_RUN,
    ENVELOPE,
    TAU_RUN,
    colbench_upload,
    metrics_csv,
    tau_upload,
    write_sample,
    write_upload,
)

UPLOAD = f"results/taubench_airline/{TAU_RUN}/{TAU_RUN}_UPLOAD.json"
V2_UPLOAD = f"results/colbench/{COLBENCH_RUN}/{COLBENCH_RUN}_UPLOAD.json"
METRICS = "hal-analysis/data/cleaned_all_metrics.csv"
CHILD_TABLES = (
    "hal__uploads__task_outcomes",
    "hal__uploads__eval_results",
    "hal__uploads__latencies",
    "hal__uploads__usage",
    "hal__uploads__calls",
    "hal__uploads__task_logs",
    "hal__uploads__task_maps",
)
HEADER = (
    "agent_name,benchmark_name,date,run_id,agent_args,run_command,"
    "agent_name_short,model_name_short,accuracy,total_cost,latencies_per_task,"
    "mean_latency\n"
)
ROW = (
    "TAU-bench FewShot (gpt-4.1-2025-04-14),taubench_airline,2025-05-03,"
    "run_a_1746264034,{'model_name': 'gpt-4.1-2025-04-14'},hal-eval x,"
    'TAU-bench FewShot,gpt-4.1-2025-04-14,0.5,0.035646,"[41.5, 0.0, 0.0, 0.0]",10.375\n'
)


@pytest.fixture(autouse=True)
def _seen_is_loaded_plus_rejected(warehouse):
    """After every test: per file, records seen = loaded + rejected, counted in rows."""
    yield
    if not warehouse.db.exists():
        return
    assert warehouse.reconciles()
    mismatched = warehouse.query(
        """
        select loads.source_file, loads.records_loaded, count(rows._record_id)
        from raw._loads as loads
        left join (
            select _load_id, _source_file, _record_id from raw.hal__uploads
            union all
            select _load_id, _source_file, _record_id from raw.hal__cleaned_metrics
        ) as rows
            on rows._load_id = loads.load_id and rows._source_file = loads.source_file
        where loads.source_system = 'hal'
        group by all
        having loads.records_loaded <> count(rows._record_id)
        """
    )
    assert mismatched == []


def dumps(document: object) -> str:
    """An upload as the harness writes it (Python json, NaN allowed)."""
    return json.dumps(document, indent=2)


def row_counts(warehouse) -> dict[str, int]:
    """Rows in the upload table and every child table."""
    return {
        table: warehouse.scalar(f"select count(*) from raw.{table}")
        for table in ("hal__uploads", *CHILD_TABLES)
    }


def only_reject(warehouse) -> tuple[str, int, str, str]:
    """The single reject of a test: (file, line, code, reason)."""
    rejected = warehouse.rejected()
    assert len(rejected) == 1, rejected
    return rejected[0]


def load_status(warehouse, source_file: str) -> tuple:
    """(format, status, skip_reason, loaded, rejected) of one file's _loads row."""
    rows = warehouse.query(
        "select format, status, skip_reason, records_loaded, records_rejected "
        "from raw._loads where source_file = ?",
        [source_file],
    )
    assert len(rows) == 1, rows
    return rows[0]


# --- the two examples ----------------------------------------------------------


def test_calls_v1_example_lands_upload_and_children(warehouse):
    warehouse.write(UPLOAD, dumps(tau_upload()))
    warehouse.load()
    assert warehouse.query(
        "select config__run_id, logging_shape, results__accuracy, total_cost, "
        "config__date, _flags, _unknown_fields, _source_line, _source_pointer "
        "from raw.hal__uploads"
    ) == [
        (
            TAU_RUN,
            "calls_v1",
            0.5,
            0.035646,
            date(2025, 5, 3),
            [],
            [],
            1,
            "",
        )
    ]
    assert row_counts(warehouse) == {
        "hal__uploads": 1,
        "hal__uploads__task_outcomes": 4,
        "hal__uploads__eval_results": 4,
        "hal__uploads__latencies": 4,
        "hal__uploads__usage": 1,
        "hal__uploads__calls": 5,
        "hal__uploads__task_logs": 0,
        "hal__uploads__task_maps": 0,
    }
    assert warehouse.query(
        "select task_id, count(*), sum(prompt_tokens), sum(completion_tokens), "
        "sum(latency_ms) from raw.hal__uploads__calls group by task_id order by task_id"
    ) == [
        ("0", 2, 6402, 208, 6144),
        ("1", 1, 2890, 95, 2481),
        ("2", 1, 3100, 210, 3512),
        ("3", 1, 2975, 101, 2243),
    ]
    assert warehouse.query(
        "select task_id, outcome from raw.hal__uploads__task_outcomes order by 1"
    ) == [("0", "failed"), ("1", "successful"), ("2", "failed"), ("3", "successful")]
    assert warehouse.query(
        "select task_id, reward from raw.hal__uploads__eval_results order by 1"
    ) == [("0", 0.0), ("1", 1.0), ("2", 0.0), ("3", 1.0)]
    assert (
        warehouse.scalar(
            "select total_time_seconds from raw.hal__uploads__latencies "
            "where task_id = '0'"
        )
        == 41.5
    )
    raw = json.loads(warehouse.scalar("select _raw from raw.hal__uploads"))
    assert "raw_logging_results" not in raw
    assert "raw_eval_results" not in raw
    assert "latencies" not in raw["results"]
    assert json.loads(
        warehouse.scalar("select results_json from raw.hal__uploads")
    ) == {
        "accuracy": 0.5,
        "successful_tasks": ["1", "3"],
        "failed_tasks": ["0", "2"],
        "total_cost": 0.035646,
    }
    call = json.loads(
        warehouse.scalar(
            "select _raw from raw.hal__uploads__calls "
            "where _source_pointer = '/raw_logging_results/1'"
        )
    )
    assert call["inputs"]["messages"][0]["content"] == "It is HX9QP2."
    assert warehouse.reconciles()


def test_per_task_v2_example_lands_task_logs_calls_and_maps(warehouse):
    warehouse.write(V2_UPLOAD, dumps(colbench_upload()))
    warehouse.load()
    assert warehouse.query(
        "select logging_shape, results__average_correctness, results__accuracy "
        "from raw.hal__uploads"
    ) == [("per_task_v2", 0.5, None)]
    assert warehouse.query(
        "select task_id, model, call_count, json_array_length(messages) "
        "from raw.hal__uploads__task_logs order by task_id"
    ) == [
        ("0", "openai/o4-mini-2025-04-16", 2, 4),
        ("1", "openai/o4-mini-2025-04-16", 1, 2),
        ("2", "openai/o4-mini-2025-04-16", 2, 4),
    ]
    calls = warehouse.query(
        "select calls.task_id, calls._list_index, prompt_tokens, completion_tokens, "
        "calls._parent_id = logs._record_id "
        "from raw.hal__uploads__calls as calls "
        "join raw.hal__uploads__task_logs as logs "
        "on calls._parent_id = logs._record_id "
        "order by 1, 2"
    )
    assert calls == [
        ("0", 0, 1800, 420, True),
        ("0", 1, 2600, 510, True),
        ("1", 0, 2100, 380, True),
        ("2", 0, 1950, 300, True),
        ("2", 1, 2750, 450, True),
    ]
    assert (
        warehouse.scalar("select sum(prompt_tokens) from raw.hal__uploads__calls")
        == 11200
    )
    assert warehouse.query(
        "select map_name, count(*) from raw.hal__uploads__task_maps "
        "group by 1 order by 1"
    ) == [("task_prompts", 3), ("wall_clock_times", 3)]
    assert warehouse.query(
        "select model, prompt_tokens, cache_read_input_tokens "
        "from raw.hal__uploads__usage"
    ) == [("o4-mini-2025-04-16", 11200, 0)]
    assert json.loads(
        warehouse.scalar(
            "select _raw from raw.hal__uploads__task_logs where task_id = '0'"
        )
    ) == {"model": "openai/o4-mini-2025-04-16", "call_count": 2}
    assert warehouse.reconciles()


@pytest.mark.parametrize(
    ("value", "shape"),
    [("[]", "empty"), ("{}", "empty"), ("null", "absent"), (None, "absent")],
)
def test_empty_and_absent_logging_shapes(warehouse, value, shape):
    document = tau_upload()
    del document["raw_logging_results"]
    text = dumps(document)
    if value is not None:
        text = text[:-2] + f',\n  "raw_logging_results": {value}\n}}'
    warehouse.write(UPLOAD, text)
    warehouse.load()
    assert warehouse.query("select logging_shape, _flags from raw.hal__uploads") == [
        (shape, [])
    ]
    assert warehouse.scalar("select count(*) from raw.hal__uploads__calls") == 0


# --- section 7, one case each ------------------------------------------------------


def test_encrypted_envelope_is_rejected_with_hal_decrypt_hint(warehouse):
    warehouse.write("traces/taubench_airline_1746264034.json", json.dumps(ENVELOPE))
    warehouse.load()
    source_file, line, code, reason = only_reject(warehouse)
    assert (source_file, line, code) == (
        "traces/taubench_airline_1746264034.json",
        1,
        "encrypted_envelope",
    )
    assert "hal-decrypt" in reason
    assert load_status(warehouse, source_file) == (
        "hal.encrypted",
        "rejected",
        None,
        0,
        1,
    )
    assert warehouse.reconciles()


@pytest.mark.parametrize("batch_rows", [1, hal.BATCH_ROWS])
def test_upload_cut_inside_raw_logging_results_lands_nothing(
    warehouse, monkeypatch, batch_rows
):
    monkeypatch.setattr(hal, "BATCH_ROWS", batch_rows)
    text = dumps(tau_upload())
    cut = text.index('"It is HX9QP2."') + 5
    warehouse.write(UPLOAD, text[:cut])
    warehouse.write("results/other/b_UPLOAD.json", dumps(colbench_upload()))
    warehouse.load()
    source_file, _, code, reason = only_reject(warehouse)
    assert (source_file, code) == (UPLOAD, "truncated_json")
    assert reason == (
        f"not valid JSON: the file ends after {cut} bytes, "
        "inside /raw_logging_results/1"
    )
    for table in ("hal__uploads", *CHILD_TABLES):
        assert (
            warehouse.scalar(
                f"select count(*) from raw.{table} where _source_file = ?", [UPLOAD]
            )
            == 0
        ), table
    assert warehouse.scalar("select count(*) from raw.hal__uploads") == 1
    assert load_status(warehouse, UPLOAD) == ("hal.upload", "rejected", None, 0, 1)
    assert warehouse.reconciles()


def test_upload_whose_top_level_is_an_array_is_not_an_object(warehouse):
    warehouse.write(UPLOAD, json.dumps([tau_upload()]))
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "not_an_object"
    assert reason == "not an object: the record is a JSON array, expected an object"


def test_test_fixture_shape_misses_config_run_id(warehouse):
    fixture = {"metadata": {"run": 1}, "config": {}, "results": {"costs": {"a": 1}}}
    warehouse.write("tests/fixture.json", json.dumps(fixture))
    warehouse.load()
    source_file, _, code, reason = only_reject(warehouse)
    assert (source_file, code) == ("tests/fixture.json", "missing_required_field")
    assert reason == "missing required field /config/run_id: the key is absent"
    assert json.loads(warehouse.scalar("select raw_text from raw._rejected")) == fixture


def test_numeric_run_id_is_wrong_type(warehouse):
    document = tau_upload()
    document["config"]["run_id"] = 1746264034
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "wrong_type"
    assert reason.startswith("wrong type at /config/run_id: expected a string")
    assert row_counts(warehouse)["hal__uploads__calls"] == 0


def test_upload_name_with_config_but_no_results_misses_results(warehouse):
    document = tau_upload()
    del document["results"]
    warehouse.write("runs/x_UPLOAD.json", dumps(document))
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "missing_required_field"
    assert reason == "missing required field /results: the key is absent"
    assert sum(row_counts(warehouse).values()) == 0


def test_string_raw_logging_results_is_invalid_shape(warehouse):
    document = tau_upload()
    document["raw_logging_results"] = "see weave"
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.query("select logging_shape, _flags from raw.hal__uploads") == [
        ("invalid", ["wrong_type:/raw_logging_results"])
    ]
    assert warehouse.scalar("select count(*) from raw.hal__uploads__calls") == 0
    assert warehouse.rejected() == []


def test_plain_number_latencies_are_flagged(warehouse):
    document = tau_upload()
    document["results"]["latencies"] = {"0": 41.5, "1": 0}
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.scalar("select _flags from raw.hal__uploads") == [
        "latency_plain_number"
    ]
    assert warehouse.query(
        "select task_id, first_call_at, total_time_seconds, _flags "
        "from raw.hal__uploads__latencies order by task_id"
    ) == [
        ("0", None, 41.5, ["latency_plain_number"]),
        ("1", None, 0.0, ["latency_plain_number"]),
    ]


def test_nan_accuracy_lands_null_with_flag(warehouse):
    document = tau_upload()
    document["results"]["accuracy"] = float("nan")
    warehouse.write(UPLOAD, dumps(document))
    assert '"accuracy": NaN' in dumps(document)
    warehouse.load()
    assert warehouse.query(
        "select results__accuracy, _flags from raw.hal__uploads"
    ) == [(None, ["nonfinite_number"])]


def test_integer_task_ids_become_strings(warehouse):
    document = tau_upload()
    document["results"]["successful_tasks"] = [0, 3]
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.query(
        "select task_id, outcome from raw.hal__uploads__task_outcomes "
        "where outcome = 'successful' order by _list_index"
    ) == [("0", "successful"), ("3", "successful")]


def test_v1_call_without_task_id_is_flagged(warehouse):
    document = tau_upload()
    call = document["raw_logging_results"][2]
    del call["weave_task_id"]
    call["attributes"] = {}
    document["raw_logging_results"][3].pop("weave_task_id")
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.query(
        "select _list_index, task_id, _flags from raw.hal__uploads__calls "
        "where _list_index in (2, 3) order by 1"
    ) == [(2, None, ["call_without_task"]), (3, "2", [])]


def test_unknown_top_level_key_is_listed(warehouse):
    document = tau_upload()
    document["reliability_metrics"] = {"consistency": 0.9}
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.scalar("select _unknown_fields from raw.hal__uploads") == [
        "/reliability_metrics"
    ]
    raw = json.loads(warehouse.scalar("select _raw from raw.hal__uploads"))
    assert raw["reliability_metrics"] == {"consistency": 0.9}


def test_non_utf8_bytes_in_a_message_are_replaced_and_flagged(warehouse):
    data = dumps(tau_upload()).encode("utf-8")
    data = data.replace(b"It is HX9QP2.", b"It is HX9\xff\xfeQP2.")
    warehouse.write(UPLOAD, data)
    warehouse.load()
    assert warehouse.scalar("select _flags from raw.hal__uploads") == ["utf8_replaced"]
    rows = warehouse.query(
        "select _list_index, _flags, "
        "json_extract_string(_raw, '$.inputs.messages[0].content') "
        "from raw.hal__uploads__calls where _flags <> [] order by 1"
    )
    assert rows == [(1, ["utf8_replaced"], "It is HX9\ufffd\ufffdQP2.")]


def test_raw_grader_output_beside_the_upload_is_skipped(warehouse):
    grader = f"results/taubench_airline/{TAU_RUN}/{TAU_RUN}.json"
    warehouse.write(UPLOAD, dumps(tau_upload()))
    warehouse.write(grader, json.dumps({"0": {"reward": 0.0}, "1": {"reward": 1.0}}))
    warehouse.load()
    assert load_status(warehouse, grader) == (
        None,
        "skipped",
        "unrecognised_content",
        0,
        0,
    )
    assert load_status(warehouse, UPLOAD)[:2] == ("hal.upload", "loaded")


def test_csv_header_without_accuracy_rejects_the_file(warehouse):
    header = HEADER.replace("accuracy,", "")
    row = ROW.replace("0.5,0.035646", "0.035646")
    warehouse.write(METRICS, header + row)
    warehouse.load()
    source_file, line, code, reason = only_reject(warehouse)
    assert (source_file, line, code) == (METRICS, 1, "bad_header")
    assert reason.startswith(
        "bad header: the CSV header lacks the required column(s) accuracy; found "
    )
    assert warehouse.scalar("select count(*) from raw.hal__cleaned_metrics") == 0
    assert load_status(warehouse, METRICS) == (
        "hal.cleaned_metrics",
        "rejected",
        None,
        0,
        1,
    )


def test_csv_row_with_fewer_fields_is_rejected_alone(warehouse):
    short = ROW.replace(',"[41.5, 0.0, 0.0, 0.0]",10.375', "")
    warehouse.write(METRICS, HEADER + ROW + short + ROW.replace("run_a_", "run_b_"))
    warehouse.load()
    source_file, line, code, reason = only_reject(warehouse)
    assert (source_file, line, code) == (METRICS, 3, "unparseable_line")
    assert reason == "unparseable line: the header has 12 fields, this row has 10"
    assert warehouse.scalar("select raw_text from raw._rejected") == short[:-1]
    assert warehouse.query(
        "select _source_line, run_id from raw.hal__cleaned_metrics order by 1"
    ) == [(2, "run_a_1746264034"), (4, "run_b_1746264034")]
    assert load_status(warehouse, METRICS) == (
        "hal.cleaned_metrics",
        "partially_rejected",
        None,
        2,
        1,
    )
    assert warehouse.reconciles()


def test_csv_agent_args_that_is_not_a_literal_is_wrong_type(warehouse):
    bad = ROW.replace("{'model_name': 'gpt-4.1-2025-04-14'}", "{'model_name': gpt-4}")
    warehouse.write(METRICS, HEADER + bad + ROW.replace("run_a_", "run_b_"))
    warehouse.load()
    _, line, code, reason = only_reject(warehouse)
    assert (line, code) == (2, "wrong_type")
    assert reason == (
        "wrong type at /agent_args: expected an object, "
        "found varchar \"{'model_name': gpt-4}\""
    )
    assert warehouse.scalar("select raw_text from raw._rejected") == bad[:-1]
    assert warehouse.scalar("select count(*) from raw.hal__cleaned_metrics") == 1


def test_csv_empty_latency_list_and_mean(warehouse):
    row = ROW.replace('"[41.5, 0.0, 0.0, 0.0]",10.375', "[],")
    warehouse.write(METRICS, HEADER + row)
    warehouse.load()
    assert warehouse.query(
        "select latency_count, mean_latency, latencies_per_task_json "
        "from raw.hal__cleaned_metrics"
    ) == [(0, None, "[]")]


def test_csv_mean_latency_disagreeing_with_its_list_still_loads(warehouse):
    # The mean_latency_mismatch flag is a staging column (formats/README.md:
    # cross-field consistency flags are staging work); the loader keeps both.
    row = ROW.replace(",10.375", ",16.0")
    warehouse.write(METRICS, HEADER + row)
    warehouse.load()
    assert warehouse.query(
        "select mean_latency, latencies_per_task_json, latency_count, _flags "
        "from raw.hal__cleaned_metrics"
    ) == [(16.0, "[41.5,0.0,0.0,0.0]", 4, [])]


def test_csv_quoted_newline_keeps_one_record_on_its_first_line(warehouse):
    multiline = ROW.replace("hal-eval x", '"hal-eval \\\n  --benchmark x"')
    warehouse.write(METRICS, HEADER + multiline + ROW.replace("run_a_", "run_b_"))
    warehouse.load()
    assert warehouse.query(
        "select _source_line, run_command from raw.hal__cleaned_metrics order by 1"
    ) == [(2, "hal-eval \\\n  --benchmark x"), (4, "hal-eval x")]
    assert warehouse.rejected() == []


def test_loading_unchanged_files_again_adds_no_rows(warehouse):
    write_sample(warehouse.root)
    warehouse.load()
    tables = [
        row[0]
        for row in warehouse.query(
            "select table_name from duckdb_tables() where schema_name = 'raw'"
        )
    ]
    before = {t: warehouse.scalar(f"select count(*) from raw.{t}") for t in tables}
    summary = warehouse.load()
    after = {t: warehouse.scalar(f"select count(*) from raw.{t}") for t in tables}
    assert after == before
    assert summary.files_unchanged == summary.files
    assert before["hal__uploads__calls"] > 0


# --- recognition, shapes, robustness --------------------------------------------------


def test_decrypted_upload_under_another_name_is_recognised_by_content(warehouse):
    warehouse.write("traces/taubench_airline_1746264034.json", dumps(tau_upload()))
    warehouse.write("traces/notes.json", json.dumps({"config": "x", "results": {}}))
    warehouse.load()
    assert load_status(warehouse, "traces/taubench_airline_1746264034.json")[:2] == (
        "hal.upload",
        "loaded",
    )
    assert load_status(warehouse, "traces/notes.json")[1:3] == (
        "skipped",
        "unrecognised_content",
    )


def test_zip_archives_and_wall_clock_times_are_skipped(warehouse):
    warehouse.write("traces/a.zip", b"PK\x03\x04")
    warehouse.write(f"results/b/{TAU_RUN}/{TAU_RUN}_WALL_CLOCK_TIMES.jsonl", "{}\n")
    warehouse.load()
    assert load_status(warehouse, "traces/a.zip")[1:3] == (
        "skipped",
        "archive_not_supported",
    )
    assert load_status(
        warehouse, f"results/b/{TAU_RUN}/{TAU_RUN}_WALL_CLOCK_TIMES.jsonl"
    )[1:3] == ("skipped", "wall_clock_times_in_upload")


def test_v1_element_that_is_not_an_object_is_skipped_and_flagged(warehouse):
    document = tau_upload()
    document["raw_logging_results"].insert(1, "lost call")
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.scalar("select _flags from raw.hal__uploads") == [
        "wrong_type:/raw_logging_results/1"
    ]
    assert warehouse.query(
        "select _list_index from raw.hal__uploads__calls order by 1"
    ) == [(0,), (2,), (3,), (4,), (5,)]


def test_invalid_json_inside_a_call_rejects_the_upload_at_its_pointer(warehouse):
    text = dumps(tau_upload()).replace('"exception": null', '"exception": nul', 1)
    warehouse.write(UPLOAD, text)
    warehouse.load()
    _, _, code, reason = only_reject(warehouse)
    assert code == "invalid_json"
    assert reason.startswith("not valid JSON: Expecting value at line")
    assert reason.endswith("inside /raw_logging_results/0")
    assert sum(row_counts(warehouse).values()) == 0


def test_raw_eval_results_eval_log_header_lands_whole(warehouse):
    document = tau_upload()
    document["raw_eval_results"] = {"version": 2, "status": "success", "eval": {}}
    warehouse.write(UPLOAD, dumps(document))
    warehouse.load()
    assert warehouse.query(
        "select raw_eval_results_json, _flags, _unknown_fields from raw.hal__uploads"
    ) == [
        (
            '{"version":2,"status":"success","eval":{}}',
            ["raw_eval_results_not_per_task"],
            [],
        )
    ]
    assert warehouse.scalar("select count(*) from raw.hal__uploads__eval_results") == 0


@pytest.mark.parametrize("make", [tau_upload, colbench_upload])
def test_tiny_read_chunks_give_the_same_rows(tmp_path, make, monkeypatch):
    def landed(chunk: int, name: str) -> list:
        monkeypatch.setattr(hal, "CHUNK_BYTES", chunk)
        monkeypatch.setattr(hal, "BATCH_ROWS", 2)
        base = tmp_path / name
        base.mkdir()
        house = Warehouse(base)
        house.write("a_UPLOAD.json", dumps(make()))
        house.load()
        return [
            house.query(
                f"select * exclude (_load_id, _loaded_at) from raw.{table} "
                "order by _record_id"
            )
            for table in ("hal__uploads", *CHILD_TABLES)
        ]

    assert landed(7, "tiny") == landed(1 << 20, "large")


def test_large_upload_is_recognised_from_its_prefix(warehouse, monkeypatch):
    monkeypatch.setattr("loaders.pipeline.FULL_SNIFF_LIMIT", 1000)
    monkeypatch.setattr(hal, "FULL_SNIFF_LIMIT", 1000)
    monkeypatch.setattr("loaders.registry.PREFIX_SNIFF_BYTES", 600)
    monkeypatch.setattr(hal, "PREFIX_SNIFF_BYTES", 600)
    envelope = {"encrypted_data": "x" * 5000, "salt": "abc"}
    warehouse.write("traces/big.json", json.dumps(envelope))
    write_upload(
        warehouse.root / "traces" / "copy.json",
        n_tasks=3,
        calls_per_task=2,
        seed=1,
        shape="calls_v1",
    )
    warehouse.load()
    assert load_status(warehouse, "traces/big.json")[:2] == (
        "hal.encrypted",
        "rejected",
    )
    assert load_status(warehouse, "traces/copy.json")[:2] == ("hal.upload", "loaded")
    assert warehouse.scalar("select count(*) from raw.hal__uploads__calls") == 6


@pytest.mark.parametrize("shape", ["calls_v1", "per_task_v2"])
def test_write_upload_streams_a_loadable_upload(warehouse, shape):
    write_upload(
        warehouse.root / "big_UPLOAD.json",
        n_tasks=4,
        calls_per_task=3,
        seed=3,
        shape=shape,
    )
    warehouse.load()
    assert warehouse.query("select logging_shape from raw.hal__uploads") == [(shape,)]
    assert warehouse.scalar("select count(*) from raw.hal__uploads__calls") == 12
    assert (
        warehouse.scalar(
            "select count(*) from raw.hal__uploads__calls where task_id is null"
        )
        == 0
    )


def _streamed_counts(warehouse: Warehouse) -> dict[str, int]:
    return {
        table: warehouse.scalar(f"select count(*) from raw.{table}")
        for table in hal.STREAMED_TABLES
    }


@pytest.mark.parametrize("shape", ["calls_v1", "per_task_v2"])
def test_large_upload_committed_in_pieces_lands_the_same_rows(
    tmp_path, monkeypatch, shape
):
    counts = []
    for piecewise in (False, True):
        base = tmp_path / str(piecewise)
        base.mkdir()
        warehouse = Warehouse(base)
        write_upload(
            warehouse.root / "big_UPLOAD.json",
            n_tasks=5,
            calls_per_task=3,
            seed=3,
            shape=shape,
        )
        if piecewise:
            monkeypatch.setattr(hal, "FULL_SNIFF_LIMIT", 0)
            monkeypatch.setattr(hal, "BATCH_ROWS", 2)
        warehouse.load()
        assert warehouse.reconciles()
        counts.append(_streamed_counts(warehouse))
    assert counts[0] == counts[1]
    assert sum(counts[0].values()) > 0


def test_interrupted_piecewise_load_is_cleaned_by_the_next_load(warehouse, monkeypatch):
    write_upload(
        warehouse.root / "big_UPLOAD.json",
        n_tasks=4,
        calls_per_task=3,
        seed=3,
        shape="calls_v1",
    )
    monkeypatch.setattr(hal, "FULL_SNIFF_LIMIT", 0)
    monkeypatch.setattr(hal, "BATCH_ROWS", 2)
    flush = hal._ElementBatches.flush
    flushes = []

    def crash_on_second_flush(self: hal._ElementBatches) -> None:
        flush(self)
        flushes.append(self.rows)
        if len(flushes) == 2:
            raise RuntimeError("killed")

    with monkeypatch.context() as patched:
        patched.setattr(hal._ElementBatches, "flush", crash_on_second_flush)
        with pytest.raises(LoadError, match=r"big_UPLOAD\.json: killed"):
            warehouse.load()
    # the first piece was committed, but no load row makes it count
    assert warehouse.scalar("select count(*) from raw.hal__uploads__calls") == 2
    assert warehouse.scalar("select count(*) from raw._loads") == 0
    warehouse.load()
    assert _streamed_counts(warehouse)["hal__uploads__calls"] == 12
    assert (
        warehouse.scalar("select count(distinct _load_id) from raw.hal__uploads__calls")
        == 1
    )


def test_sample_folder_loads_as_documented(warehouse):
    write_sample(warehouse.root)
    warehouse.load()
    assert warehouse.query(
        "select format, status, count(*), sum(records_loaded), sum(records_rejected) "
        "from raw._loads group by all order by all"
    ) == [
        ("hal.cleaned_metrics", "partially_rejected", 1, 10, 1),
        ("hal.encrypted", "rejected", 1, 0, 1),
        ("hal.upload", "loaded", 6, 6, 0),
        ("hal.upload", "rejected", 1, 0, 1),
        (None, "skipped", 4, 0, 0),
    ]
    assert warehouse.query(
        "select source_file, skip_reason from raw._loads "
        "where status = 'skipped' order by 1"
    ) == [
        ("README.md", "unrecognised_content"),
        (
            f"results/colbench_backend_programming/{COLBENCH_RUN}/"
            f"{COLBENCH_RUN}_WALL_CLOCK_TIMES.jsonl",
            "wall_clock_times_in_upload",
        ),
        (f"results/taubench_airline/{TAU_RUN}/{TAU_RUN}.json", "unrecognised_content"),
        ("traces/colbench_backend_programming_1776171900.zip", "archive_not_supported"),
    ]
    assert warehouse.query(
        "select logging_shape, count(*) from raw.hal__uploads group by 1 order by 1"
    ) == [("absent", 1), ("calls_v1", 3), ("empty", 1), ("per_task_v2", 1)]
    assert warehouse.query(
        "select _source_line, _flags from raw.hal__cleaned_metrics "
        "where _flags <> [] or _source_line in (5, 8) order by 1"
    ) == [(5, []), (8, []), (9, ["model_name_short_missing"])]
    assert (
        warehouse.scalar(
            "select count(*) from raw.hal__uploads__calls "
            "where list_contains(_flags, 'call_without_task')"
        )
        == 1
    )


# --- literal parsing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "{'a': True, 'b': None, 'c': (1, 2.5)}",
            (True, {"a": True, "b": None, "c": [1, 2.5]}),
        ),
        ('{"x": "don\'t"}', (True, {"x": "don't"})),
        ("[]", (True, [])),
        ("{'agent.model.name': 'o3'}", (True, {"agent.model.name": "o3"})),
        ("{'model_name': gpt-4}", (False, None)),
        ("__import__('os').system('true')", (False, None)),
        ("b'bytes'", (False, None)),
    ],
)
def test_python_literal_never_evaluates_code(text, expected):
    assert hal.python_literal(text) == expected


def test_sample_writer_is_deterministic(tmp_path):
    write_sample(tmp_path / "a")
    write_sample(tmp_path / "b")
    files = sorted(
        p.relative_to(tmp_path / "a")
        for p in (tmp_path / "a").rglob("*")
        if p.is_file()
    )
    assert files
    for relative in files:
        assert (tmp_path / "a" / relative).read_bytes() == (
            tmp_path / "b" / relative
        ).read_bytes()
    assert metrics_csv().count("\n") == 14


def test_streamed_call_tables_share_one_layout():
    assert hal.STREAMED_TABLES[hal.CALLS] == hal.HalUpload().tables()[hal.CALLS]
    v1 = [(d.column, d.sql_type) for d in hal.CALLS_V1.derived]
    v2 = [(d.column, d.sql_type) for d in hal.CALLS_V2.derived]
    assert v1 == v2


def test_synthetic_examples_are_the_specification_examples(shared):
    text = shared("formats/hal.md").read_text()
    blocks = [
        json.loads(block.split("```")[0]) for block in text.split("```json\n")[1:]
    ]
    assert blocks == [tau_upload(), colbench_upload(), ENVELOPE]
