"""Terminal plots of functions over a range, drawn with plotext."""

from __future__ import annotations

from rich.text import Text

from dltutor.bank.models import PlotBlock

_POINTS = 400
_COLOURS = ("cyan", "magenta", "orange", "green", "red", "blue")  # one per curve, in order


def plot_text(block: PlotBlock, width: int = 72, height: int = 16) -> Text:
    import numpy as np
    import plotext as plt

    from dltutor.mathexpr import numeric_function

    xs = np.linspace(block.x_range[0], block.x_range[1], _POINTS)
    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    for index, text in enumerate(block.functions):
        ys = np.broadcast_to(np.asarray(numeric_function(text)(xs), dtype=float), xs.shape)
        label = block.labels[index] if block.labels else text
        plt.plot(xs.tolist(), ys.tolist(), label=label, marker="braille",
                 color=_COLOURS[index % len(_COLOURS)])
    if block.title:
        plt.title(block.title)
    return Text.from_ansi(plt.build())
