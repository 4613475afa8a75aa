"""HAL: upload documents, encrypted envelopes, cleaned metrics (shared/formats/hal.md).

Uploads reach hundreds of megabytes, so they are read as a byte stream: a small
tokenizer walks the top level of the document and the elements of
`raw_logging_results`, finding each value's exact bytes with regular
expressions (strings skipped whole, brackets matched). The elements are typed
in bounded batches by `records.land_elements` in a scratch in-memory DuckDB and
the finished rows are appended to the warehouse inside the file's transaction;
the rest of the document, which is small, is staged as one record without
`raw_logging_results` and landed by the spec machinery. DuckDB parses every
value, so `NaN` tokens and replaced bytes behave as in every other format. A
file that turns out broken half-way (cut off, invalid) has its streamed rows
deleted before the transaction commits, so it lands nothing but its reject.
Uploads above FULL_SNIFF_LIMIT commit their streamed rows batch by batch
(see `_ElementBatches`); those rows count only once the file's `raw._loads`
row exists.
"""

from __future__ import annotations

import ast
import codecs
import contextlib
import csv
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import duckdb
import pyarrow as pa

from loaders.discovery import FoundFile
from loaders.reading import (
    BOM,
    INCOMING,
    MAX_RAW_TEXT,
    reset_incoming,
    sha256_hex,
)
from loaders.records import (
    Check,
    ChildSpec,
    Derived,
    Field,
    Flag,
    RecordSpec,
    land,
    land_elements,
    pointer_key,
    sql_text,
    table_definitions,
)
from loaders.registry import (
    FULL_SNIFF_LIMIT,
    PREFIX_SNIFF_BYTES,
    FileContext,
    FileOutcome,
    Format,
    SkipRule,
    Sniff,
    path_matches,
)
from loaders.warehouse import CHILD_LINEAGE_COLUMNS, LINEAGE_COLUMNS, create_table_sql

SYSTEM = "hal"
UPLOADS = "hal__uploads"
CALLS = "hal__uploads__calls"
TASK_LOGS = "hal__uploads__task_logs"
METRICS = "hal__cleaned_metrics"

CHUNK_BYTES = 8 << 20
"""Bytes read from an upload at a time."""
BATCH_BYTES = 1 << 20
"""Element text sent to DuckDB at a time."""
BATCH_ROWS = 5000
"""Elements sent to DuckDB at a time."""
SCRATCH_BYTES = 16 << 20
"""Element bytes typed in one scratch DuckDB before it is replaced."""
SCRATCH_MEMORY_LIMIT = "256MB"
"""DuckDB memory limit of the scratch database that types the elements."""
LARGE_UPLOAD_SETTINGS = {"memory_limit": "512MB", "checkpoint_threshold": "1TB"}
"""Warehouse settings while a large upload loads: its rows spill to disk and
its piecewise commits write the WAL only; the checkpoint comes after."""

WHOLE_EVAL_KEY = "_raw_eval_results_whole"
"""Loader key that holds a `raw_eval_results` which is not a task map."""
EVAL_LOG_KEYS = frozenset({"status", "version", "plan", "results", "stats"})
ENVELOPE_KEYS = frozenset({"encrypted_data", "salt"})
NUMBER_TYPES = "('BIGINT', 'UBIGINT', 'DOUBLE')"
TASK_MAPS = ("task_prompts", "wall_clock_times", "task_step_counts", "task_metrics")

# --- upload record and its small children -----------------------------------


def _number_value(value: str) -> str:
    """A finite DOUBLE from a JSON number value, else NULL."""
    number = f"try_cast({value} as double)"
    return (
        f"case when json_type({value}) in {NUMBER_TYPES} "
        f"and isfinite({number}) then {number} end"
    )


def _outcomes(pointer: str, outcome: str) -> ChildSpec:
    return ChildSpec(
        table="hal__uploads__task_outcomes",
        pointer=pointer,
        element="any",
        bad_element="skip",
        fields=(Field("$", "id", "R", column="task_id"),),
        derived=(Derived("outcome", "VARCHAR", sql_text(outcome)),),
    )


def _task_map(name: str) -> ChildSpec:
    return ChildSpec(
        table="hal__uploads__task_maps",
        pointer=f"/{name}",
        shape="map",
        element="any",
        fields=(Field("$", "json", land=False, column="_value"),),
        derived=(
            Derived("map_name", "VARCHAR", sql_text(name)),
            Derived("task_id", "VARCHAR", "_key"),
            Derived("value", "JSON", "_value"),
        ),
        open_objects=("",),
    )


UPLOAD_CHILDREN = (
    _outcomes("/results/successful_tasks", "successful"),
    _outcomes("/results/failed_tasks", "failed"),
    ChildSpec(
        table="hal__uploads__eval_results",
        pointer="/raw_eval_results",
        shape="map",
        element="any",
        fields=(
            Field("$", "json", land=False, column="_value"),
            Field("/reward", "number", land=False, column="_reward"),
            Field("/score", "number", land=False, column="_score"),
        ),
        derived=(
            Derived("task_id", "VARCHAR", "_key"),
            Derived("eval_result", "JSON", "_value"),
            Derived(
                "reward", "DOUBLE", f"coalesce(_reward, {_number_value('_value')})"
            ),
            Derived("score", "DOUBLE", f"coalesce(_score, {_number_value('_value')})"),
        ),
        open_objects=("",),
    ),
    ChildSpec(
        table="hal__uploads__latencies",
        pointer="/results/latencies",
        shape="map",
        element="any",
        fields=(
            Field("$", "json", land=False, column="_value"),
            Field("/first_call_timestamp", "timestamp", land=False, column="_first"),
            Field("/last_call_timestamp", "timestamp", land=False, column="_last"),
            Field("/total_time", "number", land=False, column="_total_time"),
        ),
        derived=(
            Derived("task_id", "VARCHAR", "_key"),
            Derived("first_call_at", "TIMESTAMPTZ", "_first"),
            Derived("last_call_at", "TIMESTAMPTZ", "_last"),
            Derived(
                "total_time_seconds",
                "DOUBLE",
                f"coalesce(_total_time, {_number_value('_value')})",
            ),
        ),
        flags=(Flag("latency_plain_number", f"json_type(_value) in {NUMBER_TYPES}"),),
    ),
    ChildSpec(
        table="hal__uploads__usage",
        pointer="/total_usage",
        shape="map",
        bad_element="skip",
        fields=(
            Field("/prompt_tokens", "integer", land=False, column="_prompt"),
            Field("/completion_tokens", "integer", land=False, column="_completion"),
            Field(
                "/cache_creation_input_tokens",
                "integer",
                land=False,
                column="_cache_creation",
            ),
            Field(
                "/cache_read_input_tokens", "integer", land=False, column="_cache_read"
            ),
        ),
        derived=(
            Derived("model", "VARCHAR", "_key"),
            Derived("prompt_tokens", "BIGINT", "_prompt"),
            Derived("completion_tokens", "BIGINT", "_completion"),
            Derived("cache_creation_input_tokens", "BIGINT", "_cache_creation"),
            Derived("cache_read_input_tokens", "BIGINT", "_cache_read"),
        ),
    ),
    *(_task_map(name) for name in TASK_MAPS),
)

