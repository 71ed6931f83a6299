"""Author-mode calls: Derivative/diff, Sum, Integral, transpose, undefined f(x)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Any

import sympy as sp

if TYPE_CHECKING:
    from .ast_build import Builder
    from .tok import Tok


def _limits(b: Builder, node: ast.AST, depth: int, size: tuple[int, ...]) -> Any:
    """A variable, or a tuple (variable, lo, hi) / (variable, n)."""
    if isinstance(node, ast.Tuple):
        if len(node.elts) not in size:
            raise b.error(node, f"expected a tuple of {' or '.join(map(str, size))} entries")
        return tuple(b.build(e, depth + 1) for e in node.elts)
    return b.build(node, depth + 1)


def formula_call(b: Builder, node: ast.Call, tok: Tok, depth: int) -> Any:
    name, args = tok.value, node.args
    if not isinstance(name, str):  # an undefined function such as f(x) or L(W)
        return name(*[b.build(a, depth + 1) for a in args])
    if not args:
        raise b.error(node, f"{tok.text} needs arguments")
    body = b.build(args[0], depth + 1)
    if name == "transpose":
        if len(args) != 1:
            raise b.error(node, "transpose takes one argument")
        return sp.Transpose(body) if isinstance(body, sp.MatrixExpr) else sp.transpose(body)
    if len(args) < 2:
        raise b.error(node, f"{tok.text} needs an expression and a variable")
    cls = {"Derivative": sp.Derivative, "diff": sp.Derivative, "Sum": sp.Sum}.get(name, sp.Integral)
    size = {sp.Derivative: (2,), sp.Sum: (3,), sp.Integral: (1, 3)}[cls]
    limits = [_limits(b, a, depth, size) for a in args[1:]]
    with sp.evaluate(True):  # these stay unevaluated anyway; off, their constructors add 1*f
        return cls(body, *limits)
