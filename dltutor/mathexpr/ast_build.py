"""Step 3 of parsing: walk Python's AST against a whitelist and build SymPy.

Only five node types can occur in an answer -- numbers and names (as `n<i>`
placeholders), + - * / ** (binary and unary), calls of known functions, and
lists where a list is asked for. Everything else is refused with the position
of the node. Operator chains are flattened and unary signs folded without
recursion, and true nesting is capped, so no input can exhaust the stack.
Powers are checked before SymPy sees them, because SymPy evaluates numeric
powers eagerly (9**9**9 would never finish).
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Callable
from typing import Any

import sympy as sp

from .names import FORMULA_CALLS
from .normalise import fail
from .powers import TOO_LARGE, power_problem, too_large
from .tok import TRANSPOSE, Tok
from .vectors import ShapeError, combine, negate, transpose
from .vocabulary import FUNCTIONS

MAX_NESTING = 60
_FOLD = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class Builder:
    def __init__(
        self,
        table: list[Tok],
        offsets: list[tuple[int, int]],
        raw: str,
        *,
        formula: bool = False,
        special_call: Callable | None = None,
    ) -> None:
        """`special_call(builder, node, tok, depth)` builds the author-mode calls
        (Derivative, Sum, f(x); see formula_calls) in lesson formulas."""
        self.table, self.raw, self.formula = table, raw, formula
        self.special_call = special_call
        self.lists = False  # a vector or matrix answer: lists and list arithmetic allowed
        self.starts = [o for o, _ in offsets]
        self.raws = [p for _, p in offsets]

    def pos(self, node: ast.AST) -> int:
        i = bisect.bisect_right(self.starts, getattr(node, "col_offset", 0)) - 1
        return self.raws[max(i, 0)] if self.raws else 0

    def error(self, node: ast.AST, message: str) -> Exception:
        return fail(message, self.pos(node), self.raw)

    def build(self, node: ast.AST, depth: int = 0, lists: bool = False) -> Any:
        if lists:
            self.lists = True
        if depth > MAX_NESTING:
            raise self.error(node, f"nested too deeply (more than {MAX_NESTING} levels)")
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp) and type(node.op) in _FOLD:
            return self.chain(node, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return self.power(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign = 1
            while isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
                sign, node = (-sign if isinstance(node.op, ast.USub) else sign), node.operand
            value = self.build(node, depth + 1)
            return negate(value) if sign < 0 else value
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, (ast.List, ast.Tuple)) and self.lists:
            return [self.build(e, depth + 1) for e in node.elts]
        if isinstance(node, ast.List) and len(node.elts) == 1:
            return self.build(node.elts[0], depth + 1)  # [a + b]/4: brackets as grouping
        raise self.error(node, self.refusal(node))

    def refusal(self, node: ast.AST) -> str:
        if isinstance(node, (ast.List, ast.Tuple)):
            return "expected a single expression, not a list"
        if isinstance(node, ast.Subscript):
            return "indexing with [...] is not allowed"
        if isinstance(node, (ast.BinOp, ast.UnaryOp)):
            return "this operator is not allowed"
        return f"{type(node).__name__.lower()} is not allowed in an expression"

    def name(self, node: ast.Name) -> Any:
        tok = self.table[int(node.id[1:])]
        if tok.value is TRANSPOSE:
            raise self.error(node, "ᵀ (transpose) must follow a vector or a matrix")
        if tok.kind == "func":
            raise self.error(node, f"{tok.text} needs parentheses, as in {tok.text}(x)")
        return tok.value

    def chain(self, node: ast.BinOp, depth: int) -> Any:
        """a + b - c ... or a * b / c ..., walked as a loop (left-deep trees can be long)."""
        ops: list[tuple[str, ast.AST]] = []
        group = "+-" if isinstance(node.op, (ast.Add, ast.Sub)) else "*/"
        left: ast.expr = node
        while isinstance(left, ast.BinOp) and _FOLD.get(type(left.op), "?") in group:
            ops.append((_FOLD[type(left.op)], left.right))
            left = left.left
        acc = self.build(left, depth + 1)
        for op, right in reversed(ops):
            value = self.build(right, depth + 1)
            if op == "/" and not isinstance(value, list) and value == 0:
                raise self.error(right, "division by zero")
            try:
                acc = combine(op, acc, value)
            except ShapeError as exc:
                raise self.error(right, str(exc)) from None
            self.check_size(right, acc)
        return acc

    def check_size(self, node: ast.AST, value: Any) -> None:
        if too_large(value):
            raise self.error(node, TOO_LARGE)

    def is_number(self, node: ast.AST) -> bool:
        while isinstance(node, ast.UnaryOp):
            node = node.operand
        return isinstance(node, ast.Name) and self.table[int(node.id[1:])].kind == "num"

    def power(self, node: ast.BinOp, depth: int) -> Any:
        right = node.right
        while isinstance(right, ast.UnaryOp):
            right = right.operand
        if isinstance(right, ast.BinOp) and isinstance(right.op, ast.Pow) and not self.is_number(right.right):
            raise self.error(node.right, "power towers such as a^b^c are not supported; use parentheses")
        if isinstance(right, ast.Name) and self.table[int(right.id[1:])].value is TRANSPOSE:
            base = self.build(node.left, depth + 1)
            if isinstance(base, sp.MatrixExpr):
                return sp.Transpose(base)
            try:
                return transpose(base)
            except ShapeError as exc:
                raise self.error(node, str(exc)) from None
        base, exponent = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
        if isinstance(base, list) or isinstance(exponent, list):
            raise self.error(node, "a power of a list is ambiguous; write each entry")
        if isinstance(exponent, sp.Basic) and exponent.is_number and not exponent.is_Atom:
            with sp.evaluate(True):  # x^(-1/2), not the unevaluated husk x^(1*-1/2)
                exponent = exponent.doit()
        if self.formula and isinstance(base, sp.MatrixExpr) and exponent == sp.Symbol("T"):
            return sp.Transpose(base)  # not base.T, which would expand (AB)^T
        self.check_power(node, base, exponent)
        value = base**exponent
        self.check_size(node, value)
        return value

    def check_power(self, node: ast.BinOp, base: Any, exponent: Any) -> None:
        problem = power_problem(base, exponent)
        if problem is not None:
            raise self.error(node.right if problem[1] else node, problem[0])

    def call(self, node: ast.Call, depth: int) -> Any:
        if not isinstance(node.func, ast.Name) or self.table[int(node.func.id[1:])].kind != "func":
            raise self.error(node, "only functions can be called")
        if node.keywords or any(isinstance(a, ast.Starred) for a in node.args):
            raise self.error(node, "keyword or starred arguments are not allowed")
        tok = self.table[int(node.func.id[1:])]
        if self.special_call is not None and (tok.value in FORMULA_CALLS or not isinstance(tok.value, str)):
            return self.special_call(self, node, tok, depth)
        args = [self.build(a, depth + 1) for a in node.args]
        if any(isinstance(a, list) for a in args):
            raise self.error(node, f"{tok.source(self.raw)} of a list: apply it to each entry")
        builder, arities = FUNCTIONS[tok.value]
        if len(args) < 2 if arities is None else len(args) not in arities:
            want = "two or more" if arities is None else " or ".join(map(str, arities))
            raise self.error(node, f"{tok.text} takes {want} argument(s), got {len(args)}")
        return builder(*args)
