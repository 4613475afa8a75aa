"""Report figures with matplotlib: deterministic PNGs, labelled and legible.

The Agg backend draws without a display. PNGs carry no timestamp or software
metadata, so the same marts give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import NullLocator

DPI = 100
RATIO_TICKS = (0.1, 0.2, 0.5, 0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.25, 1.5, 2.0, 5.0, 10.0)
"""Where a log axis of ratios (speedups) gets a labelled tick."""
MAX_TICK_LABELS = 60
"""Above this many rows or columns a heatmap drops its tick labels."""


def save(fig: Figure, path: Path) -> Path:
    """Write a figure as a PNG without metadata and close it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return path


def _size(n_cols: int, n_rows: int) -> tuple[float, float]:
    width = min(max(6.0, 1.5 + 0.35 * n_cols), 24.0)
    height = min(max(3.0, 1.2 + 0.35 * n_rows), 24.0)
    return width, height


def _ticks(ax: plt.Axes, cols: Sequence[str], rows: Sequence[str]) -> None:
    if len(cols) <= MAX_TICK_LABELS:
        ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", fontsize=8)
    else:
        ax.set_xticks([])
    if len(rows) <= MAX_TICK_LABELS:
        ax.set_yticks(range(len(rows)), rows, fontsize=8)
    else:
        ax.set_yticks([])


def category_heatmap(
    cells: dict[tuple[str, str], str],
    rows: Sequence[str],
    cols: Sequence[str],
    colours: dict[str, str],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    path: Path,
) -> Path:
    """One coloured square per (row, column) by category, with a legend."""
    names = list(colours)
    index = {name: i for i, name in enumerate(names)}
    grid = [
        [index.get(cells.get((row, col), ""), float("nan")) for col in cols]
        for row in rows
    ]
    fig, ax = plt.subplots(figsize=_size(len(cols), len(rows)))
    ax.imshow(
        grid,
        cmap=ListedColormap([colours[name] for name in names]),
        vmin=-0.5,
        vmax=len(names) - 0.5,
        aspect="auto",
        interpolation="nearest",
    )
    _ticks(ax, cols, rows)
    ax.set_xticks([i - 0.5 for i in range(1, len(cols))], minor=True)
    ax.set_yticks([i - 0.5 for i in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    present = sorted(set(cells.values()) & set(names), key=names.index)
    ax.legend(
        handles=[Patch(color=colours[name], label=name) for name in present],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        frameon=False,
    )
    return save(fig, path)


def value_heatmap(
    cells: dict[tuple[str, str], float],
    rows: Sequence[str],
    cols: Sequence[str],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar: str,
    path: Path,
    digits: int = 2,
) -> Path:
    """A numeric heatmap with the value printed in each cell when it fits."""
    grid = [[cells.get((row, col), float("nan")) for col in cols] for row in rows]
    fig, ax = plt.subplots(figsize=_size(len(cols), len(rows)))
    image = ax.imshow(grid, cmap="viridis", aspect="auto", interpolation="nearest")
    _ticks(ax, cols, rows)
    if len(cols) * len(rows) <= 400:
        low, high = image.get_clim()
        middle = (low + high) / 2
        for r, row in enumerate(rows):
            for c, col in enumerate(cols):
                value = cells.get((row, col))
                if value is not None:
                    ax.text(
                        c,
                        r,
                        f"{value:.{digits}f}",
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="black" if value > middle else "white",
                    )
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(image, ax=ax, label=colorbar)
    return save(fig, path)


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    xlabel: str,
    path: Path,
) -> Path:
    """Horizontal bars, first label on top, each bar labelled with its value."""
    fig, ax = plt.subplots(figsize=(8.0, max(2.5, 0.8 + 0.45 * len(labels))))
    positions = range(len(labels))
    bars = ax.barh(positions, values, color="#1565c0")
    ax.bar_label(bars, padding=3, fontsize=8)
    ax.set_yticks(positions, labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.margins(x=0.12)
    return save(fig, path)


def strip_plot(
    points: Sequence[tuple[str, float, str]],
    colours: dict[str, str],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    path: Path,
) -> Path:
    """(row label, positive value, category) points on a log x axis."""
    rows = sorted({row for row, _, _ in points})
    index = {row: i for i, row in enumerate(rows)}
    fig, ax = plt.subplots(figsize=(8.0, max(2.5, 1.0 + 0.5 * len(rows))))
    for name, colour in colours.items():
        chosen = [(value, index[row]) for row, value, kind in points if kind == name]
        if chosen:
            ax.scatter(
                [value for value, _ in chosen],
                [row for _, row in chosen],
                color=colour,
                label=name,
                alpha=0.8,
                edgecolors="none",
            )
    ax.axvline(1.0, color="black", linewidth=0.8, linestyle=":")
    ax.set_xscale("log")
    low, high = ax.get_xlim()
    ticks = [tick for tick in RATIO_TICKS if low <= tick <= high]
    ax.set_xticks(ticks, [f"{tick:g}x" for tick in ticks])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks(range(len(rows)), rows, fontsize=9)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return save(fig, path)


def interval_chart(
    rows: Sequence[tuple[str, float | None, float | None, float | None]],
    *,
    title: str,
    xlabel: str,
    path: Path,
) -> Path:
    """(label, estimate, low, high) as a dot with its interval, first on top."""
    fig, ax = plt.subplots(figsize=(8.0, max(2.5, 1.0 + 0.45 * len(rows))))
    for position, (_, estimate, low, high) in enumerate(rows):
        if low is not None and high is not None:
            ax.plot([low, high], [position, position], color="#90a4ae", linewidth=3)
        if estimate is not None:
            ax.plot(estimate, position, "o", color="#1565c0")
    ax.set_yticks(range(len(rows)), [label for label, *_ in rows], fontsize=9)
    ax.set_ylim(-0.5, len(rows) - 0.5)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return save(fig, path)


def frontier_plot(
    points: Sequence[tuple[str, float, float, bool, bool]],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    path: Path,
) -> Path:
    """(label, x, y, on convex frontier, on staircase) points, frontiers drawn.

    The convex frontier joins its points by x; the staircase frontier is
    drawn as steps. Every point is labelled.
    """
    fig, ax = plt.subplots(figsize=(7.5, 5.0))
    ax.scatter(
        [x for _, x, _, on, _ in points if not on],
        [y for _, _, y, on, _ in points if not on],
        color="#90a4ae",
        label="dominated",
        zorder=3,
    )
    convex = sorted((x, y) for _, x, y, on, _ in points if on)
    ax.scatter(
        [x for x, _ in convex],
        [y for _, y in convex],
        color="#c62828",
        label="convex Pareto frontier",
        zorder=4,
    )
    if len(convex) > 1:
        ax.plot([x for x, _ in convex], [y for _, y in convex], color="#c62828")
    stairs = sorted((x, y) for _, x, y, _, on in points if on)
    if len(stairs) > 1:
        ax.step(
            [x for x, _ in stairs],
            [y for _, y in stairs],
            where="post",
            color="#1565c0",
            linestyle="--",
            label="staircase frontier",
        )
    for label, x, y, _, _ in points:
        ax.annotate(
            label, (x, y), textcoords="offset points", xytext=(5, 4), fontsize=8
        )
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.margins(x=0.25, y=0.15)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return save(fig, path)
