"""Markdown for reports: safe text, numbers rounded for display, tables.

Every string a report prints may come from a run file (a model name, an error
message, a task id), so it is escaped before it reaches Markdown: a crafted
value cannot close a table cell, start a link, inject HTML or break a line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
MISSING = "n/a"
"""How a null shows in a table."""
MAX_TEXT = 200
"""Characters of a value shown in a cell; longer values end with an ellipsis."""


def text(value: object) -> str:
    """A value as inert Markdown text on one line."""
    if value is None:
        return MISSING
    shown = _LINE_BREAKS.sub(" ", str(value)).strip()
    shown = "".join(ch for ch in shown if ch.isprintable())
    if len(shown) > MAX_TEXT:
        shown = shown[: MAX_TEXT - 1] + "…"
    return _SPECIAL.sub(r"\\\1", shown).replace("&", "&amp;")


def code(value: object) -> str:
    """An identifier or a command as a code span a person can copy whole.

    The span's fence is longer than any backtick run inside, and `|` is
    escaped, which GitHub tables require even inside code.
    """
    if value is None:
        return MISSING
    shown = _LINE_BREAKS.sub(" ", str(value)).strip()
    shown = "".join(ch for ch in shown if ch.isprintable()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def number(value: float | int | None, digits: int = 3) -> str:
    """A number rounded half to even for display (rules convention 6)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, int):
        return str(value)
    quantum = Decimal(1).scaleb(-digits)
    return str(Decimal(repr(float(value))).quantize(quantum, ROUND_HALF_EVEN))


def count(n: int, noun: str) -> str:
    """`n` and the noun, plural unless `n` is 1 ("1 run", "3 runs")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table of cells already rendered by `text` or `number`."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    if len(lines) == 2:
        lines.append("| " + " | ".join(["(none)"] + [""] * (len(headers) - 1)) + " |")
    return "\n".join(lines)
