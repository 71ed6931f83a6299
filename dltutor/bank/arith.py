"""Safe arithmetic for question parameters: a whitelisted AST walk, no eval.

Authors write `{n * m + m}` or `{sqrt(d)}` in prompts and answers; this module
computes such values from the drawn parameters with plain Python numbers.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

from dltutor.errors import BankError

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": math.log,
    "log2": math.log2,
    "log10": math.log10,
    "floor": math.floor,
    "ceil": math.ceil,
    "abs": abs,
    "round": round,
    "min": min,
    "max": max,
    "tanh": math.tanh,
    "sin": math.sin,
    "cos": math.cos,
    "comb": math.comb,
    "erf": math.erf,
    "int": int,
    "float": float,
    "sigmoid": lambda x: 0.5 * (1 + math.tanh(x / 2)),  # overflow-free σ
}
_CONSTANTS = {"pi": math.pi, "e": math.e}
_MAX_EXPONENT = 1000


def evaluate(text: str, names: Mapping[str, Any]) -> Any:
    """Value of `text` with `names` bound; BankError for anything not arithmetic."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise BankError(f"cannot read the expression '{text}'") from None
    try:
        return _eval(tree.body, names)
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise BankError(f"'{text}' has no value here ({exc})") from None


def _eval(node: ast.AST, names: Mapping[str, Any]) -> Any:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float))
        and not isinstance(node.value, bool)
    ):
        return node.value
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        raise BankError(f"unknown name '{node.id}' (not a parameter)")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _eval(node.operand, names)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _eval(node.left, names), _eval(node.right, names)
        if isinstance(node.op, ast.Pow) and abs(right) > _MAX_EXPONENT:
            raise BankError(f"exponent {right} is too large")
        return _BINARY[type(node.op)](left, right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and not node.keywords
    ):
        return _FUNCTIONS[node.func.id](*(_eval(arg, names) for arg in node.args))
    if isinstance(node, ast.Tuple):
        return tuple(_eval(item, names) for item in node.elts)
    raise BankError(f"'{ast.unparse(node)}' is not allowed in a parameter expression")
