"""formula_holds(): check each '=' of a lesson formula at random points.

Slow but thorough (SymPy doit + evalf at 30 digits): it runs in tests of the
bank, not while a learner waits. Summation bounds get small integers, matrices
get random entries of their declared shape, and points where a side is not a
real number are redrawn, so log(ab) = log(a) + log(b) is checked where it is
meant (a, b > 0) without declaring anything.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any

import sympy as sp

from .domains import REAL, Domain, DomainLike, normalise_variables
from .formula import EqChain
from .normalise import fail
from .vocabulary import expand_activations

POINTS = 6
RTOL = 1e-8


def _sides(formula: sp.Basic) -> tuple[sp.Basic, ...]:
    if isinstance(formula, EqChain):
        return formula.sides
    if isinstance(formula, sp.Eq):
        return formula.lhs, formula.rhs
    raise fail("not an equation: nothing to check", None, str(formula))


def _bounds(formula: sp.Basic) -> set[sp.Symbol]:
    """Symbols used as summation bounds: they must be integers."""
    out: set[sp.Symbol] = set()
    for s in formula.atoms(sp.Sum):
        for _, lo, hi in s.limits:
            out |= lo.free_symbols | hi.free_symbols
    return out


def _point(formula: sp.Basic, rng: random.Random, doms: dict[str, Domain]) -> dict[Any, Any]:
    ints, subs = _bounds(formula), {}
    for m in formula.atoms(sp.MatrixSymbol):
        subs[m] = sp.Matrix(m.rows, m.cols, lambda i, j: sp.Rational(rng.randint(-9, 9), 4))
    for s in formula.free_symbols - set(subs):
        if isinstance(s, sp.Symbol):
            subs[s] = (
                sp.Integer(rng.randint(1, 5))
                if s in ints
                else sp.Float(doms.get(s.name, REAL).sample(rng, rng.randrange(12)), 30)
            )
    return subs


def _value(side: sp.Basic, subs: dict[Any, Any]) -> Any:
    side = side.replace(lambda e: isinstance(e, sp.Derivative), lambda e: e.doit())
    side = expand_activations(side).xreplace(subs)
    side = side.replace(
        lambda e: isinstance(e, (sp.Sum, sp.MatrixExpr)),
        lambda e: e.doit() if not isinstance(e, sp.MatrixSymbol) else e,
    )
    value = side.evalf(30)
    return value.as_explicit() if isinstance(value, sp.MatrixExpr) else value


def _close(a: Any, b: Any) -> bool | None:
    """True/False if both are real numbers (or real matrices of one shape); None: redraw."""
    if isinstance(a, sp.MatrixBase) or isinstance(b, sp.MatrixBase):
        both = isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase)
        if not both or a.shape != b.shape:
            return False
        verdicts = [_close(x, y) for x, y in zip(a, b)]
        return None if None in verdicts else all(verdicts)
    if not (a.is_number and b.is_number) or not (a.is_extended_real and b.is_extended_real):
        return None
    if a.has(sp.zoo, sp.nan) or b.has(sp.zoo, sp.nan):
        return None
    return abs(a - b) <= RTOL * max(abs(a), abs(b)) + sp.Float(10) ** -25


def formula_holds(
    formula: sp.Basic, variables: Mapping[str, DomainLike] | None = None, *, seed: int = 0
) -> bool:
    """Does every '=' of `formula` (from parse_formula) hold at random points?"""
    undefined = [
        f for f in formula.atoms(sp.Function) if isinstance(type(f), sp.core.function.UndefinedFunction)
    ]
    if undefined:
        raise fail(
            f"cannot check numerically: {type(undefined[0]).__name__} is not a known function",
            None,
            str(formula),
        )
    doms, rng = normalise_variables(variables), random.Random(seed)
    sides, checked = _sides(formula), 0
    for _ in range(20 * POINTS):
        subs = _point(formula, rng, doms)
        try:
            values = [_value(s, subs) for s in sides]
        except (ZeroDivisionError, ValueError, TypeError, sp.ShapeError):
            continue
        verdicts = [_close(x, y) for x, y in itertools.pairwise(values)]
        if False in verdicts:
            return False
        if None not in verdicts:
            checked += 1
            if checked >= POINTS:
                return True
    return False
