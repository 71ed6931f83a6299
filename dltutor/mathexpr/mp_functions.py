"""mpmath versions of the vocabulary's functions, and the errors of evaluation.

Each function raises Undefined where it has no real value (redraw the point)
and Unusable where a value exists but cannot be trusted (an argument beyond
GUARD); `lost` tells when a result has lost the working precision.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import sympy as sp
from mpmath import mp, mpf

from . import vocabulary as V

GUARD = mpf(10) ** 12  # larger arguments to exp/sin/cosh are not sampled (redraw)


class Undefined(ArithmeticError):
    """No real value here (pole, log of a negative, ...): draw another point."""


class Unusable(Undefined):
    """A value may exist but cannot be trusted here (too large, precision ran out)."""


class LostPrecision(ArithmeticError):
    """The working precision was not enough at this point."""


def lost(x: mpf, scale: mpf) -> bool:
    return abs(x) <= abs(scale) * mpf(2) ** (10 - mp.prec)


def _guarded(fn: Callable[[mpf], mpf]) -> Callable[[mpf], mpf]:
    def g(x: mpf) -> mpf:
        if abs(x) > GUARD:
            raise Unusable
        return fn(x)

    return g


def _log(x: mpf) -> mpf:
    if x <= 0:
        raise Undefined
    if lost(x - 1, 1):
        raise LostPrecision
    return mpmath.log(x)


def _sigmoid(x: mpf) -> mpf:
    return 1 / (1 + mpmath.exp(-x))


def _heaviside(x: mpf, h0: mpf = mpf(0.5)) -> mpf:
    return mpf(1) if x > 0 else (mpf(0) if x < 0 else h0)


def _dirac(x: mpf) -> mpf:
    if x == 0:
        raise Undefined
    return mpf(0)


_SQRT2 = mpmath.sqrt(2)
FUNCS: dict[type, Callable[..., mpf]] = {
    sp.exp: _guarded(mpmath.exp),
    sp.log: _log,
    sp.sin: _guarded(mpmath.sin),
    sp.cos: _guarded(mpmath.cos),
    sp.tan: _guarded(mpmath.tan),
    sp.sinh: _guarded(mpmath.sinh),
    sp.cosh: _guarded(mpmath.cosh),
    sp.tanh: mpmath.tanh,
    sp.sech: _guarded(mpmath.sech),
    sp.sec: _guarded(mpmath.sec),
    sp.csc: _guarded(mpmath.csc),
    sp.cot: _guarded(mpmath.cot),
    sp.csch: _guarded(mpmath.csch),
    sp.coth: mpmath.coth,
    sp.asin: mpmath.asin,
    sp.acos: mpmath.acos,
    sp.atan: mpmath.atan,
    sp.asec: mpmath.asec,
    sp.acsc: mpmath.acsc,
    sp.acot: mpmath.acot,
    sp.asinh: mpmath.asinh,
    sp.acosh: mpmath.acosh,
    sp.atanh: mpmath.atanh,
    sp.asech: mpmath.asech,
    sp.acsch: mpmath.acsch,
    sp.acoth: mpmath.acoth,
    sp.erf: mpmath.erf,
    sp.erfc: mpmath.erfc,
    sp.Abs: abs,
    sp.sign: mpmath.sign,
    sp.Heaviside: _heaviside,
    sp.DiracDelta: _dirac,
    sp.Max: max,
    sp.Min: min,
    V.sigmoid: _guarded(_sigmoid),
    V.softplus: _guarded(lambda x: mpmath.log1p(mpmath.exp(x))),
    V.relu: lambda x: max(mpf(0), x),
    V.silu: _guarded(lambda x: x * _sigmoid(x)),
    V.gelu: lambda x: x * mpmath.erfc(-x / mpmath.sqrt(2)) / 2,
}


def erfc_form(expr: sp.Expr) -> tuple[sp.Expr, ...]:
    """±1 ± erf(u) as ±erfc(∓u): the same number, without the cancellation that
    sends every far point (GELU's tail) up the whole ladder."""
    args = list(expr.args)
    for c in (1, -1):
        if c not in args:
            continue
        for k, term in enumerate(args):
            s = 1 if isinstance(term, sp.erf) else -1 if isinstance(-term, sp.erf) else 0
            if s:
                u = (s * term).args[0]
                rest = [a for i, a in enumerate(args) if i != k]
                rest.remove(sp.Integer(c))
                return (*rest, c * sp.erfc(-u if c == s else u, evaluate=False))
    return tuple(args)