_PLAIN_LATENCY = (
    "json_type(_latencies) = 'OBJECT' and list_contains(list_transform("
    "map_values(cast(_latencies as map(varchar, json))), "
    f"v -> json_type(v) in {NUMBER_TYPES}), true)"
)

UPLOAD_SPEC = RecordSpec(
    system=SYSTEM,
    table=UPLOADS,
    fields=(
        Field("/config", "object", "R", land=False, column="_config"),
        Field("/config/run_id", "string", "R"),
        Field("/config/benchmark_name", "string", "R"),
        Field("/config/agent_name", "string", "R"),
        Field("/results", "object", "R", land=False, column="_results"),
        Field("/config/date", "string", land=False, column="_config_date"),
        Field("/config/agent_args", "object"),
        Field("/config/run_command", "string"),
        Field("/config/prompt_sensitivity", "boolean"),
        Field("/config/agent_version", "string"),
        Field("/results/accuracy", "number"),
        Field("/results/average_correctness", "number"),
        Field("/results/success_rate", "number"),
        Field("/results/average_score", "number"),
        Field("/results/total_cost", "number"),
        Field("/results/successful_tasks", "array", land=False, column="_successful"),
        Field("/results/failed_tasks", "array", land=False, column="_failed"),
        Field("/results/latencies", "object", land=False, column="_latencies"),
        Field("/raw_eval_results", "object", land=False, column="_raw_eval_results"),
        Field(f"/{WHOLE_EVAL_KEY}", "json", column="raw_eval_results_json"),
        Field("/task_prompts", "object", land=False, column="_task_prompts"),
        Field("/total_usage", "object", land=False, column="_total_usage"),
        Field("/total_cost", "number"),
        Field("/git_info", "object", land=False, column="_git_info"),
        Field("/git_info/commit", "string"),
        Field("/git_info/repository_url", "string"),
        Field("/git_info/branch", "string"),
        Field("/git_info/commit_timestamp", "timestamp"),
        Field("/git_info/commit_url", "string"),
        Field("/git_info/error", "string"),
        Field("/agent_hash", "string"),
        Field("/wall_clock_times", "object", land=False, column="_wall_clock_times"),
        Field("/task_step_counts", "object", land=False, column="_task_step_counts"),
        Field("/task_metrics", "object", land=False, column="_task_metrics"),
        Field("/prompt_sensitivity_metrics", "object", land=False, column="_psm"),
    ),
    derived=(
        Derived("config__date", "DATE", "try_cast(_config_date as date)"),
        Derived(
            "results_json",
            "JSON",
            "case when _results is not null then "
            """json_merge_patch(_results, '{"latencies": null}') end""",
        ),
        Derived(
            "logging_shape",
            "VARCHAR",
            "json_extract_string(_context, '$.logging_shape')",
        ),
    ),
    flags=(
        Flag("wrong_type:/raw_logging_results", "logging_shape = 'invalid'"),
        Flag("latency_plain_number", _PLAIN_LATENCY),
        Flag("raw_eval_results_not_per_task", "raw_eval_results_json is not null"),
        Flag(
            "invalid_value:/config/date",
            "_config_date is not null and config__date is null",
        ),
    ),
    known=("/raw_logging_results",),
    open_objects=("/config/agent_args", "/results", "/prompt_sensitivity_metrics"),
    raw_excludes=(
        "/raw_eval_results",
        f"/{WHOLE_EVAL_KEY}",
        "/task_prompts",
        "/results/latencies",
    ),
    identity=("/config/run_id",),
    children=UPLOAD_CHILDREN,
)

# --- streamed children: calls and task logs ----------------------------------


def _call_columns(**expressions: str) -> tuple[Derived, ...]:
    """The columns of uploads__calls, in one order for both logging shapes."""
    types = {
        "task_id": "VARCHAR",
        "call_id": "VARCHAR",
        "trace_id": "VARCHAR",
        "parent_id": "VARCHAR",
        "op_name": "VARCHAR",
        "display_name": "VARCHAR",
        "model": "VARCHAR",
        "requested_model": "VARCHAR",
        "started_at": "TIMESTAMPTZ",
        "ended_at": "TIMESTAMPTZ",
        "latency_ms": "BIGINT",
        "prompt_tokens": "BIGINT",
        "completion_tokens": "BIGINT",
        "exception": "VARCHAR",
        "usage": "JSON",
    }
    return tuple(
        Derived(name, sql_type, expressions.get(name, "null"))
        for name, sql_type in types.items()
    )


def _summed_usage(key: str) -> str:
    """Sum of one token count over the models of a v1 `summary/usage` object."""
    return (
        "case when json_type(_summary_usage) = 'OBJECT' then list_sum(list_transform("
        "map_values(cast(_summary_usage as map(varchar, json))), "
        f"v -> try_cast(json_extract(v, '$.{key}') as bigint))) end"
    )


CALLS_V1 = ChildSpec(
    table=CALLS,
    pointer="/raw_logging_results",
    bad_element="skip",
    fields=(
        Field("/weave_task_id", "id", land=False, column="_weave_task_id"),
        Field("/attributes/weave_task_id", "id", land=False, column="_attribute_task"),
        Field("/id", "string", land=False, column="_id"),
        Field("/trace_id", "string", land=False, column="_trace_id"),
        Field("/parent_id", "string", land=False, column="_parent_call"),
        Field("/op_name", "string", land=False, column="_op_name"),
        Field("/display_name", "string", land=False, column="_display_name"),
        Field("/started_at", "timestamp", land=False, column="_started_at"),
        Field("/ended_at", "timestamp", land=False, column="_ended_at"),
        Field("/created_timestamp", "timestamp", land=False, column="_created"),
        Field("/inputs/model", "string", land=False, column="_inputs_model"),
        Field("/output/model", "string", land=False, column="_output_model"),
        Field("/output/usage", "object", land=False, column="_usage"),
        Field("/output/usage/prompt_tokens", "integer", land=False, column="_prompt"),
        Field(
            "/output/usage/completion_tokens",
            "integer",
            land=False,
            column="_completion",
        ),
        Field("/output/usage/input_tokens", "integer", land=False, column="_input"),
        Field("/output/usage/output_tokens", "integer", land=False, column="_output"),
        Field("/summary/usage", "object", land=False, column="_summary_usage"),
        Field("/summary/weave/latency_ms", "integer", land=False, column="_latency_ms"),
        Field("/exception", "string", land=False, column="_exception"),
    ),
    derived=_call_columns(
        task_id="coalesce(_weave_task_id, _attribute_task)",
        call_id="_id",
        trace_id="_trace_id",
        parent_id="_parent_call",
        op_name="_op_name",
        display_name="_display_name",
        model="coalesce(_output_model, _inputs_model)",
        requested_model="_inputs_model",
        started_at="_started_at",
        ended_at="_ended_at",
        latency_ms="_latency_ms",
        prompt_tokens=f"coalesce(_prompt, _input, {_summed_usage('prompt_tokens')})",
        completion_tokens=(
            f"coalesce(_completion, _output, {_summed_usage('completion_tokens')})"
        ),
        exception="_exception",
        usage="_usage",
    ),
    flags=(Flag("call_without_task", "task_id is null"),),
    open_objects=(
        "/attributes",
        "/inputs",
        "/output",
        "/output/usage",
        "/summary",
        "/summary/usage",
        "/summary/weave",
    ),
)

