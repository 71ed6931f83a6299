"""Terminal plots drawn with plotext: a lesson's curves, and a wrong claim against the
right derivative (the claim as x marks, the derivative as dots: told apart without colour)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from dltutor.bank.models import PlotBlock

if TYPE_CHECKING:
    from dltutor.derivation import Curves

_POINTS = 400
_COLOURS = ("cyan", "magenta", "orange", "green", "red", "blue")  # one per curve, in order
# without colour: the first curve a fine dotted line, the others rows of marks, one
# mark each, which the legend shows beside each label (as the wrong-claim plot does)
_MARKS = ("x", "+", "o", "*", "#")
_NARROWEST = 30  # below this a plot cannot show its axis labels; the terminal wraps it


class LessonPlot:
    """A lesson plot, drawn when printed: as wide as the room the console gives it,
    with marks instead of colours when the console has no colour (NO_COLOR, piped)."""

    def __init__(self, block: PlotBlock, height: int = 16) -> None:
        self.block, self.height = block, height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = console.no_color or console.color_system is None
        yield plot_text(self.block, max(options.max_width, _NARROWEST), self.height, plain)


def plot_text(block: PlotBlock, width: int = 72, height: int = 16, plain: bool = False) -> Text:
    import numpy as np
    import plotext as plt

    from dltutor.mathexpr import numeric_function

    xs = np.linspace(block.x_range[0], block.x_range[1], _POINTS)
    every = max(1, 2 * _POINTS // width)  # about one mark per two columns
    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    for index, text in enumerate(block.functions):
        ys = np.broadcast_to(np.asarray(numeric_function(text)(xs), dtype=float), xs.shape)
        label = block.labels[index] if block.labels else text
        colour = _COLOURS[index % len(_COLOURS)]
        if plain and index:
            plt.scatter(
                xs[::every].tolist(),
                ys[::every].tolist(),
                label=label,
                marker=_MARKS[(index - 1) % len(_MARKS)],
            )
        else:
            plt.plot(
                xs.tolist(), ys.tolist(), label=label, marker="braille", color="default" if plain else colour
            )
    if block.title:
        plt.title(block.title)
    return Text.from_ansi(plt.build())


CLAIM_STYLE = ("red", "x")  # the learner's claim: a row of x marks, sparser
REFERENCE_STYLE = ("cyan", "braille")  # the right derivative: a fine dotted line
_CLAIM_EVERY = 4  # draw every 4th sample of the claim, so its marks stay separate
MIN_WIDTH = 60  # DESIGN §7: every output fits a 60-column terminal


def show_claim_plot(
    console: Console,
    claim: str,
    reference: str,
    var: str,
    point: dict[str, float] | None,
    domain: str = "real",
) -> None:
    """Draw a wrong one-variable claim against the right answer, on a terminal only:
    piped output and --json stay plain text."""
    if not console.is_terminal or not point or len(point) != 1:
        return
    from dltutor.derivation import claim_curves

    curves = claim_curves(claim, reference, var, next(iter(point.values())), domain)
    if curves is not None:
        console.print(claim_plot(curves, max(console.width - 2, MIN_WIDTH - 2)))


def claim_plot(curves: Curves, width: int = 72, height: int = 14) -> Text:
    """The claim as x marks and the right answer as a dotted line, told apart without
    colour: the legend shows each one's marker. A dashed line marks the counterexample."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, height)
    plt.theme("clear")
    xs, ys = curves.reference
    plt.plot(xs, ys, label="the derivative", marker=REFERENCE_STYLE[1], color=REFERENCE_STYLE[0])
    cx, cy = curves.claim
    plt.scatter(
        cx[::_CLAIM_EVERY], cy[::_CLAIM_EVERY], label="yours", marker=CLAIM_STYLE[1], color=CLAIM_STYLE[0]
    )
    plt.vline(curves.point, "gray")
    plt.title(f"| they differ at {curves.var} = {curves.point:.4g}")
    return Text.from_ansi(plt.build())
