"""pretty(): how an answer was read, as Unicode 2-D math (σ for the sigmoid)."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sympy as sp

_UNITS = "sympy.physics.units"


class _NoQuantity:
    """Nothing dltutor prints is a physical quantity."""


@contextmanager
def _without_physics_units() -> Iterator[None]:
    """SymPy's pretty printer imports sympy.physics.units on its first product
    (~120 ms, a fifth of a one-shot check-gradient) only to test isinstance
    against Quantity; lend it a stand-in while we print, unless it is loaded."""
    if _UNITS in sys.modules:
        yield
        return
    stand_in = types.ModuleType(_UNITS)
    stand_in.Quantity = _NoQuantity  # type: ignore[attr-defined]
    sys.modules[_UNITS] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(_UNITS) is stand_in:
            del sys.modules[_UNITS]


def pretty(expr: Any, *, width: int = 80) -> str:
    """Unicode 2-D rendering; lists print as [a, b], matrices as matrices."""
    if isinstance(expr, (list, tuple)):
        flat = expr and not isinstance(expr[0], (list, tuple))
        expr = sp.Matrix([expr]) if flat else sp.Matrix(expr)
    with _without_physics_units():
        # order="none": terms as the author or learner wrote them, not SymPy's sort order
        return sp.pretty(expr, use_unicode=True, num_columns=width, order="none")