CALLS_V2 = ChildSpec(
    table=CALLS,
    pointer="/call_metadata",
    bad_element="skip",
    fields=(
        Field("/usage", "object", land=False, column="_usage"),
        Field("/usage/prompt_tokens", "integer", land=False, column="_prompt"),
        Field("/usage/completion_tokens", "integer", land=False, column="_completion"),
        Field("/started_at", "timestamp", land=False, column="_started_at"),
        Field("/ended_at", "timestamp", land=False, column="_ended_at"),
    ),
    derived=_call_columns(
        task_id="json_extract_string(_context, '$.task_id')",
        started_at="_started_at",
        ended_at="_ended_at",
        prompt_tokens="_prompt",
        completion_tokens="_completion",
        usage="_usage",
    ),
    flags=(Flag("call_without_task", "task_id is null"),),
    open_objects=("/usage",),
)

TASK_LOGS_V2 = ChildSpec(
    table=TASK_LOGS,
    pointer="/raw_logging_results",
    shape="map",
    bad_element="skip",
    fields=(
        Field("/model", "string", land=False, column="_model"),
        Field("/call_count", "integer", land=False, column="_call_count"),
        Field("/messages", "array", land=False, column="_messages"),
        Field("/call_metadata", "array", land=False, column="_call_metadata"),
    ),
    derived=(
        Derived("task_id", "VARCHAR", "_key"),
        Derived("model", "VARCHAR", "_model"),
        Derived("call_count", "BIGINT", "_call_count"),
        Derived("messages", "JSON", "_messages"),
    ),
    raw_excludes=("/messages", "/call_metadata"),
    children=(CALLS_V2,),
)

STREAMED = {"calls_v1": CALLS_V1, "per_task_v2": TASK_LOGS_V2}
STREAMED_TABLES = {
    table: columns
    for table, columns in table_definitions(
        replace(UPLOAD_SPEC, children=tuple(STREAMED.values())),
        list(LINEAGE_COLUMNS),
        list(CHILD_LINEAGE_COLUMNS),
    ).items()
    if table in (CALLS, TASK_LOGS)
}

# --- reading JSON as a byte stream -------------------------------------------

QUOTE, COLON, COMMA = ord('"'), ord(":"), ord(",")
OPEN_BRACE, CLOSE_BRACE = ord("{"), ord("}")
OPEN_BRACKET, CLOSE_BRACKET = ord("["), ord("]")
CLOSERS = {OPEN_BRACE: CLOSE_BRACE, OPEN_BRACKET: CLOSE_BRACKET}

_WHITESPACE = re.compile(rb"[ \t\r\n]*")
_STRING = re.compile(rb'"(?>[^"\\]++|\\.)*+"', re.DOTALL)
_SCALAR = re.compile(rb'[^ \t\r\n,:\[\]{}"]+')
_TO_BRACKET = re.compile(
    rb'(?>[^"\[\]{}]++|"(?>[^"\\]++|\\.)*+")*+([\[\]{}])', re.DOTALL
)


def _nested(depth: int) -> bytes:
    """A pattern for one object or array nested at most `depth` deep.

    Brackets are matched by type; strings are skipped whole. Possessive and
    atomic groups keep it linear. Deeper or unfinished values do not match.
    """
    string = rb'"(?>[^"\\]++|\\.)*+"'
    pattern = b""
    for _ in range(depth):
        inner = rb'(?>[^"\[\]{}]++|' + string + (b"|" + pattern if pattern else b"")
        body = inner + b")*+"
        pattern = rb"(?:\{" + body + rb"\}|\[" + body + rb"\])"
    return pattern


_CONTAINER = re.compile(_nested(8), re.DOTALL)
_KIND_NAMES = {
    OPEN_BRACKET: "array",
    QUOTE: "string",
    ord("t"): "boolean",
    ord("f"): "boolean",
    ord("n"): "null",
}


