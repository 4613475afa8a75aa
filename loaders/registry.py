"""The format registry: what a format is, and how a file finds its format.

Every module in `loaders.formats` exports `FORMATS` (format objects) and
`SKIPS` (files a system never loads). Adding a module adds a format; the
framework does not change.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb
import ijson
import pyarrow as pa

from loaders import formats as formats_package
from loaders.discovery import FoundFile
from loaders.reading import (
    Decoded,
    Document,
    decode,
    reset_incoming,
    stage_documents,
    stage_lines,
)
from loaders.records import (
    FileCounts,
    LandResult,
    RecordSpec,
    land,
    table_definitions,
)
from loaders.warehouse import CHILD_LINEAGE_COLUMNS, LINEAGE_COLUMNS

FULL_SNIFF_LIMIT = 64 << 20
PREFIX_SNIFF_BYTES = 16 << 20


@dataclass(frozen=True)
class Sniff:
    """What a file's content looks like, enough to recognise its format.

    `doc_*` describe the whole text read as one JSON document, `line_*` its
    first non-blank line read as JSON, `first_line` is that line as text.
    """

    doc_type: str | None
    doc_keys: frozenset[str]
    line_type: str | None
    line_keys: frozenset[str]
    first_line: str


@dataclass
class FileContext:
    """One file being loaded: where it is, its bytes and hash, the load."""

    con: duckdb.DuckDBPyConnection
    found: FoundFile
    file_hash: str
    size: int
    load_id: str
    loaded_at: datetime
    _data: bytes | None = field(default=None, repr=False)
    _decoded: Decoded | None = field(default=None, repr=False)

    def data(self) -> bytes:
        """The file's bytes (read once)."""
        if self._data is None:
            self._data = self.found.path.read_bytes()
        return self._data

    def decoded(self) -> Decoded:
        """The file's text, BOM stripped, invalid bytes replaced (decoded once)."""
        if self._decoded is None:
            self._decoded = decode(self.data())
        return self._decoded


@dataclass(frozen=True)
class FileOutcome:
    """What loading one file produced."""

    records_loaded: int
    records_rejected: int
    child_rows_loaded: int = 0
    lines_ignored: int = 0


@dataclass(frozen=True)
class SkipRule:
    """Files of a system that are never loaded, with the reason recorded."""

    system: str
    reason: str
    matches: Callable[[FoundFile], bool]


class Format:
    """Base of every input format: identity, recognition and loading."""

    format_id: str = ""
    system: str = ""

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        """Raw tables this format writes: name -> (column, SQL type) pairs."""
        raise NotImplementedError

    def claims_path(self, found: FoundFile) -> bool:
        """The path pattern proposes this format (content still decides)."""
        raise NotImplementedError

    def matches_content(self, sniff: Sniff, found: FoundFile) -> bool:
        """The content discriminator of `shared/formats/README.md` holds."""
        raise NotImplementedError

    batchable = False
    piecewise_tables: tuple[str, ...] = ()
    """Raw tables this format may commit in pieces before the file's `_loads`
    row (very large files); rows there without a `_loads` row are remains of
    an interrupted load and are deleted when the next load starts."""

    def load(self, ctx: FileContext) -> FileOutcome:
        """Land one file's records; the caller holds the transaction."""
        raise NotImplementedError

    def load_batch(self, contexts: list[FileContext]) -> dict[str, FileOutcome]:
        """Land several files in the caller's one transaction (batchable formats)."""
        return {ctx.found.source_file: self.load(ctx) for ctx in contexts}


class SpecFormat(Format):
    """A format whose records one `RecordSpec` describes.

    `unit` is "file" for one JSON document per file, "line" for JSONL.
    `context` maps a found file to path-derived values the SQL can read.
    """

    def __init__(
        self,
        *,
        format_id: str,
        spec: RecordSpec,
        unit: str,
        claims: Callable[[FoundFile], bool],
        content: Callable[[Sniff], bool],
        context: Callable[[FoundFile], dict[str, object]] | None = None,
    ) -> None:
        self.format_id = format_id
        self.system = spec.system
        self.spec = spec
        self.unit = unit
        self._claims = claims
        self._content = content
        self._context = context

    def tables(self) -> dict[str, list[tuple[str, str]]]:
        return table_definitions(
            self.spec, list(LINEAGE_COLUMNS), list(CHILD_LINEAGE_COLUMNS)
        )

    def claims_path(self, found: FoundFile) -> bool:
        return self._claims(found)

    def matches_content(self, sniff: Sniff, found: FoundFile) -> bool:
        return self._content(sniff)

    batchable = True

    def load(self, ctx: FileContext) -> FileOutcome:
        return self.load_batch([ctx])[ctx.found.source_file]

    def load_batch(self, contexts: list[FileContext]) -> dict[str, FileOutcome]:
        """Land many files of this format with one pass of the SQL."""
        first = contexts[0]
        reset_incoming(first.con)
        ignored: dict[str, int] = {}
        if self.unit == "file":
            stage_documents(
                first.con,
                [
                    Document(
                        ctx.found.source_file,
                        ctx.file_hash,
                        ctx.decoded(),
                        self.context_of(ctx.found),
                    )
                    for ctx in contexts
                ],
            )
        else:
            for ctx in contexts:
                ignored[ctx.found.source_file] = stage_lines(
                    ctx.con,
                    source_file=ctx.found.source_file,
                    file_hash=ctx.file_hash,
                    data=ctx.data(),
                    decoded=ctx.decoded(),
                    context=self.context_of(ctx.found),
                )
        result: LandResult = land(
            first.con,
            self.spec,
            load_id=first.load_id,
            loaded_at=first.loaded_at,
            format_id=self.format_id,
            unit=self.unit,
        )
        outcomes: dict[str, FileOutcome] = {}
        for ctx in contexts:
            name = ctx.found.source_file
            counts = result.files.get(name, FileCounts())
            outcomes[name] = FileOutcome(
                counts.loaded, counts.rejected, counts.child_rows, ignored.get(name, 0)
            )
        return outcomes

    def context_of(self, found: FoundFile) -> dict[str, object]:
        """Path-derived values of one file, readable by the spec's SQL."""
        context: dict[str, object] = {"file_stem": found.path.name.split(".")[0]}
        if self._context is not None:
            context.update(self._context(found))
        return context


