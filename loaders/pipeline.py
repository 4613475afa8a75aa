"""The load: walk roots, skip what is unchanged, land files in transactions.

Files are taken in discovery order in batches. Within a batch, files of a
batchable format are landed together, one SQL pass and one transaction per
group, so thousands of small files cost a few statements; other formats get
one transaction per file. A crash loses at most the group in flight, never a
part of a file: a format that commits a very large file in pieces
(`Format.piecewise_tables`) has them counted only once the file's `raw._loads`
row lands, and the next load deletes the pieces of an interrupted one. If a
group fails, its files are retried one by one, so the
error names the file that caused it and every good file is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

import duckdb

from loaders.discovery import FoundFile, discover, is_temp_file
from loaders.reading import sha256_hex
from loaders.registry import (
    FULL_SNIFF_LIMIT,
    FileContext,
    FileOutcome,
    Format,
    SkipRule,
    all_formats,
    all_tables,
    recognise,
    skip_rule,
    sniff_many,
)
from loaders.warehouse import (
    LoadRow,
    connect,
    ensure_schema,
    insert_load_rows,
    processed_versions,
)

HASH_CHUNK = 8 << 20
BATCH_FILES = 2000
BATCH_BYTES = 128 << 20


class LoadError(RuntimeError):
    """A load stopped; the message names the file first."""


@dataclass(frozen=True)
class FileReport:
    """What happened to one file, for the CLI's per-file line."""

    source_file: str
    format: str | None
    status: str
    records_loaded: int
    records_rejected: int
    size: int
    skip_reason: str | None = None


@dataclass(frozen=True)
class LoadSummary:
    """Totals of one `agent-evals load`."""

    load_id: str
    files: int
    files_loaded: int
    files_skipped: int
    files_unchanged: int
    records_loaded: int
    records_rejected: int
    bytes_read: int


def _now() -> datetime:
    return datetime.now(UTC)


def _hash_file(path: Path, size: int) -> tuple[str, bytes | None]:
    """SHA-256 of a file, and its bytes when small enough to keep in memory."""
    if size <= FULL_SNIFF_LIMIT:
        data = path.read_bytes()
        return sha256_hex(data), data
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest(), None


def _status(outcome: FileOutcome) -> str:
    if outcome.records_rejected == 0:
        return "loaded"
    return "partially_rejected" if outcome.records_loaded else "rejected"


def _batches(files: Iterable[FoundFile]) -> Iterator[list[FoundFile]]:
    batch: list[FoundFile] = []
    size = 0
    for found in files:
        batch.append(found)
        size += found.path.stat().st_size
        if len(batch) >= BATCH_FILES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _delete_unfinished_pieces(con: duckdb.DuckDBPyConnection) -> None:
    """Delete rows an interrupted load committed in pieces (see Format)."""
    tables = sorted({table for fmt in all_formats() for table in fmt.piecewise_tables})
    if not tables:
        return
    con.begin()
    for table in tables:
        con.execute(
            f"delete from raw.{table} as piece where not exists ("
            "select 1 from raw._loads as loads where loads.load_id = piece._load_id "
            "and loads.source_file = piece._source_file "
            "and loads.content_hash = piece._file_hash)"
        )
    con.commit()


