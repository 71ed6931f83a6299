"""parse / parse_list: learner text -> SymPy, with no eval anywhere.

normalise (Unicode, ^, |x|, √, superscripts) -> check brackets -> Python
tokens -> resolve names, implicit products -> ast.parse of a placeholder
program -> whitelisted AST walk that builds SymPy node by node.
"""

from __future__ import annotations

import ast
import bisect
import fractions
import re
from collections.abc import Mapping
from typing import Any

import sympy as sp

from .application import function_powers, resolve
from .ast_build import Builder
from .domains import DomainLike, normalise_variables, symbol
from .formula_calls import formula_call
from .matrix_text import refuse_rows, rows_and_spaces
from .names import Scope
from .normalise import fail, normalise
from .tokens import check_brackets, program, raw_tokens

_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
Number = "int | float | fractions.Fraction | sp.Rational"


def canonical_name(name: str) -> str:
    """A declared name as the parser sees it: 'α' -> 'alpha', 'x₁' -> 'x_1'."""
    text = normalise(str(name)).text.strip()
    if not _IDENT.fullmatch(text) or "__" in text:
        raise fail(f"{name!r} cannot be a variable name", None, str(name))
    return text


def scope_for(
    variables: Mapping[str, DomainLike] | Any = None, params: Mapping[str, Any] | None = None
) -> Scope:
    doms = normalise_variables(variables)
    vars_ = {canonical_name(n): symbol(canonical_name(n), d) for n, d in doms.items()}
    pars = {canonical_name(n): as_number(v, n) for n, v in (params or {}).items()}
    return Scope(vars_, pars)


def as_number(value: Any, name: str = "") -> sp.Expr:
    """A parameter value as an exact SymPy number (0.1 -> 1/10, not a binary fraction)."""
    if isinstance(value, bool):
        raise fail(f"parameter {name}: {value!r} is not a number", None, str(value))
    if isinstance(value, int):
        return sp.Integer(value)
    if isinstance(value, fractions.Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        f = fractions.Fraction(repr(value))
        return sp.Rational(f.numerator, f.denominator)
    if isinstance(value, sp.Basic) and value.is_number:
        return value
    raise fail(f"parameter {name}: {value!r} is not a number", None, str(value))


def read(text: str, scope: Scope, *, lists: bool = False) -> Any:
    """Text -> SymPy (or nested lists of SymPy when `lists`)."""
    src = normalise(text, formula=scope.formula)
    check_brackets(src)
    return build(raw_tokens(src), scope, text, lists=lists)


def build(toks: list[Any], scope: Scope, text: str, *, lists: bool = False) -> Any:
    """Checked raw tokens of one expression -> SymPy."""
    if lists:
        toks = rows_and_spaces(toks, scope.is_function, scope.declares)
    else:
        refuse_rows(toks, text)
    toks = resolve(function_powers(toks, scope.is_function, text), scope, text)
    for t in toks:
        if t.kind in ("=", "$"):
            raise fail(f"'{t.text}' is not allowed here", t.pos, text)
    if not toks:
        raise fail("the expression is empty", 0, text)
    prog, offsets, table = program(toks)
    try:
        tree = ast.parse(prog, mode="eval")
    except SyntaxError as exc:
        raise _syntax_error(exc, prog, offsets, toks, text) from None
    special = formula_call if scope.formula else None
    value = Builder(table, offsets, text, formula=scope.formula, special_call=special).build(
        tree.body, lists=lists
    )
    if not scope.formula:  # formulas may mention oo (integration limits)
        _check_defined(value, text)
    return value


def _syntax_error(
    exc: SyntaxError, prog: str, offsets: list[tuple[int, int]], toks: list[Any], text: str
) -> Exception:
    at = (exc.offset or 0) - 1  # Python reports 0 when the text ends too early
    if at < 0 or at >= len(prog.rstrip()) or not toks:
        return fail("the expression is incomplete", len(text.rstrip()), text)
    i = max(bisect.bisect_right([o for o, _ in offsets], at) - 1, 0)
    return fail(f"unexpected '{toks[i].text}' here", toks[i].pos, text)


def _check_defined(value: Any, text: str) -> None:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, list):
            _check_defined(item, text)
        elif isinstance(item, sp.Basic) and item.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise fail("the expression is undefined (a division by zero or log(0)?)", None, text)


def parse(
    text: str, variables: Mapping[str, DomainLike] | Any = None, *, params: Mapping[str, Any] | None = None
) -> sp.Expr:
    """One scalar expression in the declared variables (and numeric parameters)."""
    return read(text, scope_for(variables, params))


def parse_list(
    text: str, variables: Mapping[str, DomainLike] | Any = None, *, params: Mapping[str, Any] | None = None
) -> list[sp.Expr] | sp.Matrix:
    """'[gx, gy]' (or 'gx, gy') -> list of expressions; '[[a, b], [c, d]]' -> sp.Matrix."""
    value = read(text, scope_for(variables, params), lists=True)
    if not isinstance(value, list):
        raise fail("expected a list such as [a, b]", 0, text)
    if not any(isinstance(v, list) for v in value):
        return value
    if not all(isinstance(v, list) for v in value):
        raise fail("mix of numbers and rows: write every row as [...]", 0, text)
    for r, row in enumerate(value):
        if any(isinstance(v, list) for v in row):
            raise fail("lists nested more than two deep", 0, text)
        if len(row) != len(value[0]):
            raise fail(f"row {r + 1} has {len(row)} entries but row 1 has {len(value[0])}", 0, text)
    return sp.Matrix(value)
