"""The picture of a wrong claim: both curves, told apart without colour, around the point."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from rich.console import Console

from dltutor.derivation import claim_curves
from dltutor.render.plot import show_claim_plot

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _drawn(width: int, no_color: bool, terminal: bool = True) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=terminal, no_color=no_color)
    show_claim_plot(console, "exp(2*x)/(exp(2*x) + 1)", "2*sigmoid(2*x)", "x", {"x": 1.0})
    return buffer.getvalue()


def test_the_claim_and_the_derivative_are_told_apart_without_colour():
    text = ANSI.sub("", _drawn(60, no_color=True))
    assert "xx yours" in text  # the claim: x marks
    assert re.search(r"[\u2800-\u28ff]{2} the derivative", text)  # the derivative: dots
    assert text.count("x") > 20 and "they differ at x = 1" in text


def test_the_picture_fits_the_terminal_down_to_60_columns():
    for width in (60, 80):
        lines = ANSI.sub("", _drawn(width, no_color=False)).splitlines()
        assert lines and max(len(line) for line in lines) <= width
        assert max(len(line) for line in lines) >= width - 6  # it uses the width it has


def test_no_picture_when_the_output_is_not_a_terminal():
    assert _drawn(80, no_color=True, terminal=False) == ""


def test_the_range_holds_the_counterexample_and_stays_in_the_domain():
    curves = claim_curves("1/x", "-1/x^2", "x", 0.5, "positive")
    assert curves is not None and 0 < curves.lo < 0.5 < curves.hi
    far = claim_curves("x", "2x", "x", 120.0)
    assert far.lo < 120 < far.hi and far.hi - far.lo >= 120  # wide enough to show the shape


def test_an_undrawable_claim_gives_no_picture_rather_than_an_error():
    assert claim_curves("Integral(x, x)", "x", "x", 1.0) is None


def test_importing_the_package_loads_neither_sympy_nor_numpy():
    code = "import sys, dltutor.derivation; print('sympy' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=False
    )
    assert out.stdout.split() == ["False", "False"]
