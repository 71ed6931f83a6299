"""pretty(): how an answer was read, as Unicode 2-D math (σ for the sigmoid).

Two departures from SymPy's printer, for readers of deep-learning texts: the
step function prints as Heaviside(x), not θ(x) (θ is a parameter here, and
relu's derivative must be recognisable); and the derivative of a bare symbol
(L, F, f_i: a quantity of many variables whose dependence is not written)
prints with ∂, as ∂L/∂W_jk, where SymPy sees one free symbol and draws d.
"""

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
    from sympy.printing.pretty.pretty_symbology import pretty_use_unicode

    # order="none": terms as the author or learner wrote them, not SymPy's sort order
    printer = _printer_class()({"use_unicode": True, "num_columns": width, "order": "none"})
    before = pretty_use_unicode(True)
    try:
        with _without_physics_units():
            return printer.doprint(expr)
    finally:
        pretty_use_unicode(before)


def _printer_class() -> type:
    from sympy.printing.pretty.pretty import PrettyPrinter

    module: Any = sys.modules[PrettyPrinter.__module__]  # the package re-exports a function by this name

    class Printer(PrettyPrinter):
        def _print_Heaviside(self, e: Any) -> Any:
            return self._print_Function(sp.Function("Heaviside")(*e.pargs))  # H0 only if not ½

        def _print_Derivative(self, deriv: Any) -> Any:
            if not deriv.expr.is_Symbol:
                return super()._print_Derivative(deriv)
            saved = module.requires_partial  # the one test SymPy's method makes for ∂
            module.requires_partial = lambda expr: True
            try:
                return super()._print_Derivative(deriv)
            finally:
                module.requires_partial = saved

    return Printer