@cache
def _modules() -> tuple[object, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(formats_package.__path__))
    return tuple(importlib.import_module(f"loaders.formats.{name}") for name in names)


def all_formats() -> tuple[Format, ...]:
    """Every registered format, in module then declaration order."""
    return tuple(f for module in _modules() for f in getattr(module, "FORMATS", ()))


def all_skips() -> tuple[SkipRule, ...]:
    """Every registered skip rule."""
    return tuple(s for module in _modules() for s in getattr(module, "SKIPS", ()))


def all_tables() -> dict[str, list[tuple[str, str]]]:
    """Every raw table of every format, so all exist from the first load."""
    tables: dict[str, list[tuple[str, str]]] = {}
    for fmt in all_formats():
        tables.update(fmt.tables())
    return tables


def sniff_many(
    con: duckdb.DuckDBPyConnection, files: list[tuple[Path, Decoded | None]]
) -> list[Sniff]:
    """Recognise many files' shapes with one DuckDB query.

    A file given with its decoded text is read whole; one given without
    (too large to hold) is read from a prefix of its bytes.
    """
    texts: list[str | None] = []
    first_lines: list[str] = []
    for path, decoded in files:
        if decoded is None:
            with path.open("rb") as handle:
                head = decode(handle.read(1 << 20)).text
            texts.append(None)
        else:
            head = decoded.text
            texts.append(decoded.text)
        first = next((line for line in head.split("\n", 64) if line.strip()), "")
        first_lines.append(first.rstrip("\r"))
    table = pa.table({"doc": texts, "line": first_lines})
    con.register("_ae_sniff", table)
    try:
        rows = con.execute(
            """
            select
                case when json_valid(doc) then json_type(doc) end,
                case when json_valid(doc) and json_type(doc) = 'OBJECT'
                    then json_keys(doc) end,
                case when json_valid(line) then json_type(line) end,
                case when json_valid(line) and json_type(line) = 'OBJECT'
                    then json_keys(line) end
            from _ae_sniff
            """
        ).fetchall()
    finally:
        con.unregister("_ae_sniff")
    sniffs = []
    for (path, decoded), line, row in zip(files, first_lines, rows, strict=True):
        doc_type, doc_keys = row[0], frozenset(row[1] or ())
        if decoded is None:
            with path.open("rb") as handle:
                doc_type, doc_keys = _prefix_shape(handle.read(PREFIX_SNIFF_BYTES))
        sniffs.append(Sniff(doc_type, doc_keys, row[2], frozenset(row[3] or ()), line))
    return sniffs


def _prefix_shape(prefix: bytes) -> tuple[str | None, frozenset[str]]:
    """Top-level type and the keys seen in the first bytes of a large JSON file."""
    keys: set[str] = set()
    doc_type: str | None = None
    try:
        for prefix_path, event, value in ijson.parse(io.BytesIO(prefix)):
            if doc_type is None:
                doc_type = {"start_map": "OBJECT", "start_array": "ARRAY"}.get(
                    event, "SCALAR"
                )
            if prefix_path == "" and event == "map_key":
                keys.add(value)
    except (ijson.IncompleteJSONError, ijson.JSONError, UnicodeDecodeError):
        pass
    return doc_type, frozenset(keys)


def recognise(found: FoundFile, file_sniff: Sniff) -> Format | None:
    """The content decides; a path pattern alone claims files no content matches."""
    formats = all_formats()
    for fmt in formats:
        if fmt.matches_content(file_sniff, found):
            return fmt
    for fmt in formats:
        if fmt.claims_path(found):
            return fmt
    return None


def skip_rule(found: FoundFile) -> SkipRule | None:
    """The first system skip rule that matches a file, if any."""
    return next((rule for rule in all_skips() if rule.matches(found)), None)


def path_matches(pattern: str) -> Callable[[FoundFile], bool]:
    """A predicate on the file's full POSIX path (any ancestor may be the root)."""
    compiled = re.compile(pattern)
    return lambda found: compiled.search(found.path.resolve().as_posix()) is not None
