"""diagnose(): name the common mistake behind a wrong derivative, when one fits.

Each rule builds a candidate -- what the learner would have written after
making that one mistake -- and tests it with the same numeric equivalence as
grading. The first rule whose candidate matches the answer wins; rules that
explain more (a missing chain-rule factor) come before rules that explain
less (some constant factor).
"""

from __future__ import annotations

import fractions
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .calculus import inline, wrt_symbol
from .domains import DomainLike
from .equivalence import as_expr, numeric
from .evaluate import Undefined, compile_mp, value_at
from .points import Sampler, domains_for
from .vocabulary import gelu, silu


@dataclass(frozen=True)
class Mistake:
    """name: sign | constant-factor | chain-rule | product-rule | wrong-variable |
    gave-function | integrated; message: one or two sentences for the learner."""

    name: str
    message: str


class _Case:
    def __init__(
        self,
        answer: sp.Expr,
        reference: sp.Expr,
        function: sp.Expr | None,
        wrt: sp.Symbol | None,
        variables: Any,
    ) -> None:
        self.a, self.r, self.f, self.x = answer, reference, function, wrt
        self.domains = domains_for([e for e in (answer, reference, function) if e is not None], variables)
        self.deadline = time.monotonic() + 2.0

    def same(self, candidate: sp.Expr, answer: sp.Expr | None = None) -> bool:
        a = self.a if answer is None else answer
        if not candidate.free_symbols <= set().union(*(e.free_symbols for e in (a, self.r))) | (
            self.f.free_symbols if self.f is not None else set()
        ):
            return False
        try:
            return numeric(a, candidate, self.domains, min(self.deadline, time.monotonic() + 0.5)).equal
        except Exception:  # a candidate we cannot evaluate simply does not match
            return False

    def same_derivative(self, target: sp.Expr) -> bool:
        """Is d(answer)/dx the same as `target`?"""
        return self.x is not None and self.same(target, sp.diff(self.a, self.x))


def _sign(c: _Case) -> Iterator[Mistake]:
    if c.same(-c.r):
        yield Mistake("sign", "The sign is flipped: your answer is the negative of the right one.")


def _gave_function(c: _Case) -> Iterator[Mistake]:
    if c.f is not None and c.same(c.f):
        yield Mistake("gave-function", "That is the function itself, not its derivative.")


def _integrated(c: _Case) -> Iterator[Mistake]:
    if c.f is not None and c.x is not None and c.same_derivative(c.f):
        yield Mistake(
            "integrated",
            "You integrated instead of differentiating: the derivative "
            "of your answer is the function itself.",
        )


def _wrong_variable(c: _Case) -> Iterator[Mistake]:
    if c.f is None or c.x is None:
        return
    for v in sorted(c.f.free_symbols - {c.x}, key=str):
        if c.same(sp.diff(c.f, v)):
            yield Mistake(
                "wrong-variable", f"You differentiated with respect to {v}; the question asks for d/d{c.x}."
            )


def _inner_parts(f: sp.Basic, x: sp.Symbol) -> Iterator[tuple[sp.Expr, sp.Basic]]:
    """(inner u, the outer expression it sits in) for every function argument and power base."""
    for node in sp.preorder_traversal(f):
        if isinstance(node, sp.Function) or (node.is_Pow and not node.exp.has(x)):
            inner = node.args if isinstance(node, sp.Function) else (node.base,)
            for u in inner:
                if u.has(x) and u != x:
                    yield u, node


def _chain_rule(c: _Case) -> Iterator[Mistake]:
    if c.f is None or c.x is None:
        return
    seen: set[sp.Expr] = set()
    for u, outer in _inner_parts(c.f, c.x):
        du = sp.diff(u, c.x)
        if du in seen or du == 1 or du == 0:
            continue
        seen.add(du)
        if c.same(c.r / du):
            yield Mistake(
                "chain-rule",
                f"Chain rule: the inner derivative {inline(du)} "
                f"(of {inline(u)} inside {inline(outer)}) is missing.",
            )


def _product_rule(c: _Case) -> Iterator[Mistake]:
    if c.f is None or c.x is None:
        return
    f = c.f.replace(lambda e: isinstance(e, (silu, gelu)), lambda e: e.definition())
    if not f.is_Mul:
        return
    const = sp.Mul(*[g for g in f.args if not g.has(c.x)])
    parts = [g for g in f.args if g.has(c.x)]
    if len(parts) < 2:
        return
    terms = [const * sp.diff(g, c.x) * sp.Mul(*(h for h in parts if h is not g)) for g in parts]
    for g, term in zip(parts, terms):
        if c.same(c.r - term):
            yield Mistake(
                "product-rule",
                f"Product rule: the term {inline(term)} (from differentiating {inline(g)}) is missing.",
            )
    if c.same(const * sp.Mul(*(sp.diff(g, c.x) for g in parts))):
        yield Mistake(
            "product-rule",
            "Product rule: (g·h)' = g'·h + g·h', not g'·h'. Here the "
            f"terms are {' and '.join(inline(t) for t in terms)}; your answer "
            "multiplies the factors' derivatives instead.",
        )


def _constant_factor(c: _Case) -> Iterator[Mistake]:
    ratio = _ratio(c)
    if ratio is None or not math.isfinite(ratio) or abs(ratio) < 1e-12 or abs(ratio - 1) < 1e-12:
        return
    frac = fractions.Fraction(ratio).limit_denominator(1000)
    k = sp.Rational(frac.numerator, frac.denominator)
    if abs(float(k) - ratio) < 1e-9 * abs(ratio) and c.same(k * c.r):
        yield Mistake(
            "constant-factor", f"Off by a constant factor: your answer is {inline(k)} times the right one."
        )
    elif c.same(sp.Float(ratio, 30) * c.r):
        yield Mistake(
            "constant-factor",
            f"Off by a constant factor: your answer is about {ratio:.6g} times the right one.",
        )


def _ratio(c: _Case) -> float | None:
    """answer / reference at the first point where both are defined (and it is not 0/0)."""
    fa, fr = compile_mp(c.a), compile_mp(c.r)
    sampler = Sampler(c.domains, "ratio")
    for k in range(40):
        point = sampler.point(k)
        try:
            va, vr = value_at(fa, point)[0], value_at(fr, point)[0]
        except Undefined:
            continue
        if vr != 0:
            return float(va / vr)
    return None


RULES: tuple[Callable[[_Case], Iterator[Mistake]], ...] = (
    _sign,
    _gave_function,
    _integrated,
    _wrong_variable,
    _chain_rule,
    _product_rule,
    _constant_factor,
)


def diagnose(
    answer: Any,
    reference: Any,
    variables: Mapping[str, DomainLike] | None = None,
    *,
    function: Any = None,
    wrt: sp.Symbol | str | None = None,
    params: Mapping[str, Any] | None = None,
) -> Mistake | None:
    """The named mistake that turns the right answer into `answer`, or None.

    `function` and `wrt` (the function that was differentiated and the
    variable) enable the calculus rules; without them only sign and constant
    factor can be named. Returns None when the answer is right.
    """
    a, r = as_expr(answer, variables, params), as_expr(reference, variables, params)
    f = as_expr(function, variables, params) if function is not None else None
    x = wrt_symbol(f if f is not None else r, wrt) if wrt is not None else None
    if x is None and f is not None and len(f.free_symbols) == 1:
        x = next(iter(f.free_symbols))
    case = _Case(a, r, f, x, variables)
    if case.same(r):
        return None
    for rule in RULES:
        for mistake in rule(case):
            return mistake
    return None
