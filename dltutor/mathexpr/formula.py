"""Author mode: lesson formulas such as "σ'(x) = σ(x)(1 - σ(x))", unevaluated.

parse_formula reads '=' chains, ∂f/∂x, ∂/∂x(...), d/dx(...), Derivative, Sum,
Integral, transpose and A^T for declared matrices, subscripted names (W_l), and
unknown names as plain symbols -- with the same whitelist machinery as answers
and SymPy's evaluation switched off, so "a = a" stays an equation and "2(x+1)"
stays as written. formula_holds checks each '=' numerically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp
from sympy.printing.pretty.stringpict import prettyForm

from .errors import ExprFormatError
from .names import Scope
from .normalise import fail, normalise
from .parser import build, canonical_name
from .tok import Tok
from .tokens import check_brackets, raw_tokens


class EqChain(sp.Basic):
    """a = b = c: every side equal to the next (printed as written)."""

    @property
    def sides(self) -> tuple[sp.Basic, ...]:
        return self.args

    def _pretty(self, printer: Any) -> prettyForm:
        out = printer._print(self.args[0])
        for side in self.args[1:]:
            out = prettyForm(*out.right(" = ", printer._print(side)))
        return out

    def _sympystr(self, printer: Any) -> str:
        return " = ".join(printer._print(s) for s in self.args)

    def _latex(self, printer: Any) -> str:
        return " = ".join(printer._print(s) for s in self.args)


def _partials(toks: list[Tok], raw: str) -> list[Tok]:
    """∂f/∂x -> Derivative(f, x); ∂/∂x(...) and d/dx(...) -> Derivative((...), x)."""
    out, k = [], 0
    text = [t.text if t.kind != "$" else "$" for t in toks]
    while k < len(toks):
        t = toks[k]
        if text[k : k + 2] == ["$", "/"] and text[k + 2 : k + 3] == ["$"] and k + 4 < len(toks):
            out += _wrap(toks, k + 4, toks[k + 3], t.pos, raw)
            k = _end(toks, k + 4) + 1
        elif t.kind == "$" and k + 4 < len(toks) + 1 and text[k + 2 : k + 4] == ["/", "$"]:
            var = toks[k + 4] if k + 4 < len(toks) else None
            if var is None or var.kind != "name" or toks[k + 1].kind != "name":
                raise fail("write ∂f/∂x or ∂/∂x(...)", t.pos, raw)
            out += [
                Tok("name", "Derivative", t.pos),
                Tok("(", "(", t.pos),
                toks[k + 1],
                Tok(",", ",", t.pos),
                var,
                Tok(")", ")", t.pos),
            ]
            k += 5
        elif (
            t.text == "d"
            and text[k + 1 : k + 2] == ["/"]
            and k + 3 < len(toks)
            and toks[k + 2].text.startswith("d")
            and len(toks[k + 2].text) > 1
        ):
            var = Tok("name", toks[k + 2].text[1:], toks[k + 2].pos + 1)
            out += _wrap(toks, k + 3, var, t.pos, raw)
            k = _end(toks, k + 3) + 1
        elif t.kind == "$":
            raise fail("write ∂f/∂x or ∂/∂x(...)", t.pos, raw)
        else:
            out.append(t)
            k += 1
    return out


def _end(toks: list[Tok], start: int) -> int:
    depth = 0
    for i in range(start, len(toks)):
        depth += {"(": 1, ")": -1}.get(toks[i].kind, 0)
        if depth == 0:
            return i
    return len(toks) - 1


def _wrap(toks: list[Tok], start: int, var: Tok, pos: int, raw: str) -> list[Tok]:
    if toks[start].kind != "(" or var.kind != "name":
        raise fail("write d/dx(...) or ∂/∂x(...) with parentheses", pos, raw)
    end = _end(toks, start)
    return [
        Tok("name", "Derivative", pos),
        Tok("(", "(", pos),
        *toks[start : end + 1],
        Tok(",", ",", pos),
        var,
        Tok(")", ")", pos),
    ]


Shapes = Sequence[str] | Mapping[str, tuple[int, int]] | None


def parse_formula(text: str, *, matrices: Shapes = None, functions: Sequence[str] = ()) -> sp.Basic:
    """A lesson formula: an expression, Eq(a, b), or EqChain(a, b, c), unevaluated.

    `matrices` names matrix symbols (3x3 unless shapes are given); `functions`
    names undefined functions such as f or L, so that f(x) is a call while
    n(n+1) stays a product.
    """
    shapes = dict(matrices) if isinstance(matrices, Mapping) else dict.fromkeys(matrices or (), (3, 3))
    scope = Scope(
        formula=True,
        matrices={canonical_name(n): sp.MatrixSymbol(canonical_name(n), *s) for n, s in shapes.items()},
        functions={canonical_name(f): sp.Function(canonical_name(f)) for f in functions},
    )
    src = normalise(text, formula=True)
    check_brackets(src)
    sides: list[list[Tok]] = [[]]
    for tok in raw_tokens(src):
        if tok.kind == "=":
            sides.append([])
        else:
            sides[-1].append(tok)
    try:
        with sp.evaluate(False):
            built = [build(_partials(side, text), scope, text) for side in sides]
        if scope.matrices:
            built = [_tidy(side) for side in built]
    except (TypeError, ValueError, sp.ShapeError) as exc:  # SymPy's matrix algebra refuses
        raise ExprFormatError(_matrix_refusal(exc, shapes), None, text) from None
    if len(built) == 1:
        return built[0]
    return sp.Eq(*built, evaluate=False) if len(built) == 2 else EqChain(*built)


def _matrix_refusal(exc: Exception, shapes: Mapping[str, Any]) -> str:
    """SymPy's own reason ("Mix of Matrix and Scalar symbols"), and what to change."""
    declared = ", ".join(shapes) or "none"
    return (
        f"{exc} (matrices: {declared}); list under `matrices:` every symbol that stands "
        "for a vector or matrix here, or none of them"
    )


def _tidy(e: Any) -> Any:
    """Canonicalise the products and sums around matrices, bottom-up.

    Unevaluated, SymPy's matrix algebra keeps husks such as 1*-1*λ^(1*1) that
    print as written; evaluating only these nodes (never Transpose, which
    would expand (AB)^T) gives -λ⋅I.
    """
    from sympy.matrices.expressions import MatAdd, MatMul, MatPow

    if not isinstance(e, sp.Basic) or not e.args or isinstance(e, sp.MatrixSymbol):
        return e
    args = [_tidy(a) for a in e.args]
    if isinstance(e, (MatMul, MatAdd, MatPow)):
        return type(e)(*args).doit(deep=False)
    if isinstance(e, (sp.Mul, sp.Add, sp.Pow)):
        with sp.evaluate(True):
            return type(e)(*args)
    return e.func(*args)