class JsonProblem(Exception):
    """The upload is not valid JSON, or not an object: one reject reason."""

    def __init__(
        self,
        code: str,
        detail: str,
        offset: int | None = None,
        location: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.offset = offset
        self.location = location


class _Reader:
    """A buffered JSON byte stream: whitespace, strings, scalars, whole values.

    Positions are relative to the buffer; `offset` is the file offset of its
    first byte. Token reads only grow the buffer; `release` drops what was read.
    """

    def __init__(self, handle: BinaryIO, chunk: int, limit: int | None = None) -> None:
        self._handle = handle
        self._chunk = chunk
        self._left = limit
        self.buf = bytearray()
        self.pos = 0
        self.offset = 0
        self.eof = False

    def _read(self) -> bool:
        if self.eof:
            return False
        size = self._chunk if self._left is None else min(self._chunk, self._left)
        data = self._handle.read(size) if size else b""
        if not data:
            self.eof = True
            return False
        if self._left is not None:
            self._left -= len(data)
        self.buf += data
        return True

    def _drop(self, count: int) -> None:
        del self.buf[:count]
        self.offset += count
        self.pos -= count

    def release(self) -> None:
        """Forget the bytes before the current position."""
        self._drop(self.pos)

    def strip_bom(self) -> bool:
        """Skip a leading UTF-8 BOM; whether there was one."""
        while len(self.buf) < len(BOM) and self._read():
            pass
        if self.buf.startswith(BOM):
            self.pos = len(BOM)
            return True
        return False

    def peek(self) -> int | None:
        """The next byte after whitespace, or None at the end of the input."""
        while True:
            match = _WHITESPACE.match(self.buf, self.pos)
            self.pos = match.end() if match else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            self.release()
            if not self._read():
                return None

    def take(self, expected: int, what: str) -> None:
        """Consume one structural byte, or fail naming what was expected."""
        found = self.peek()
        if found is None:
            raise JsonProblem("truncated_json", f"expected {what}")
        if found != expected:
            raise self.unexpected(f"expected {what}")
        self.pos += 1

    def unexpected(self, expectation: str) -> JsonProblem:
        """An invalid_json problem at the current position."""
        char = chr(self.buf[self.pos]) if self.pos < len(self.buf) else "end"
        return JsonProblem(
            "invalid_json", f"{expectation}, found {char!r}", self.offset + self.pos
        )

    def string(self) -> bytes:
        """One string token, quotes included."""
        start = self.pos
        while True:
            match = _STRING.match(self.buf, start)
            if match is not None:
                self.pos = match.end()
                return bytes(self.buf[start : self.pos])
            if not self._read():
                raise JsonProblem("truncated_json", "inside a string")

    def scalar(self) -> bytes:
        """A number, true, false, null or a NaN/Infinity token."""
        start = self.pos
        while True:
            match = _SCALAR.match(self.buf, start)
            if match is None:
                raise self.unexpected("expected a value")
            if match.end() < len(self.buf) or not self._read():
                self.pos = match.end()
                return bytes(self.buf[start : self.pos])

    def container(self, *, keep: bool) -> bytes:
        """An object or array, brackets matched; its bytes when `keep`.

        One regular expression takes a whole value nested up to 8 deep; deeper
        or unfinished ones go bracket by bracket, reading more as needed.
        """
        whole = _CONTAINER.match(self.buf, self.pos)
        if whole is not None:
            self.pos = whole.end()
            return whole.group() if keep else b""
        start = scan = self.pos
        stack: list[int] = []
        while True:
            match = _TO_BRACKET.match(self.buf, scan)
            if match is None:
                if not keep:
                    self._drop(scan)
                    start = scan = 0
                if not self._read():
                    raise JsonProblem("truncated_json", "inside an unfinished value")
                continue
            bracket = self.buf[match.end() - 1]
            if bracket in CLOSERS:
                stack.append(CLOSERS[bracket])
            elif not stack or stack.pop() != bracket:
                self.pos = match.end() - 1
                raise self.unexpected("brackets do not match")
            scan = match.end()
            if not stack:
                self.pos = scan
                return bytes(self.buf[start:scan]) if keep else b""

    def value(self, *, keep: bool = True) -> bytes:
        """The next whole value's bytes (containers kept only when `keep`)."""
        first = self.peek()
        if first is None:
            raise JsonProblem("truncated_json", "expected a value")
        if first in CLOSERS:
            return self.container(keep=keep)
        if first == QUOTE:
            return self.string()
        return self.scalar()


def _key_text(token: bytes) -> str:
    """The text of a member-name token."""
    try:
        key = json.loads(token.decode("utf-8", "replace"))
    except json.JSONDecodeError as error:
        raise JsonProblem("invalid_json", f"bad member name: {error.msg}") from error
    return str(key)


def _decode(data: bytes) -> tuple[str, bool]:
    """Text of some bytes, and whether invalid UTF-8 was replaced."""
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace"), True


@dataclass
class _Upload:
    """The top level of an upload: its members except the streamed one."""

    members: list[tuple[str, bytes, bytes]] = field(default_factory=list)
    shape: str = "absent"
    location: str = ""


ElementSink = Callable[[str, str, int | None, str | None, bytes], None]


def _members(reader: _Reader, close: int, *, on_key: bool) -> Iterator[str | int]:
    """Walk an object's members or an array's elements, yielding key or index.

    The caller reads each value; this checks the separators around it.
    """
    index = 0
    while True:
        found = reader.peek()
        if found is None:
            raise JsonProblem("truncated_json", "expected a value")
        if found == close:
            reader.pos += 1
            return
        if on_key:
            if found != QUOTE:
                raise reader.unexpected("expected a member name")
            key = _key_text(reader.string())
            reader.take(COLON, "':' after a member name")
            yield key
        else:
            yield index
        index += 1
        reader.release()
        found = reader.peek()
        if found == COMMA:
            reader.pos += 1
        elif found == close:
            reader.pos += 1
            return
        elif found is None:
            raise JsonProblem("truncated_json", "after a value")
        else:
            raise reader.unexpected(f"expected ',' or {chr(close)!r}")


def scan_upload(reader: _Reader, sink: ElementSink, state: _Upload) -> None:
    """Read an upload's top level into `state`; stream `raw_logging_results`.

    `state.location` names where reading stopped when a problem is raised.
    """
    reader.take(OPEN_BRACE, "'{'")
    for key in _members(reader, CLOSE_BRACE, on_key=True):
        name = str(key)
        state.location = "/" + pointer_key(name)
        if name == "raw_logging_results":
            state.shape = _stream_logging(reader, state, sink)
        else:
            token = json.dumps(name, ensure_ascii=False).encode("utf-8")
            state.members.append((name, token, reader.value()))
    state.location = ""
    if reader.peek() is not None:
        raise reader.unexpected("expected the end of the file after the document")


def _stream_logging(reader: _Reader, state: _Upload, sink: ElementSink) -> str:
    """Stream `raw_logging_results`; return its logging shape."""
    first = reader.peek()
    if first not in CLOSERS:
        text = _decode(reader.value())[0]
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            raise JsonProblem(
                "invalid_json", f"not a JSON value: {error.msg}"
            ) from error
        return "absent" if text == "null" else "invalid"
    shape = "calls_v1" if first == OPEN_BRACKET else "per_task_v2"
    reader.pos += 1
    count = 0
    base = state.location
    for key in _members(reader, CLOSERS[first], on_key=first == OPEN_BRACE):
        if isinstance(key, int):
            pointer, index, name = f"{base}/{key}", key, None
        else:
            pointer, index, name = f"{base}/{pointer_key(key)}", None, key
        state.location = pointer
        sink(shape, pointer, index, name, reader.value())
        count += 1
    state.location = base
    return shape if count else "empty"


@lru_cache(maxsize=16)
def _member_kinds(
    path: Path, size: int, mtime_ns: int
) -> tuple[int | None, dict[str, int | None]]:
    """First byte of the top-level value and of each member value, from a prefix.

    Reads at most the registry's prefix size; stops quietly at the first
    problem, so a truncated or invalid file still shows the keys before it.
    """
    kinds: dict[str, int | None] = {}
    try:
        with path.open("rb") as handle:
            reader = _Reader(handle, 1 << 20, limit=PREFIX_SNIFF_BYTES)
            reader.strip_bom()
            first = reader.peek()
            if first != OPEN_BRACE:
                return first, kinds
            reader.pos += 1
            for key in _members(reader, CLOSE_BRACE, on_key=True):
                kinds[str(key)] = reader.peek()
                reader.value(keep=False)
    except (JsonProblem, OSError):
        pass
    return OPEN_BRACE, kinds


def _prefix_kinds(found: FoundFile) -> tuple[int | None, dict[str, int | None]]:
    stat = found.path.stat()
    return _member_kinds(found.path, stat.st_size, stat.st_mtime_ns)


def _is_json_name(found: FoundFile) -> bool:
    return found.path.name.lower().endswith(".json")


def _whole_sniff(sniff: Sniff, found: FoundFile) -> bool:
    """The sniff describes the whole file (valid JSON, read in full)."""
    return sniff.doc_type is not None and found.path.stat().st_size <= FULL_SNIFF_LIMIT


# --- streaming elements into DuckDB ------------------------------------------


class _ElementBatches:
    """Collects streamed elements and lands them in bounded batches.

    Each batch is typed in a scratch in-memory DuckDB, outside the file's
    transaction, so its staging tables are freed as soon as they are replaced
    (inside a transaction DuckDB keeps dropped tables until commit). Only the
    finished rows enter the warehouse, through Arrow.
    """

    VIEW = "_ae_hal_elements"

    def __init__(self, ctx: FileContext, root_id: str) -> None:
        self.ctx = ctx
        self.root_id = root_id
        self.rows = 0
        self.replaced = False
        self.skipped: list[str] = []
        self._shape = ""
        self._scratch: duckdb.DuckDBPyConnection | None = None
        self._scratch_bytes = 0
        # DuckDB's commit of one transaction holding hundreds of large task
        # logs needs memory outside its limit (duckdb issue #24897), so a
        # large upload commits its streamed rows batch by batch; they stay
        # invisible until the file's raw._loads row lands (staging joins on
        # it) and an interrupted load's pieces are deleted by the next one.
        self.piecewise = ctx.size > FULL_SNIFF_LIMIT
        self._reset()

    def _reset(self) -> None:
        self._columns: dict[str, list[object]] = {
            "pointer": [],
            "index": [],
            "key": [],
            "doc": [],
            "flags": [],
            "context": [],
        }
        self._bytes = 0

    def add(
        self, shape: str, pointer: str, index: int | None, key: str | None, data: bytes
    ) -> None:
        """Queue one element of `raw_logging_results`."""
        if shape != self._shape:
            self.flush()
            self._shape = shape
        text, replaced = _decode(data)
        self.replaced |= replaced
        columns = self._columns
        columns["pointer"].append(pointer)
        columns["index"].append(index)
        columns["key"].append(key)
        columns["doc"].append(text)
        columns["flags"].append(["utf8_replaced"] if replaced else [])
        columns["context"].append("{}" if key is None else json.dumps({"task_id": key}))
        self._bytes += len(data)
        if self._bytes >= BATCH_BYTES or len(columns["doc"]) >= BATCH_ROWS:
            self.flush()

    def _batch(self) -> pa.Table:
        """The queued elements as the child-stage columns `land_elements` reads."""
        ctx, columns = self.ctx, self._columns
        count = len(columns["doc"])

        def same(value: object, kind: pa.DataType) -> pa.Array:
            return pa.array([value] * count, kind)

        return pa.table(
            {
                "_source_file": same(ctx.found.source_file, pa.string()),
                "_file_hash": same(ctx.file_hash, pa.string()),
                "_source_line": same(1, pa.int64()),
                "_content_hash": same(ctx.file_hash, pa.string()),
                "_pre_flags": pa.array(columns["flags"], pa.list_(pa.string())),
                "_context": pa.array(columns["context"], pa.string()),
                "_source_pointer": pa.array(columns["pointer"], pa.string()),
                "_doc": pa.array(columns["doc"], pa.string()),
                "_parent_id": same(self.root_id, pa.string()),
                "_root_id": same(self.root_id, pa.string()),
                "_list_index": pa.array(columns["index"], pa.int64()),
                "_key": pa.array(columns["key"], pa.string()),
            }
        )

    def _scratch_tables(self) -> duckdb.DuckDBPyConnection:
        """The scratch database with empty streamed tables.

        A DuckDB instance keeps much of the memory it used until it is closed,
        so a new one is opened after every SCRATCH_BYTES of elements.
        """
        if self._scratch is None or self._scratch_bytes >= SCRATCH_BYTES:
            self.close()
            self._scratch = duckdb.connect(
                config={"memory_limit": SCRATCH_MEMORY_LIMIT}
            )
            self._scratch.execute("set TimeZone = 'UTC'")
            self._scratch.execute("create schema raw")
            self._scratch_bytes = 0
        for table, columns in STREAMED_TABLES.items():
            self._scratch.execute(f"drop table if exists raw.{table}")
            self._scratch.execute(create_table_sql(table, columns))
        return self._scratch

    def flush(self) -> None:
        """Land the queued elements."""
        if not self._columns["doc"]:
            return
        batch = self._batch()
        docs = dict(zip(self._columns["pointer"], self._columns["doc"], strict=True))
        scratch = self._scratch_tables()
        self._scratch_bytes += self._bytes
        self._reset()
        scratch.register(self.VIEW, batch)
        try:
            result = land_elements(
                scratch,
                STREAMED[self._shape],
                f"(select * replace (cast(_context as json) as _context) "
                f"from {self.VIEW})",
                system=SYSTEM,
                load_id=self.ctx.load_id,
                loaded_at=self.ctx.loaded_at,
            )
        finally:
            scratch.unregister(self.VIEW)
        del batch
        for bad in result.bad:
            if bad.code == "invalid_json":
                detail = _value_error(docs[bad.pointer])
                raise JsonProblem("invalid_json", detail, location=bad.pointer)
            self.skipped.append(bad.pointer)
        for table in STREAMED_TABLES:
            rows = scratch.execute(f"select * from raw.{table}").to_arrow_table()
            if rows.num_rows:
                # A relation, not a registered view: inside the file's transaction
                # a dropped view would keep its Arrow table alive until commit.
                self.ctx.con.from_arrow(rows).insert_into(f"raw.{table}")
        self.rows += result.rows
        if self.piecewise:
            self.ctx.con.commit()
            self.ctx.con.begin()

    def close(self) -> None:
        """Close the scratch database."""
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None

    def discard(self) -> None:
        """Delete every streamed row of this upload (its record was rejected)."""
        for table in STREAMED_TABLES:
            self.ctx.con.execute(
                f"delete from raw.{table} where _root_id = ? and _load_id = ?",
                [self.root_id, self.ctx.load_id],
            )
        self.rows = 0


def _value_error(text: str) -> str:
    """Why a value's text is not JSON, as Python's parser words it."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f"{error.msg} at line {error.lineno} column {error.colno} of the value"
    except RecursionError:
        return "nested too deeply to read"
    return "DuckDB's JSON parser refused the value"


# --- formats ------------------------------------------------------------------


def _reject_file(
    ctx: FileContext, format_id: str, code: str, reason: str
) -> FileOutcome:
    """Reject a whole file as one record; raw_text is its first MiB."""
    raw_text, truncated = _file_head(ctx)
    ctx.con.execute(
        "insert into raw._rejected values (?, ?, ?, ?, 1, '', ?, ?, ?, ?, ?, ?)",
        [
            ctx.load_id,
            SYSTEM,
            format_id,
            ctx.found.source_file,
            ctx.file_hash,
            ctx.file_hash,
            code,
            reason,
            raw_text,
            truncated,
        ],
    )
    return FileOutcome(0, 1)


def _file_head(ctx: FileContext) -> tuple[str, bool]:
    """The file's first MiB decoded with replacement, and whether it is longer."""
    with ctx.found.path.open("rb") as handle:
        head = handle.read(MAX_RAW_TEXT + len(BOM))
    head = head.removeprefix(BOM)
    truncated = len(head) > MAX_RAW_TEXT
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    text = decoder.decode(head[:MAX_RAW_TEXT], final=not truncated)
    return text, truncated


def _line_of(path: Path, offset: int) -> int:
    """1-based line number of a byte offset."""
    lines = 1
    with path.open("rb") as handle:
        while offset > 0:
            chunk = handle.read(min(CHUNK_BYTES, offset))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            offset -= len(chunk)
    return lines


def _root_record_id(con: duckdb.DuckDBPyConnection, source_file: str, hsh: str) -> str:
    """The `_record_id` the spec SQL gives a whole-file record (line 1)."""
    row = con.execute(
        "select left(sha256('[' || to_json($system) || ',' || to_json($file) || ','"
        " || to_json($hash) || ',1,' || to_json('') || ']'), 32)",
        {"system": SYSTEM, "file": source_file, "hash": hsh},
    ).fetchone()
    return str(row[0]) if row else ""


class HalUpload(Format):
    """`hal.upload`: one upload document, streamed."""

    format_id = "hal.upload"
    system = SYSTEM

    piecewise_tables = tuple(STREAMED_TABLES)

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        spec = replace(
            UPLOAD_SPEC, children=UPLOAD_SPEC.children + tuple(STREAMED.values())
        )
        return table_definitions(
            spec, list(LINEAGE_COLUMNS), list(CHILD_LINEAGE_COLUMNS)
        )

    def claims_path(self, found: FoundFile) -> bool:
        return found.path.name.endswith("_UPLOAD.json")

    def matches_content(self, sniff: Sniff, found: FoundFile) -> bool:
        if not _is_json_name(found):
            return False
        if _whole_sniff(sniff, found) and not {"config", "results"} <= sniff.doc_keys:
            return False
        if sniff.doc_type not in (None, "OBJECT"):
            return False
        top, kinds = _prefix_kinds(found)
        return (
            top == OPEN_BRACE
            and kinds.get("config") == OPEN_BRACE
            and kinds.get("results") == OPEN_BRACE
        )

    def load(self, ctx: FileContext) -> FileOutcome:
        con = ctx.con
        previous: dict[str, str] = {}
        if ctx.size > FULL_SNIFF_LIMIT:
            for name, value in LARGE_UPLOAD_SETTINGS.items():
                row = con.execute("select current_setting(?)", [name]).fetchone()
                previous[name] = str(row[0]) if row else value
                con.execute(f"set {name} = {sql_text(value)}")
        try:
            return self._load(ctx)
        finally:
            # An aborted transaction refuses SET; the load stops there anyway.
            with contextlib.suppress(duckdb.TransactionException):
                for name, value in previous.items():
                    con.execute(f"set {name} = {sql_text(value)}")

    def _load(self, ctx: FileContext) -> FileOutcome:
        root_id = _root_record_id(ctx.con, ctx.found.source_file, ctx.file_hash)
        batches = _ElementBatches(ctx, root_id)
        state = _Upload()
        try:
            with ctx.found.path.open("rb") as handle:
                reader = _Reader(handle, CHUNK_BYTES)
                bom = reader.strip_bom()
                first = reader.peek()
                if first is not None and first != OPEN_BRACE:
                    raise self._not_an_object(ctx, reader, first)
                scan_upload(reader, batches.add, state)
                batches.flush()
            doc, replaced = self._document(ctx.con, state)
        except JsonProblem as problem:
            batches.discard()
            reason = self._reason(ctx, problem, state.location)
            return _reject_file(ctx, self.format_id, problem.code, reason)
        except OSError as error:
            batches.discard()
            reason = f"unreadable file: {error.strerror or error}"
            return _reject_file(ctx, self.format_id, "unreadable_file", reason)
        finally:
            batches.close()
        flags = [
            name
            for name, on in (
                ("bom_stripped", bom),
                ("utf8_replaced", replaced or batches.replaced),
            )
            if on
        ]
        reset_incoming(ctx.con)
        ctx.con.execute(
            f"insert into {INCOMING} values (?, ?, 1, ?, ?, ?, ?)",
            [
                ctx.found.source_file,
                ctx.file_hash,
                ctx.file_hash,
                doc,
                flags,
                json.dumps({"logging_shape": state.shape}),
            ],
        )
        result = land(
            ctx.con,
            UPLOAD_SPEC,
            load_id=ctx.load_id,
            loaded_at=ctx.loaded_at,
            format_id=self.format_id,
            unit="file",
        )
        if result.rejected:
            batches.discard()
            raw_text, truncated = _file_head(ctx)
            ctx.con.execute(
                "update raw._rejected set raw_text = ?, raw_text_truncated = ? "
                "where load_id = ? and source_file = ? and file_hash = ?",
                [
                    raw_text,
                    truncated,
                    ctx.load_id,
                    ctx.found.source_file,
                    ctx.file_hash,
                ],
            )
            return FileOutcome(0, 1)
        if batches.skipped:
            ctx.con.execute(
                f"update raw.{UPLOADS} set _flags = list_sort(list_distinct("
                "list_concat(_flags, ?))) where _record_id = ? and _load_id = ?",
                [
                    [f"wrong_type:{pointer}" for pointer in batches.skipped],
                    root_id,
                    ctx.load_id,
                ],
            )
        return FileOutcome(1, 0, result.child_rows + batches.rows)

    def _not_an_object(
        self, ctx: FileContext, reader: _Reader, first: int
    ) -> JsonProblem:
        """Why a document whose top level is not an object is rejected."""
        reader.value(keep=False)
        if reader.peek() is not None:
            raise reader.unexpected("expected the end of the file after the document")
        kind = _KIND_NAMES.get(first, "number")
        return JsonProblem(
            "not_an_object",
            f"not an object: the record is a JSON {kind}, expected an object",
        )

    def _reason(self, ctx: FileContext, problem: JsonProblem, location: str) -> str:
        if problem.code == "not_an_object":
            return problem.detail
        location = problem.location or location
        where = f"inside {location}" if location else "at the top level"
        if problem.code == "truncated_json":
            if ctx.size == 0:
                return "not valid JSON: the file is empty"
            if not location:
                where = "before the top-level value is complete"
            return f"not valid JSON: the file ends after {ctx.size} bytes, {where}"
        if problem.offset is None:
            return f"not valid JSON: {problem.detail}, {where}"
        line = _line_of(ctx.found.path, problem.offset)
        return (
            f"not valid JSON: {problem.detail} at byte {problem.offset} "
            f"(line {line}), {where}"
        )

    def _document(
        self, con: duckdb.DuckDBPyConnection, state: _Upload
    ) -> tuple[str, bool]:
        """The upload without `raw_logging_results`, as JSON text to stage.

        Each member value is checked first, so a syntax error is reported at
        its pointer. A `raw_eval_results` that is not a task map moves to a
        loader key, so it lands whole instead of splitting into task rows.
        """
        parts: list[str] = []
        replaced_any = False
        for name, token, data in state.members:
            text, replaced = _decode(data)
            replaced_any |= replaced
            state.location = "/" + pointer_key(name)
            row = con.execute(
                "select json_valid($v), "
                "case when json_valid($v) then json_type($v) end, "
                "case when json_valid($v) and json_type($v) = 'OBJECT' "
                "then json_keys($v) end",
                {"v": text},
            ).fetchone()
            valid, kind, keys = row if row else (False, None, None)
            if not valid:
                raise JsonProblem("invalid_json", _value_error(text))
            key_text = token.decode("utf-8", "replace")
            if name == "raw_eval_results" and _eval_results_whole(kind, keys or []):
                key_text = json.dumps(WHOLE_EVAL_KEY)
            parts.append(f"{key_text}: {text}")
        state.location = ""
        return "{" + ", ".join(parts) + "}", replaced_any


def _eval_results_whole(kind: str | None, keys: list[str]) -> bool:
    """`raw_eval_results` is not a task map (Inspect stores an EvalLog header)."""
    if kind == "NULL":
        return False
    if kind != "OBJECT":
        return True
    return "eval" in keys and bool(EVAL_LOG_KEYS & set(keys))


class HalEncrypted(Format):
    """`hal.encrypted`: an encrypted trace file, rejected with what to do."""

    format_id = "hal.encrypted"
    system = SYSTEM

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        return {}

    def claims_path(self, found: FoundFile) -> bool:
        return False

    def matches_content(self, sniff: Sniff, found: FoundFile) -> bool:
        if not _is_json_name(found):
            return False
        if _whole_sniff(sniff, found):
            return sniff.doc_type == "OBJECT" and sniff.doc_keys == ENVELOPE_KEYS
        if sniff.doc_type not in (None, "OBJECT"):
            return False
        top, kinds = _prefix_kinds(found)
        return (
            top == OPEN_BRACE
            and "encrypted_data" in kinds
            and kinds.keys() <= ENVELOPE_KEYS
        )

    def load(self, ctx: FileContext) -> FileOutcome:
        reason = (
            "encrypted HAL trace file: the top level holds only encrypted_data and "
            "salt; decrypt it with hal-decrypt first, then load the decrypted upload"
        )
        return _reject_file(ctx, self.format_id, "encrypted_envelope", reason)


# --- cleaned metrics CSV -----------------------------------------------------

METRICS_REQUIRED = (
    "agent_name",
    "benchmark_name",
    "date",
    "run_id",
    "agent_args",
    "accuracy",
    "latencies_per_task",
)
METRICS_DISCRIMINATOR = frozenset(
    {
        "run_id",
        "agent_args",
        "accuracy",
        "total_cost",
        "latencies_per_task",
        "mean_latency",
    }
)
NUMBER_COLUMNS = frozenset({"accuracy", "total_cost", "mean_latency"})
LITERAL_COLUMNS = frozenset({"agent_args", "latencies_per_task"})
_NUMBER_TEXT = re.compile(
    r"\s*[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|nan|inf|infinity)\s*", re.IGNORECASE
)

METRICS_SPEC = RecordSpec(
    system=SYSTEM,
    table=METRICS,
    fields=(
        Field("/agent_name", "string", "R"),
        Field("/benchmark_name", "string", "R"),
        Field("/date", "string", "R", land=False, column="_date"),
        Field("/run_id", "string", "R"),
        Field("/agent_args", "object", "R", column="agent_args_json"),
        Field("/accuracy", "number", "R"),
        Field("/latencies_per_task", "array", "R", column="latencies_per_task_json"),
        Field("/run_command", "string"),
        Field("/agent_name_short", "string"),
        Field("/model_name_short", "string"),
        Field("/total_cost", "number"),
        Field("/mean_latency", "number"),
    ),
    derived=(
        Derived("date", "DATE", "try_cast(_date as date)"),
        Derived(
            "latency_count", "BIGINT", "json_array_length(latencies_per_task_json)"
        ),
    ),
    checks=(
        Check(
            "invalid_value",
            '"date" is null',
            "'invalid value at /date: expected a date YYYY-MM-DD, found ' || _date",
        ),
        Check(
            "wrong_type",
            "list_contains(list_transform(cast(latencies_per_task_json as json[]), "
            f"x -> json_type(x) not in {NUMBER_TYPES}), true)",
            "'wrong type at /latencies_per_task: expected a list of numbers, found ' "
            "|| left(cast(latencies_per_task_json as varchar), 80)",
        ),
    ),
    flags=(Flag("model_name_short_missing", "model_name_short is null"),),
    known=("/prompt_sensitivity",),
    identity=("/run_id",),
)


class _NotJson(ValueError):
    """A Python literal with no JSON equivalent (bytes, complex)."""


def python_literal(text: str) -> tuple[bool, object]:
    """Parse a Python literal (never `eval`) into JSON-ready values.

    Returns (True, value) with dicts, lists, strings, numbers, booleans and
    None; tuples and sets become lists and dict keys strings. Returns
    (False, None) when the text is not a literal or has no JSON form.
    """
    try:
        return True, _jsonable(ast.literal_eval(text.strip()))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, set | frozenset):
        return [_jsonable(v) for v in sorted(value, key=repr)]
    raise _NotJson(type(value).__name__)


