"""High-precision evaluation of a SymPy tree, compiled once into closures.

Why not lambdify or evalf: lambdify generates and execs source code, and evalf
re-walks the tree at every point (too slow for a 20 ms budget). Here each node
becomes a closure over mpmath, which never overflows (exp(800) is a number).
Accuracy is checked, not hoped for: `value_at` evaluates at two precisions and
escalates when they disagree, and the two places where both precisions can be
wrong in the same way -- a sum that cancels completely, a log or a power of a
number that rounded to exactly 1 -- raise LostPrecision so the next rung of the
ladder is used.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import mpmath
import sympy as sp
from mpmath import mp, mpf

from .mp_functions import FUNCS, LostPrecision, Undefined, Unusable, erfc_form
from .mp_functions import lost as _lost

Env = dict[str, mpf]
TRUST = mpf(2) ** -50  # the two precisions must agree this well (rtol is 1e-9 ~ 2^-30)
Fn = Callable[[Env], mpf]
LADDER = (96, 384, 1536)  # bits; each rung is checked against 2*bits + 32


class _Cancel:
    """In a second pass (`value_at(..., cancel=True)`), a sum that cancels completely
    on the last rung is taken as 0, with an absolute error bound.

    Used only when no point could be trusted otherwise: that is how an
    identically-zero side (1/(a-b) + 1/(b-a), sin²x + cos²x - 1) is decided.
    `slack` is the largest bound of such a sum, widened by AMPLIFY for the
    products and quotients it may still pass through.
    """

    to_zero = False
    slack = mpf(0)


AMPLIFY = mpf(2) ** 100


def _add(fs: list[Fn]) -> Fn:
    def f(env: Env) -> mpf:
        vals = [g(env) for g in fs]
        s = mpmath.fsum(vals)
        scale = max(abs(v) for v in vals)
        if _lost(s, scale):
            if not _Cancel.to_zero:
                raise LostPrecision
            _Cancel.slack = max(_Cancel.slack, scale * mpf(2) ** (10 - mp.prec) * AMPLIFY)
            return mpf(0)
        return s

    return f


def _mul(fs: list[Fn]) -> Fn:
    def f(env: Env) -> mpf:
        acc = mpf(1)
        for g in fs:
            acc *= g(env)
        return acc

    return f


def _pow(fb: Fn, e: sp.Expr, fe: Fn) -> Fn:
    if e.is_Integer:
        n = int(e)

        def ipow(env: Env) -> mpf:
            b = fb(env)
            if b == 0 and n < 0:
                raise Undefined
            return b**n

        return ipow

    def f(env: Env) -> mpf:
        b, x = fb(env), fe(env)
        if b < 0 or (b == 0 and x <= 0):
            raise Undefined  # SymPy's principal value is not real here
        if _lost(b - 1, 1) and abs(x) * mpf(2) ** -mp.prec > mpf(10) ** -30:
            raise LostPrecision
        return mpmath.sqrt(b) if e == sp.S.Half else mpmath.power(b, x)

    return f


class NotNumeric(TypeError):
    """The tree holds something the numeric checker cannot evaluate."""


def compile_mp(expr: sp.Basic) -> Fn:
    """A closure computing `expr` at a point {name: mpf} at the current precision."""
    if isinstance(expr, sp.Symbol):
        name = expr.name
        return lambda env: env[name]
    if expr.is_Rational:
        p, q = int(expr.p), int(expr.q)
        return (lambda env: mpf(p)) if q == 1 else (lambda env: mpf(p) / q)
    if expr.is_Float:
        value = mpf(expr._mpf_)
        return lambda env: value
    if expr is sp.pi or expr is sp.E:
        const = mpmath.pi if expr is sp.pi else mpmath.e
        return lambda env: +const
    if expr.is_Add:
        return _add([compile_mp(a) for a in erfc_form(expr)])
    if expr.is_Mul:
        return _mul([compile_mp(a) for a in expr.args])
    if expr.is_Pow:
        return _pow(compile_mp(expr.base), expr.exp, compile_mp(expr.exp))
    fn = FUNCS.get(type(expr))
    if fn is None:
        raise NotNumeric(f"cannot evaluate {type(expr).__name__} numerically")
    args = [compile_mp(a) for a in expr.args]
    if len(args) == 1:
        only = args[0]
        return lambda env: fn(only(env))
    return lambda env: fn(*[g(env) for g in args])


def _check(v: object) -> mpf:
    if not isinstance(v, mpf) or mpmath.isnan(v):
        raise Undefined
    if mpmath.isinf(v):
        raise Unusable
    return v


def value_at(
    fn: Fn, point: dict[str, float], deadline: float = math.inf, cancel: bool = False
) -> tuple[mpf, mpf]:
    """(value, error bound) at `point`, trusted to 2^-50 relative; or Undefined.

    No new rung is started after `deadline` (time.monotonic()): Unusable instead.
    """
    for bits in LADDER:
        if bits > LADDER[0] and time.monotonic() > deadline:
            raise Unusable
        try:
            with mp.workprec(bits):
                low = _check(fn({k: mpf(v) for k, v in point.items()}))
            with mp.workprec(2 * bits + 32):
                high = _check(fn({k: mpf(v) for k, v in point.items()}))
                err = abs(high - low)
        except LostPrecision:
            if bits == LADDER[-1] and cancel:
                return _cancelled(fn, point)
            continue
        if err <= abs(high) * TRUST:
            return high, err
    raise Unusable  # no rung was accurate enough


def _cancelled(fn: Fn, point: dict[str, float]) -> tuple[mpf, mpf]:
    """The last rung again, with complete cancellations read as 0 (see _Cancel)."""
    bits = 2 * LADDER[-1] + 32
    try:
        _Cancel.to_zero, _Cancel.slack = True, mpf(0)
        with mp.workprec(bits):
            value = _check(fn({k: mpf(v) for k, v in point.items()}))
    except LostPrecision:
        raise Unusable from None  # a log or power of a number that rounded to 1
    finally:
        _Cancel.to_zero = False
    return value, abs(value) * TRUST + _Cancel.slack
