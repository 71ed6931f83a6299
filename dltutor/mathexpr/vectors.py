"""Arithmetic on the lists of a vector or matrix answer, entry by entry.

`[e^z1, e^z2]/(e^z1 + e^z2)` and `σ(z)(1 − σ(z))·[x1, x2, 1]` are what people
type for a vector; a scalar and a list combine entry by entry, two lists of
the same shape add and subtract. A product of two lists is refused (dot,
outer or entrywise? it is ambiguous), as is any arithmetic on mixed shapes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


class ShapeError(ValueError):
    """Lists that cannot be combined; the message is for the learner."""


def combine(op: str, a: Any, b: Any) -> Any:
    """a op b, entry by entry when either side is a list."""
    if not isinstance(a, list) and not isinstance(b, list):
        return OPS[op](a, b)
    if isinstance(a, list) and isinstance(b, list):
        if op in "*/":
            raise ShapeError(
                f"'{op}' between two lists is ambiguous (dot, outer or entry by entry?); write each entry"
            )
        if len(a) != len(b):
            raise ShapeError(
                f"cannot {'add' if op == '+' else 'subtract'} lists of {len(a)} and {len(b)} entries"
            )
        return [combine(op, x, y) for x, y in zip(a, b)]
    if isinstance(b, list):
        if op == "/":
            raise ShapeError("dividing by a list is not defined")
        if op in "+-":
            raise ShapeError(f"cannot {'add' if op == '+' else 'subtract'} a number and a list")
        return [combine(op, a, y) for y in b]
    if op in "+-":
        raise ShapeError(f"cannot {'add' if op == '+' else 'subtract'} a list and a number")
    return [combine(op, x, b) for x in a]


def negate(value: Any) -> Any:
    return [negate(v) for v in value] if isinstance(value, list) else -value


def transpose(value: Any) -> Any:
    """Rows become columns; a flat vector stays as it is (vectors are read as columns)."""
    if not isinstance(value, list):
        raise ShapeError("ᵀ (transpose) applies to a vector or a matrix")
    if not value or not all(isinstance(row, list) for row in value):
        return value
    if len({len(row) for row in value}) != 1:
        raise ShapeError("the rows have different lengths")
    return [list(col) for col in zip(*value)]