def _cell(name: str, text: str) -> object:
    """One CSV cell as staged: empty is null, numbers and literals parsed."""
    if text == "":
        return None
    if name in NUMBER_COLUMNS and _NUMBER_TEXT.fullmatch(text):
        return float(text)
    if name in LITERAL_COLUMNS:
        ok, value = python_literal(text)
        return value if ok else text
    return text


def _csv_header(line: str) -> list[str]:
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return []


@dataclass(frozen=True)
class _CsvRecord:
    """One CSV record: where it starts, its text and bytes hash, its fields."""

    line: int
    text: str
    content_hash: str
    replaced: bool
    fields: list[str] | None
    problem: str | None = None


def _csv_records(
    data: bytes, text: str
) -> tuple[list[str] | None, int, list[_CsvRecord], int]:
    """Header, header line, records and blank lines of a CSV text.

    Lines are split on LF only, so `_source_line` counts physical lines and
    quoted newlines keep a record on its first line.
    """
    lines = text.split("\n")
    raw_lines = data.split(b"\n")
    physical = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        physical.append(lines[-1])
    reader = csv.reader(physical)
    header: list[str] | None = None
    header_line = 0
    records: list[_CsvRecord] = []
    blank = 0
    while True:
        start = reader.line_num + 1
        problem = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row, problem = None, f"could not be read as CSV: {error}"
        end = max(reader.line_num, start)
        if row is not None and (not row or (len(row) == 1 and not row[0].strip())):
            blank += end - start + 1
            continue
        if header is None and row is not None:
            header, header_line = row, start
            continue
        record_bytes = b"\n".join(raw_lines[start - 1 : end]).removesuffix(b"\r")
        record_text = "\n".join(lines[start - 1 : end]).removesuffix("\r")
        replaced = _decode(record_bytes)[1]
        records.append(
            _CsvRecord(
                start, record_text, sha256_hex(record_bytes), replaced, row, problem
            )
        )
    return header, header_line, records, blank


