"""numeric_function(): a NumPy callable for plotting a curve such as gelu(x).

The tree is compiled into closures over NumPy ufuncs (no lambdify, so no
generated source is exec'd). Points where the function is undefined give NaN.
NumPy is imported here, on first use, not when the package is imported.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import sympy as sp

from . import vocabulary as V
from .parser import canonical_name, parse


def _table(np: Any) -> dict[type, Callable[..., Any]]:
    erf = np.vectorize(math.erf, otypes=[float])
    sig = lambda x: np.exp(-np.logaddexp(0.0, -x))  # noqa: E731 -- stable for both signs
    return {
        sp.exp: np.exp,
        sp.log: np.log,
        sp.sin: np.sin,
        sp.cos: np.cos,
        sp.tan: np.tan,
        sp.sinh: np.sinh,
        sp.cosh: np.cosh,
        sp.tanh: np.tanh,
        sp.sech: lambda x: 1 / np.cosh(x),
        sp.atan: np.arctan,
        sp.asinh: np.arcsinh,
        sp.erf: erf,
        sp.Abs: np.abs,
        sp.sign: np.sign,
        sp.Heaviside: lambda x, h=0.5: np.heaviside(x, h),
        sp.DiracDelta: lambda x: 0 * x,
        sp.Max: lambda *a: np.maximum.reduce(np.broadcast_arrays(*a)),
        sp.Min: lambda *a: np.minimum.reduce(np.broadcast_arrays(*a)),
        V.sigmoid: sig,
        V.softplus: lambda x: np.logaddexp(0.0, x),
        V.relu: lambda x: np.maximum(x, 0.0),
        V.silu: lambda x: x * sig(x),
        V.gelu: lambda x: 0.5 * x * (1 + erf(x / math.sqrt(2))),
    }


def _compile(e: sp.Basic, np: Any, table: dict[type, Callable[..., Any]]) -> Callable[[Any], Any]:
    if isinstance(e, sp.Symbol):
        return lambda x: x
    if e.is_number and not e.has(sp.Function):
        c = float(e)
        return lambda x: np.full_like(x, c)
    parts = [_compile(a, np, table) for a in e.args]
    if e.is_Add:
        return lambda x: sum(p(x) for p in parts)
    if e.is_Mul:
        return lambda x: math.prod((p(x) for p in parts), start=np.ones_like(x))
    if e.is_Pow:
        base, power = parts
        return lambda x: np.power(base(x), power(x))
    fn = table.get(type(e))
    if fn is None:
        raise TypeError(f"cannot plot {type(e).__name__}")
    return lambda x: fn(*[p(x) for p in parts])


def numeric_function(text: str, var: str = "x") -> Callable[[Any], Any]:
    """f(xs) -> values for a one-variable expression typed like an answer."""
    import numpy as np

    expr = parse(text, {canonical_name(var): "real"})
    fn = _compile(expr, np, _table(np))

    def f(xs: Any) -> Any:
        x = np.asarray(xs, dtype=float)
        with np.errstate(all="ignore"):
            return fn(x)

    return f
