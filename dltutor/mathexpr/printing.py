"""pretty(): how an answer was read, as Unicode 2-D math (σ for the sigmoid)."""

from __future__ import annotations

from typing import Any

import sympy as sp


def pretty(expr: Any, *, width: int = 80) -> str:
    """Unicode 2-D rendering; lists print as [a, b], matrices as matrices."""
    if isinstance(expr, (list, tuple)):
        flat = expr and not isinstance(expr[0], (list, tuple))
        expr = sp.Matrix([expr]) if flat else sp.Matrix(expr)
    # order="none": terms as the author or learner wrote them, not SymPy's sort order
    return sp.pretty(expr, use_unicode=True, num_columns=width, order="none")
