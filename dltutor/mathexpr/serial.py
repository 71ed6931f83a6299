"""SymPy trees <-> JSON-safe nested lists, for the symbolic worker.

`from_data` rebuilds only what `to_data` can write, from a fixed table of
constructors, so nothing received from another process is ever evaluated as
code (no srepr + eval, no pickle).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from . import vocabulary as V

_ASSUMPTIONS = ("real", "positive", "nonnegative", "negative", "nonpositive", "integer")
FUNCTIONS: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        sp.exp,
        sp.log,
        sp.sin,
        sp.cos,
        sp.tan,
        sp.sinh,
        sp.cosh,
        sp.tanh,
        sp.sech,
        sp.atan,
        sp.asinh,
        sp.sec,
        sp.csc,
        sp.cot,
        sp.csch,
        sp.coth,
        sp.asin,
        sp.acos,
        sp.asec,
        sp.acsc,
        sp.acot,
        sp.acosh,
        sp.atanh,
        sp.asech,
        sp.acsch,
        sp.acoth,
        sp.erf,
        sp.erfc,
        sp.Abs,
        sp.sign,
        sp.Heaviside,
        sp.DiracDelta,
        sp.Max,
        sp.Min,
        V.sigmoid,
        V.softplus,
        V.relu,
        V.silu,
        V.gelu,
    )
}
MAX_INT_DIGITS = 10000


class NotSerialisable(TypeError):
    pass


def to_data(e: sp.Basic) -> Any:
    if isinstance(e, sp.Symbol):
        return ["S", e.name, [k for k in _ASSUMPTIONS if e.assumptions0.get(k) is True]]
    if e.is_Integer:
        return ["I", _hex(int(e))]
    if e.is_Rational:
        return ["R", _hex(int(e.p)), _hex(int(e.q))]
    if e.is_Float:
        return ["F", str(e), e._prec]
    if e is sp.pi or e is sp.E:
        return [str(e)]
    if e.is_Add or e.is_Mul or e.is_Pow:
        return [type(e).__name__, [to_data(a) for a in e.args]]
    kind = type(e)
    if FUNCTIONS.get(kind.__name__) is kind:
        return ["f", kind.__name__, [to_data(a) for a in e.args]]
    raise NotSerialisable(type(e).__name__)


def _hex(n: int) -> str:
    """Hexadecimal: str() of an int over 4300 digits raises (CPython's digit limit)."""
    return format(n, "x")


def _int(s: Any) -> int:
    if not isinstance(s, str) or len(s) > MAX_INT_DIGITS:
        raise ValueError("bad integer")
    return int(s, 16)


def from_data(d: Any) -> sp.Basic:
    tag = d[0]
    if tag == "S":
        if not isinstance(d[1], str) or not all(k in _ASSUMPTIONS for k in d[2]):
            raise ValueError("bad symbol")
        return sp.Symbol(d[1], **dict.fromkeys(d[2], True))
    if tag == "I":
        return sp.Integer(_int(d[1]))
    if tag == "R":
        return sp.Rational(_int(d[1]), _int(d[2]))
    if tag == "F":
        return sp.Float(str(d[1]), precision=int(d[2]))
    if tag in ("pi", "E"):
        return sp.pi if tag == "pi" else sp.E
    if tag in ("Add", "Mul", "Pow"):
        return getattr(sp, tag)(*[from_data(a) for a in d[1]])
    if tag == "f" and d[1] in FUNCTIONS:
        return FUNCTIONS[d[1]](*[from_data(a) for a in d[2]])
    raise ValueError(f"unknown tag {tag!r}")
