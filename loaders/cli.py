"""The `agent-evals` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
from tqdm import tqdm

from loaders.pipeline import FileReport, LoadError, LoadSummary, load_paths
from loaders.summary import summary_lines
from loaders.warehouse import WarehouseLockedError, default_db_path


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agent-evals",
        description="Load agent-evaluation run files into the DuckDB warehouse.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser(
        "load",
        help="load run files (format recognised from content; unchanged files skipped)",
        description=(
            "Walk each PATH, recognise every file's format from its content and "
            "load what is new or changed into schema raw. Bad records go to "
            "raw._rejected with a reason; they do not fail the load."
        ),
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    load.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $AGENT_EVALS_DB or warehouse.duckdb)",
    )
    load.add_argument("--quiet", action="store_true", help="print only the total line")
    summary = commands.add_parser(
        "summary",
        help="print what the built warehouse holds (attempts, grid, rejects)",
        description="Summarise a built warehouse: attempts, grid cells by status, "
        "configurations kept and discarded, rejected records.",
    )
    summary.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $AGENT_EVALS_DB or warehouse.duckdb)",
    )
    check = commands.add_parser(
        "check",
        help="run the data-quality expectations on every raw table",
        description="Check every raw table with its Great Expectations suite; "
        "store one row per expectation in raw._checks and print the failures. "
        "Exit 1 when an expectation fails, unless --warn-only.",
    )
    check.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $AGENT_EVALS_DB or warehouse.duckdb)",
    )
    check.add_argument(
        "--warn-only",
        action="store_true",
        help="print failures but exit 0",
    )
    report = commands.add_parser(
        "report",
        help="write the Markdown reports and PNG figures from the marts",
        description="Write index.md, the coverage, performance, fair-comparison "
        "and cost-accuracy reports and their PNG figures from a built warehouse "
        "(run dbt build first). Every number in them is a mart value.",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("reports"),
        help="folder to write into (default: reports/)",
    )
    report.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $AGENT_EVALS_DB or warehouse.duckdb)",
    )
    return parser


def _emit(line: str, *, error: bool = False) -> None:
    """The CLI's one output function: results to stdout, failures to stderr."""
    print(line, file=sys.stderr if error else sys.stdout)


def _file_line(report: FileReport) -> str:
    if report.status == "unchanged":
        return f"{report.source_file}: skipped-unchanged"
    if report.status == "skipped":
        return f"{report.source_file}: skipped ({report.skip_reason})"
    return (
        f"{report.source_file}: {report.format or 'unknown'}, "
        f"{report.records_loaded} loaded, {report.records_rejected} rejected"
    )


def _total_line(summary: LoadSummary, db: Path) -> str:
    return (
        f"total: {summary.files} files ({summary.files_loaded} loaded, "
        f"{summary.files_skipped} skipped, {summary.files_unchanged} unchanged), "
        f"{summary.records_loaded} records loaded, "
        f"{summary.records_rejected} rejected, into {db}"
    )


def _run_load(args: argparse.Namespace) -> int:
    db = args.db or default_db_path()
    interactive = sys.stderr.isatty() and not args.quiet
    bar = tqdm(unit="file", disable=not interactive, leave=False)
    seen = {"bytes": 0, "records": 0}

    def on_file(report: FileReport) -> None:
        seen["bytes"] += report.size
        seen["records"] += report.records_loaded + report.records_rejected
        bar.update(1)
        bar.set_postfix_str(
            f"{seen['bytes'] / 1e6:.1f} MB, {seen['records']} records, "
            f"{report.source_file[-40:]}",
            refresh=False,
        )
        if not args.quiet:
            line = _file_line(report)
            if interactive:
                bar.write(line)
            else:
                _emit(line)

    try:
        summary = load_paths(args.paths, db, on_file=on_file)
    except (LoadError, WarehouseLockedError) as error:
        bar.close()
        _emit(f"agent-evals: {error}", error=True)
        return 1
    bar.close()
    _emit(_total_line(summary, db))
    return 0


def _run_check(db: Path, *, warn_only: bool) -> int:
    # Imported here: Great Expectations takes seconds to import, and only
    # this command needs it.
    from loaders import quality

    try:
        run = quality.run_checks(db)
    except WarehouseLockedError as error:
        _emit(f"agent-evals: {error}", error=True)
        return 1
    for line in quality.summary_lines(run):
        _emit(line)
    return 1 if run.failures and not warn_only else 0


def _run_report(db: Path, out: Path) -> int:
    # Imported here: matplotlib takes a second to import.
    from loaders.reports import write_reports

    try:
        reports = write_reports(db, out)
    except duckdb.CatalogException as error:
        _emit(
            f"agent-evals: {db}: a mart is missing ({error}); run dbt build", error=True
        )
        return 1
    for report in reports:
        _emit(f"{report.title}: {report.path} ({report.gist})")
    _emit(f"reports: {(out / 'index.md').resolve()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `agent-evals` command."""
    args = _build_parser().parse_args(argv)
    if args.command == "load":
        return _run_load(args)
    db = args.db or default_db_path()
    if not db.exists():
        _emit(
            f"agent-evals: {db}: no warehouse here; run agent-evals load first",
            error=True,
        )
        return 1
    if args.command == "check":
        return _run_check(db, warn_only=args.warn_only)
    if args.command == "report":
        return _run_report(db, args.out)
    for line in summary_lines(db):
        _emit(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
