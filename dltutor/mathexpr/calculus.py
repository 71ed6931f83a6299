"""derivative(): the reference for derivative questions, in a readable form."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .vocabulary import sigmoid


def wrt_symbol(expr: sp.Basic, wrt: sp.Symbol | str) -> sp.Symbol:
    """The symbol of `expr` called `wrt` (so assumptions match), or a new real one."""
    name = wrt.name if isinstance(wrt, sp.Symbol) else str(wrt)
    for s in expr.free_symbols:
        if isinstance(s, sp.Symbol) and s.name == name:
            return s
    return wrt if isinstance(wrt, sp.Symbol) else sp.Symbol(name, real=True)


def derivative(expr: sp.Expr, wrt: sp.Symbol | str) -> sp.Expr:
    """d expr / d wrt, with e^u/(1 + e^u) and 1/(1 + e^-u) written as σ(u)."""
    return recognise_sigmoid(sp.diff(expr, wrt_symbol(expr, wrt)))


def _sig(u: sp.Expr) -> sp.Expr:
    """σ(u), written 1 - σ(-u) when u carries a minus sign (reads better)."""
    return 1 - sigmoid(-u) if u.could_extract_minus_sign() else sigmoid(u)


def _logistic_power(f: sp.Basic) -> tuple[sp.Expr, int] | None:
    """(v, n) if f is (1 + e^v)^-n for a positive integer n."""
    if f.is_Pow and f.exp.is_Integer and f.exp < 0 and f.base.is_Add and len(f.base.args) == 2:
        one, other = sorted(f.base.args, key=lambda t: t != 1)
        if one == 1 and isinstance(other, sp.exp):
            return other.args[0], int(-f.exp)
    return None


def _rewrite(e: sp.Basic) -> sp.Basic:
    """(1 + e^v)^-n -> σ(-v)^n and e^v (1 + e^v)^-n -> σ(v) σ(-v)^(n-1), at the top of e."""
    factors = list(e.args) if e.is_Mul else [e]
    for i, f in enumerate(factors):
        found = _logistic_power(f)
        if found is None:
            continue
        v, n = found
        rest = factors[:i] + factors[i + 1 :]
        if sp.exp(v) in rest:
            rest.remove(sp.exp(v))
            return sp.Mul(_sig(v), _sig(-v) ** (n - 1), *rest)
        return sp.Mul(_sig(-v) ** n, *rest)
    return e


def recognise_sigmoid(e: Any) -> Any:
    if not isinstance(e, sp.Basic) or not e.args:
        return e
    new = _rewrite(e)
    if new != e:
        return recognise_sigmoid(new)
    return e.func(*[recognise_sigmoid(a) for a in e.args])


def inline(e: Any) -> str:
    """One-line text for messages: 2·x, sin(x^2), σ(x)."""
    text = sp.sstr(e, order="none") if isinstance(e, sp.Basic) else str(e)
    return text.replace("**", "^").replace("*", "·").replace("sigmoid(", "σ(")
