"""Accuracy over time as a terminal plot (plotext, imported only when drawn).

plotext 6 replaced the 5.x module-level functions with a figure object; both
are supported, since the dependency allows either.
"""

from __future__ import annotations

from datetime import date
from typing import Any  # plotext has no types

from rich.text import Text

TITLE = "Accuracy per day (%)"


def accuracy_plot(by_day: list[tuple[date, int, int]], width: int = 72, height: int = 12) -> Text:
    """`by_day`: (day, attempts, correct), oldest first, at least one day."""
    import plotext as plt

    first = by_day[0][0]
    xs = [(day - first).days for day, _, _ in by_day]
    ys = [100.0 * ok / n for _, n, ok in by_day]
    step = max(1, len(xs) // 5)  # about five dates under the x axis
    ticks, labels = xs[::step], [f"{day:%d %b}" for day, _, _ in by_day][::step]
    draw = _figure_api if hasattr(getattr(plt, "figure", None), "signal") else _module_api
    return Text.from_ansi(draw(plt, xs, ys, ticks, labels, width, height))


def _figure_api(
    plt: Any, xs: list[int], ys: list[float], ticks: list[int], labels: list[str], width: int, height: int
) -> str:
    figure = plt.figure
    figure.clear()
    figure.plot_size(width, height)
    figure.theme("clear")
    signal = figure.signal(xs, ys, marker="braille")
    signal.lines()
    figure.draw(signal)
    figure.ruler("y").lim(0, 100)
    figure.ruler("x").ticks(ticks, labels)
    figure.title(TITLE)
    return figure.build().string()


def _module_api(
    plt: Any, xs: list[int], ys: list[float], ticks: list[int], labels: list[str], width: int, height: int
) -> str:
    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    plt.plot(xs, ys, marker="braille")
    plt.ylim(0, 100)
    plt.xticks(ticks, labels)
    plt.title(TITLE)
    return plt.build()
