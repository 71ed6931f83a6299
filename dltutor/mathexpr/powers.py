"""The caps on numbers and powers that keep every answer cheap and printable.

SymPy evaluates numeric powers eagerly (9**9**9 would never finish, and
(2x)^n makes 2^n at once), and CPython refuses str() of an int over 4300
digits, which every printer needs (read-as, JSON, the worker's wire format).
So exponents are capped, and so is every exact number an answer builds.
"""

from __future__ import annotations

import math
from typing import Any

import sympy as sp

MAX_POWER = 10000  # largest integer exponent (mpmath evaluates x^n in O(log n) products)
MAX_BITS = 14000  # largest exact number: about 4200 digits
TOO_LARGE = "number too large (more than about 4000 digits)"


def too_large(value: Any) -> bool:
    """Does `value` (or its numeric coefficient, or any entry of a list) exceed MAX_BITS?"""
    if isinstance(value, list):
        return any(too_large(item) for item in value)
    if isinstance(value, sp.Expr) and not value.is_Rational:
        value = value.as_coeff_Mul()[0]
    return (
        isinstance(value, sp.Rational)
        and max(int(value.p).bit_length(), int(value.q).bit_length()) > MAX_BITS
    )


def power_problem(base: Any, exponent: Any) -> tuple[str, bool] | None:
    """(message, whether it is the exponent's fault) when base^exponent must not be built."""
    if not (isinstance(exponent, sp.Basic) and exponent.is_Rational):
        return None
    if abs(exponent.p) > MAX_POWER:
        return f"exponent too large (at most {MAX_POWER})", True
    if isinstance(base, sp.Expr) and not base.is_Rational:
        base = base.as_coeff_Mul()[0]  # (2x)^n makes 2^n eagerly
    if isinstance(base, sp.Basic) and base.is_Rational:
        # plain Python numbers: under evaluate(False) (lesson formulas) SymPy
        # arithmetic would build an unevaluated Relational, not a bool
        if base.p == 0 and exponent.p < 0:
            return "division by zero", False
        size = max(abs(int(base.p)), abs(int(base.q)), 2)
        if abs(int(exponent.p)) / int(exponent.q) * math.log2(size) > MAX_BITS:
            return TOO_LARGE, False
    return None
