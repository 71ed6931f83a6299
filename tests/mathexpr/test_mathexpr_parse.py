"""The parser: school notation in, the intended SymPy tree out; everything else refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sympy as sp

from dltutor.errors import AnswerFormatError
from dltutor.mathexpr import ExprFormatError, parse, parse_domain, parse_list
from dltutor.mathexpr.vocabulary import gelu, relu, sigmoid, silu, softplus

x, y = sp.Symbol("x", real=True), sp.Symbol("y", real=True)
XY = {"x": "real", "y": "real"}

VALID = [
    ("x^2", x**2),
    ("x**2", x**2),
    ("2x", 2 * x),
    ("3x^2 - 2x", 3 * x**2 - 2 * x),
    ("2 sin(x)", 2 * sp.sin(x)),
    ("2sin(x)", 2 * sp.sin(x)),
    ("σ(x)(1-σ(x))", sigmoid(x) * (1 - sigmoid(x))),
    ("sigmoid(x)*(1 - sigmoid(x))", sigmoid(x) * (1 - sigmoid(x))),
    ("x y", x * y),
    ("xy", x * y),
    ("2xy", 2 * x * y),
    ("2(x+1)", 2 * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x(1-x)", x * (1 - x)),
    ("e^(2x)", sp.exp(2 * x)),
    ("e^x", sp.exp(x)),
    ("exp(-x)", sp.exp(-x)),
    ("2e^x", 2 * sp.exp(x)),
    ("e", sp.E),
    ("ln(x)", sp.log(x)),
    ("log(x)", sp.log(x)),
    ("log(x, 2)", sp.log(x) / sp.log(2)),
    ("|x|", sp.Abs(x)),
    ("|x - |y||", sp.Abs(x - sp.Abs(y))),
    ("2|x|", 2 * sp.Abs(x)),
    ("−x", -x),
    ("x·y", x * y),
    ("x×y", x * y),
    ("x²", x**2),
    ("x³ + x²", x**3 + x**2),
    ("x⁻¹", 1 / x),
    ("√x", sp.sqrt(x)),
    ("√(x+1)", sp.sqrt(x + 1)),
    ("sqrt(x)", sp.sqrt(x)),
    ("π x", sp.pi * x),
    ("2πx", 2 * sp.pi * x),
    ("pi", sp.pi),
    ("sin^2(x) + cos²(x)", sp.sin(x) ** 2 + sp.cos(x) ** 2),
    ("tanh(x)", sp.tanh(x)),
    ("sech(x)", sp.sech(x)),
    ("atan(x)", sp.atan(x)),
    ("asinh(x)", sp.asinh(x)),
    ("erf(x)", sp.erf(x)),
    ("sign(x)", sp.sign(x)),
    ("Heaviside(x)", sp.Heaviside(x)),
    ("max(x, 0)", sp.Max(x, 0)),
    ("min(x, y, 0)", sp.Min(x, y, 0)),
    ("softplus(x)", softplus(x)),
    ("relu(x)", relu(x)),
    ("silu(x)", silu(x)),
    ("swish(x)", silu(x)),
    ("gelu(x)", gelu(x)),
    ("log(σ(x))", sp.log(sigmoid(x))),
    ("1/2x", x / 2),
    ("0.5x", x / 2),
    (".5x", x / 2),
    ("1e-3x", x / 1000),
    ("2.50", sp.Rational(5, 2)),
    ("e^x^2", sp.exp(x**2)),
    ("-x^2", -(x**2)),
    ("2^-x", 2**-x),
    ("x/y/2", x / y / 2),
    ("  x  +  y  ", x + y),
    ("x\ty\n", x * y),
    ("+x", x),
    ("--x", x),
    ("xsin(x)", x * sp.sin(x)),
    ("sin(x)cos(x)", sp.sin(x) * sp.cos(x)),
    ("(x)(y)", x * y),
    ("x(y)", x * y),
    ("2 (x)", 2 * x),
]


@pytest.mark.parametrize("text,expected", VALID, ids=[t for t, _ in VALID])
def test_valid_notation_reads_as_intended(text: str, expected: sp.Expr) -> None:
    assert parse(text, XY) == expected


def test_declared_names_shadow_sympy_specials_and_keywords() -> None:
    names = ["gamma", "beta", "lambda", "E", "I", "S", "N", "Q", "O", "e"]
    got = parse("lambda*gamma + beta + E + I + S + N + Q + O + e", names)
    syms = {n: sp.Symbol(n, real=True) for n in names}
    assert got == syms["lambda"] * syms["gamma"] + sum(syms[n] for n in names if n not in ("lambda", "gamma"))
    assert parse("λ", ["lambda"]) == sp.Symbol("lambda", real=True)


def test_greek_by_symbol_or_name_and_subscripts() -> None:
    a = sp.Symbol("alpha", real=True)
    assert parse("α x", {"alpha": "real", "x": "real"}) == parse("alpha x", ["alpha", "x"]) == a * x
    assert parse("θ²", ["θ"]) == sp.Symbol("theta", real=True) ** 2
    assert parse("x₁ + x_2", ["x_1", "x_2"]) == sp.Symbol("x_1", real=True) + sp.Symbol("x_2", real=True)


def test_sigma_is_a_variable_when_declared() -> None:
    s = sp.Symbol("sigma", real=True)
    assert parse("σ(x)", {"sigma": "real", "x": "real"}) == s * x
    assert parse("σ(x)", ["x"]) == sigmoid(x)


def test_params_are_numbers() -> None:
    assert parse("a x^2 + b", ["x"], params={"a": 3, "b": 0.1}) == 3 * x**2 + sp.Rational(1, 10)


def test_domains_set_symbol_assumptions() -> None:
    assert parse("sqrt(x^2)", {"x": "positive"}) == sp.Symbol("x", positive=True)
    assert parse("sqrt(x^2)", {"x": "real"}) == sp.Abs(x)
    assert parse_domain("[0, 1)").assumptions() == {"nonnegative": True}
    assert parse_domain("(0, 1)").name == "(0, 1)"
    with pytest.raises(ExprFormatError):
        parse_domain("(1, 0)")
    with pytest.raises(ExprFormatError):
        parse_domain("complex")


def test_lists_and_matrices() -> None:
    assert parse_list("[2x, 2y]", XY) == [2 * x, 2 * y]
    assert parse_list("2x, 2y", XY) == [2 * x, 2 * y]
    assert parse_list("[[x, y], [1, 2]]", XY) == sp.Matrix([[x, y], [1, 2]])
    with pytest.raises(ExprFormatError, match="row 2"):
        parse_list("[[x, y], [1]]", XY)
    with pytest.raises(ExprFormatError):
        parse_list("x", XY)


HOSTILE = [
    "__import__('os').system('touch /tmp/dltutor_pwned')",
    "__import__",
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "x.real",
    "sin.__globals__",
    "getattr(x, 'real')",
    "lambda: 0",
    "lambda x: x",
    "[i for i in (1, 2)]",
    "{i for i in x}",
    "(i for i in x)",
    "x if x else y",
    "import os",
    "x; y",
    "x = 1",
    "x := 1",
    "del x",
    "exec('1')",
    "eval('1')",
    "open('/etc/passwd')",
    "sympify('x')",
    "x == y",
    "x < y",
    "x and y",
    "not x",
    "x or y",
    "x | y | z",
    "x & y",
    "~x",
    "x @ y",
    "x % 2",
    "x // 2",
    "x << 2",
    "f'{x}'",
    "'x'",
    "b'x'",
    '"""x"""',
    "x # comment",
    "x\\\ny",
    "9**9**9",
    "10**100000",
    "2^50000",
    "1e999999",
    "1" * 60,
    "x!",
    "5!",
    "factorial(5)",
    "x^x^x",
    "2^2^2^2",
    "x^y^x",
    "(" * 5000 + "x" + ")" * 5000,
    "(" * 300 + "x" + ")" * 300,
    "[" * 100 + "x" + "]" * 100,
    "",
    "   ",
    "\x00",
    "x\x00",
    "x\x07",
    "x\u202e",
    "x\u200b",
    "x" * 1001,
    "[x, y]",
    "x, y",
    "z",
    "foo(x)",
    "sin",
    "sin x(1 - x)",
    "x2",
    "1j",
    "0x1f",
    "1_000",
    "x[0]",
    "x.",
    "...",
    "x +",
    "* x",
    "(x",
    "x)",
    "()",
    "sin()",
    "max(x)",
    "log(x, y, 2)",
    "1/0",
    "log(0)",
    "x/(x-x)",
    "sin(x=1)",
    "max(*x)",
    "$x",
    "x ∞",
    "∂x",
    "{x",
    "x?",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t)[:40] for t in HOSTILE])
def test_hostile_input_is_refused_fast_and_harmlessly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ExprFormatError) as info:
        parse(text, XY)
    assert time.perf_counter() - start < 1.0
    assert isinstance(info.value, AnswerFormatError) and info.value.message
    assert not Path("/tmp/dltutor_pwned").exists()


def test_at_least_forty_hostile_inputs() -> None:
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize(
    "text,position,words",
    [
        ("x + y2", 4, "not a variable"),
        ("2x + foo(x)", 5, "unknown function 'foo'"),
        ("sinn(x)", 0, "did you mean sin"),
        ("z", 0, "did you mean x"),
        ("(x + 1", 0, "missing closing"),
        ("x + 1)", 5, "unmatched"),
        ("x!", 1, "factorial"),
        ("σ(x) + x.real", 8, "attribute"),
        ("x²·√x + q", 8, "not a variable"),
        ("x +", 3, "incomplete"),
        ("x^x^x", 2, "tower"),
        ("x\x00", 1, "U+0000"),
        ("sin x/2", 0, "ambiguous"),
        ("x x 2", 4, "missing operator"),
    ],
)
def test_errors_point_at_the_problem(text: str, position: int, words: str) -> None:
    with pytest.raises(ExprFormatError) as info:
        parse(text, {"x": "real"})
    assert info.value.position == position
    assert words in info.value.message
    assert info.value.text == text
    assert "^" in info.value.caret()


def test_wrong_variable_suggestion_names_the_declared_one() -> None:
    with pytest.raises(ExprFormatError, match="'y' is not a variable of this question; did you mean x"):
        parse("2y", {"x": "real"})


def test_split_only_into_declared_variables() -> None:
    with pytest.raises(ExprFormatError, match="'xz' is not a variable"):
        parse("xz", XY)
    assert parse("yx", XY) == x * y