class _Loader:
    """One `agent-evals load` invocation over an open warehouse."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, on_file: Callable[[FileReport], None]
    ) -> None:
        self.con = con
        self.on_file = on_file
        self.load_id = str(uuid.uuid4())
        _delete_unfinished_pieces(con)
        self.seen = processed_versions(con)
        self.reports: list[FileReport] = []

    def _report(self, report: FileReport) -> None:
        self.reports.append(report)
        self.on_file(report)

    def load_batch(self, files: list[FoundFile]) -> None:
        """Hash, filter, recognise and land one batch of files."""
        started = _now()
        candidates: list[FileContext] = []
        finished: dict[str, FileReport] = {}
        skips: list[LoadRow] = []
        for found in files:
            try:
                size = found.path.stat().st_size
                file_hash, data = _hash_file(found.path, size)
            except OSError as error:
                finished[found.source_file] = self._reject_unreadable(found, error)
                continue
            version = (found.source_file, file_hash)
            if version in self.seen:
                finished[found.source_file] = FileReport(
                    found.source_file, None, "unchanged", 0, 0, size
                )
                continue
            self.seen.add(version)
            rule = skip_rule(found)
            reason = "temporary_file" if is_temp_file(found.path.name) else None
            if reason or rule:
                skips.append(self._skip_row(found, file_hash, size, rule, reason))
                continue
            candidates.append(
                FileContext(
                    self.con, found, file_hash, size, self.load_id, started, data
                )
            )
        sniffs = sniff_many(
            self.con,
            [
                (
                    ctx.found.path,
                    ctx.decoded() if ctx.size <= FULL_SNIFF_LIMIT else None,
                )
                for ctx in candidates
            ],
        )
        recognised: list[tuple[Format, FileContext]] = []
        for ctx, file_sniff in zip(candidates, sniffs, strict=True):
            fmt = recognise(ctx.found, file_sniff)
            if fmt is None:
                skips.append(
                    self._skip_row(ctx.found, ctx.file_hash, ctx.size, None, None)
                )
            else:
                recognised.append((fmt, ctx))
        if skips:
            self.con.begin()
            insert_load_rows(self.con, skips)
            self.con.commit()
            for row in skips:
                finished[row.source_file] = FileReport(
                    row.source_file,
                    None,
                    "skipped",
                    0,
                    0,
                    row.file_size_bytes,
                    row.skip_reason,
                )
        order = {fmt.format_id: index for index, fmt in enumerate(all_formats())}
        recognised.sort(key=lambda item: order[item[0].format_id])
        for fmt, group in groupby(recognised, key=lambda item: item[0]):
            contexts = [ctx for _, ctx in group]
            if fmt.batchable and len(contexts) > 1:
                finished.update(self._land_group(fmt, contexts))
            else:
                for ctx in contexts:
                    finished.update(self._land_group(fmt, [ctx]))
        for found in files:
            self._report(finished[found.source_file])

    def _land_group(
        self, fmt: Format, contexts: list[FileContext]
    ) -> dict[str, FileReport]:
        self.con.begin()
        try:
            outcomes = fmt.load_batch(contexts)
            finished_at = _now()
            rows = []
            for ctx in contexts:
                outcome = outcomes[ctx.found.source_file]
                rows.append(
                    LoadRow(
                        self.load_id,
                        fmt.system,
                        ctx.found.source_file,
                        ctx.file_hash,
                        ctx.size,
                        fmt.format_id,
                        _status(outcome),
                        None,
                        outcome.records_loaded,
                        outcome.records_rejected,
                        outcome.child_rows_loaded,
                        outcome.lines_ignored,
                        ctx.loaded_at,
                        finished_at,
                    )
                )
            insert_load_rows(self.con, rows)
            self.con.commit()
        except Exception as error:
            # A failed commit (a format that commits in pieces) ends the
            # transaction itself; the original error is the one to report.
            with contextlib.suppress(duckdb.TransactionException):
                self.con.rollback()
            if len(contexts) > 1:
                reports: dict[str, FileReport] = {}
                for ctx in contexts:
                    reports.update(self._land_group(fmt, [ctx]))
                return reports
            name = contexts[0].found.source_file
            raise LoadError(f"{name}: {error}") from error
        return {
            ctx.found.source_file: FileReport(
                ctx.found.source_file,
                fmt.format_id,
                _status(outcomes[ctx.found.source_file]),
                outcomes[ctx.found.source_file].records_loaded,
                outcomes[ctx.found.source_file].records_rejected,
                ctx.size,
            )
            for ctx in contexts
        }

    def _skip_row(
        self,
        found: FoundFile,
        file_hash: str,
        size: int,
        rule: SkipRule | None,
        reason: str | None,
    ) -> LoadRow:
        system = rule.system if rule else None
        why = reason or (rule.reason if rule else "unrecognised_content")
        now = _now()
        return LoadRow(
            self.load_id,
            system,
            found.source_file,
            file_hash,
            size,
            None,
            "skipped",
            why,
            0,
            0,
            0,
            0,
            now,
            now,
        )

    def _reject_unreadable(self, found: FoundFile, error: OSError) -> FileReport:
        reason = f"unreadable file: {error.strerror or error}"
        started = _now()
        self.con.begin()
        self.con.execute(
            "insert into raw._rejected values (?, null, null, ?, 1, '', '', null, "
            "'unreadable_file', ?, null, false)",
            [self.load_id, found.source_file, reason],
        )
        insert_load_rows(
            self.con,
            [
                LoadRow(
                    self.load_id,
                    None,
                    found.source_file,
                    "",
                    0,
                    None,
                    "rejected",
                    None,
                    0,
                    1,
                    0,
                    0,
                    started,
                    _now(),
                )
            ],
        )
        self.con.commit()
        return FileReport(found.source_file, None, "rejected", 0, 1, 0, reason)


def load_paths(
    paths: Iterable[Path],
    db: Path,
    *,
    on_file: Callable[[FileReport], None] = lambda report: None,
) -> LoadSummary:
    """Load every file under the given roots into the warehouse `db`."""
    roots = list(paths)
    missing = [str(root) for root in roots if not root.exists()]
    if missing:
        raise LoadError(f"{missing[0]}: no such file or folder")
    con = connect(db)
    try:
        ensure_schema(con, all_tables())
        loader = _Loader(con, on_file)
        for root in roots:
            for batch in _batches(discover(root)):
                loader.load_batch(batch)
    finally:
        con.close()
    reports = loader.reports
    return LoadSummary(
        load_id=loader.load_id,
        files=len(reports),
        files_loaded=sum(r.status not in ("skipped", "unchanged") for r in reports),
        files_skipped=sum(r.status == "skipped" for r in reports),
        files_unchanged=sum(r.status == "unchanged" for r in reports),
        records_loaded=sum(r.records_loaded for r in reports),
        records_rejected=sum(r.records_rejected for r in reports),
        bytes_read=sum(r.size for r in reports),
    )
