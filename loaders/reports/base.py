"""What every report module returns, and file names from free text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Report:
    """One written report: its title, its Markdown file and a one-line gist."""

    title: str
    path: Path
    gist: str


def slug(value: str) -> str:
    """A file-name-safe form of a benchmark or model name."""
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-").lower() or "unnamed"