class HalCleanedMetrics(Format):
    """`hal.cleaned_metrics`: the hal-analysis leaderboard CSV."""

    format_id = "hal.cleaned_metrics"
    system = SYSTEM

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        return table_definitions(
            METRICS_SPEC, list(LINEAGE_COLUMNS), list(CHILD_LINEAGE_COLUMNS)
        )

    def claims_path(self, found: FoundFile) -> bool:
        return found.path.name == "cleaned_all_metrics.csv"

    def matches_content(self, sniff: Sniff, found: FoundFile) -> bool:
        return set(_csv_header(sniff.first_line)) >= METRICS_DISCRIMINATOR

    def load(self, ctx: FileContext) -> FileOutcome:
        decoded = ctx.decoded()
        data = ctx.data().removeprefix(BOM)
        header, _, records, blank = _csv_records(data, decoded.text)
        missing = [name for name in METRICS_REQUIRED if name not in (header or [])]
        if missing:
            found = ", ".join(header or []) or "no header at all"
            return _reject_file(
                ctx,
                self.format_id,
                "bad_header",
                f"bad header: the CSV header lacks the required column(s) "
                f"{', '.join(missing)}; found {found}",
            )
        names = header or []
        staged: list[_CsvRecord] = []
        rejected = 0
        for record in records:
            if record.fields is not None and len(record.fields) == len(names):
                staged.append(record)
                continue
            reason = record.problem or (
                f"unparseable line: the header has {len(names)} fields, this row has "
                f"{len(record.fields or [])}"
            )
            self._reject_record(ctx, record, "unparseable_line", reason)
            rejected += 1
        result = self._land(ctx, names, staged, decoded.has_bom)
        return FileOutcome(result[0], result[1] + rejected, 0, blank)

    def _reject_record(
        self, ctx: FileContext, record: _CsvRecord, code: str, reason: str
    ) -> None:
        ctx.con.execute(
            "insert into raw._rejected values (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)",
            [
                ctx.load_id,
                SYSTEM,
                self.format_id,
                ctx.found.source_file,
                record.line,
                ctx.file_hash,
                record.content_hash,
                code,
                reason,
                record.text[:MAX_RAW_TEXT],
                len(record.text) > MAX_RAW_TEXT,
            ],
        )

    def _land(
        self, ctx: FileContext, names: list[str], records: list[_CsvRecord], bom: bool
    ) -> tuple[int, int]:
        """Stage well-formed rows as JSON objects keyed by header name; land them."""
        if not records:
            return 0, 0
        docs = [
            json.dumps(
                {
                    name: _cell(name, value)
                    for name, value in zip(names, r.fields or [], strict=True)
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for r in records
        ]
        flags = [
            [
                name
                for name, on in (("bom_stripped", bom), ("utf8_replaced", r.replaced))
                if on
            ]
            for r in records
        ]
        count = len(records)
        staged = pa.table(
            {
                "_source_file": pa.array([ctx.found.source_file] * count, pa.string()),
                "_file_hash": pa.array([ctx.file_hash] * count, pa.string()),
                "_source_line": pa.array([r.line for r in records], pa.int64()),
                "_content_hash": pa.array([r.content_hash for r in records]),
                "_doc": pa.array(docs, pa.string()),
                "_pre_flags": pa.array(flags, pa.list_(pa.string())),
                "_context": pa.array(["{}"] * count, pa.string()),
            }
        )
        reset_incoming(ctx.con)
        ctx.con.from_arrow(staged).insert_into(INCOMING)
        result = land(
            ctx.con,
            METRICS_SPEC,
            load_id=ctx.load_id,
            loaded_at=ctx.loaded_at,
            format_id=self.format_id,
            unit="line",
        )
        if result.rejected:
            texts = {r.line: r.text for r in records}
            lines = ctx.con.execute(
                "select source_line from raw._rejected "
                "where load_id = ? and source_file = ? and file_hash = ?",
                [ctx.load_id, ctx.found.source_file, ctx.file_hash],
            ).fetchall()
            ctx.con.executemany(
                "update raw._rejected set raw_text = ?, raw_text_truncated = ? "
                "where load_id = ? and source_file = ? and file_hash = ? "
                "and source_line = ?",
                [
                    [
                        texts[line][:MAX_RAW_TEXT],
                        len(texts[line]) > MAX_RAW_TEXT,
                        ctx.load_id,
                        ctx.found.source_file,
                        ctx.file_hash,
                        line,
                    ]
                    for (line,) in lines
                    if line in texts
                ],
            )
        return result.loaded, result.rejected


FORMATS = (HalEncrypted(), HalUpload(), HalCleanedMetrics())

SKIPS = (
    SkipRule(SYSTEM, "archive_not_supported", path_matches(r"\.zip$")),
    SkipRule(
        SYSTEM, "wall_clock_times_in_upload", path_matches(r"_WALL_CLOCK_TIMES\.jsonl$")
    ),
)
