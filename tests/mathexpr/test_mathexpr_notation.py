"""Notations from books, papers and keyboards (issue 9 §2): what they read as, what is refused."""

from __future__ import annotations

import pytest
import sympy as sp

from dltutor.mathexpr import ExprFormatError, equivalent, parse, parse_list
from dltutor.mathexpr.vocabulary import relu, sigmoid

x, y, w = (sp.Symbol(n, real=True) for n in "xyw")
theta, a, b = sp.Symbol("theta", real=True), sp.Symbol("a", real=True), sp.Symbol("b", real=True)
V = {"x": "real", "y": "real", "w": "real", "theta": "real", "a": "real", "b": "real"}

READS = [
    # vocabulary: reciprocal trig and every inverse, under both names
    ("sec(x)", 1 / sp.cos(x)),
    ("csc(x)", 1 / sp.sin(x)),
    ("cot(x)", 1 / sp.tan(x)),
    ("acos(x)", sp.acos(x)),
    ("arccos(x)", sp.acos(x)),
    ("arcsin(x)", sp.asin(x)),
    ("acot(x)", sp.acot(x)),
    ("arcsec(x)", sp.asec(x)),
    ("acosh(x)", sp.acosh(x)),
    ("arctanh(x)", sp.atanh(x)),
    ("coth(x)", sp.coth(x)),
    ("csch(x)", sp.csch(x)),
    # superscript letters and signs
    ("eˣ", sp.exp(x)),
    ("e⁻ˣ", sp.exp(-x)),
    ("x⁻¹", 1 / x),
    ("e⁻²ˣ", sp.exp(-2 * x)),
    ("e⁻ˣ/(1 + e⁻ˣ)²", sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
    ("yˣ", y**x),
    # LaTeX
    (r"\frac{e^{-x}}{(1+e^{-x})^2}", sp.exp(-x) / (1 + sp.exp(-x)) ** 2),
    (r"\sigma(x)(1-\sigma(x))", sigmoid(x) * (1 - sigmoid(x))),
    (r"\sqrt{x^2+1}", sp.sqrt(x**2 + 1)),
    (r"\sqrt[3]{x}", sp.cbrt(x)),
    (r"x \cdot y", x * y),
    (r"x \times y", x * y),
    (r"\left( x + 1 \right)^{2}", (x + 1) ** 2),
    (r"\exp(-x)", sp.exp(-x)),
    (r"\ln(x)", sp.log(x)),
    (r"\tanh^2(x)", sp.tanh(x) ** 2),
    (r"2\pi x", 2 * sp.pi * x),
    (r"\theta^2", theta**2),
    (r"\frac12 x", x / 2),
    (r"\frac{\frac{1}{2}}{3}", sp.Rational(1, 6)),
    (r"\sin\theta\cos\theta", sp.sin(theta) * sp.cos(theta)),
    (r"\operatorname{relu}(x) + \mathrm{e}^{x}", relu(x) + sp.exp(x)),
    # textbook function application
    ("sin θ", sp.sin(theta)),
    ("tanh² 4x", sp.tanh(4 * x) ** 2),
    ("ln w + 1", sp.log(w) + 1),
    ("ln|x|", sp.log(sp.Abs(x))),
    ("ln√x", sp.log(sp.sqrt(x))),
    ("log₂ x", sp.log(x, 2)),
    ("log_2(x)", sp.log(x, 2)),
    (r"\log_{10} x", sp.log(x, 10)),
    ("sin 2x", sp.sin(2 * x)),
    ("sin x cos x", sp.sin(x) * sp.cos(x)),
    ("sin x^2", sp.sin(x**2)),
    ("1 − tanh² x", 1 - sp.tanh(x) ** 2),
    ("2 sin x", 2 * sp.sin(x)),
    # vulgar fractions, square brackets as grouping
    ("½x", x / 2),
    ("¾(x + 1)", sp.Rational(3, 4) * (x + 1)),
    ("[(2 − a) + (6 − a)]/4", ((2 - a) + (6 - a)) / 4),
    ("2[x + 1]", 2 * (x + 1)),
]


@pytest.mark.parametrize("text,expected", READS, ids=[t for t, _ in READS])
def test_notation_reads_as_intended(text: str, expected: sp.Expr) -> None:
    assert equivalent(parse(text, V), expected, V, confirm=0).equal


@pytest.mark.parametrize(
    "declared,typed",
    [
        ("x1", "x₁"),
        ("x1", "x_1"),
        ("x1", "x_{1}"),
        ("x_0", "x0"),
        ("x_0", "x₀"),
        ("yhat", "ŷ"),
        ("yhat", "y\u0302"),
        ("yhat", "y_hat"),
        ("yhat", r"\hat{y}"),
        ("xbar", "x̄"),
        ("alpha_1", r"\alpha_1"),
        ("alpha_1", "α₁"),
    ],
)
def test_one_name_in_every_spelling(declared: str, typed: str) -> None:
    assert parse(typed, {declared: "real", "z": "real"}) == sp.Symbol(declared, real=True)


def test_two_declared_spellings_are_kept_apart() -> None:
    both = {"x1": "real", "x_1": "real"}
    assert parse("x1 - x_1", both) == sp.Symbol("x1", real=True) - sp.Symbol("x_1", real=True)
    with pytest.raises(ExprFormatError, match="'x₁x₂' is not"):
        parse("x₁x₂", both)


MATRICES = [
    ("[3 1 2]", [3, 1, 2]),
    ("[3; 1; 2]", sp.Matrix([[3], [1], [2]])),
    ("[a, 0; 0, b]", sp.Matrix([[a, 0], [0, b]])),
    ("[a 0; 0 b]", sp.Matrix([[a, 0], [0, b]])),
    ("((a, 0), (0, b))", sp.Matrix([[a, 0], [0, b]])),
    ("[[1, 2], [3, 4]]ᵀ", sp.Matrix([[1, 3], [2, 4]])),
    ("[sin x  cos x]", [sp.sin(x), sp.cos(x)]),
    ("[2x y]", [2 * x, y]),
    ("[e^a, e^b]/(e^a + e^b)", [sp.exp(a) / (sp.exp(a) + sp.exp(b)), sp.exp(b) / (sp.exp(a) + sp.exp(b))]),
    ("σ(a)(1 − σ(a))·[x, y, 1]", [sigmoid(a) * (1 - sigmoid(a)) * v for v in (x, y, 1)]),
    ("(2/3)[a − 1, b]", [sp.Rational(2, 3) * (a - 1), sp.Rational(2, 3) * b]),
    ("[a, b] − [1, 2]", [a - 1, b - 2]),
    ("[[1, 2], [3, 4]]^T", sp.Matrix([[1, 3], [2, 4]])),
]


@pytest.mark.parametrize("text,expected", MATRICES, ids=[t for t, _ in MATRICES])
def test_matrices_as_people_type_them(text: str, expected) -> None:
    got = parse_list(text, V)
    if isinstance(expected, sp.Matrix):
        assert isinstance(got, sp.Matrix) and sp.simplify(got - expected) == sp.zeros(*got.shape)
    else:
        assert [sp.simplify(g - e) for g, e in zip(got, expected)] == [0] * len(expected)


@pytest.mark.parametrize(
    "text,words",
    [
        ("sin x(1 − x)", "did you mean sin(x)(1 − x) or sin(x(1 − x))"),
        ("sin x/2", "did you mean sin(x)/2 or sin(x/2)"),
        ("a; b", "rows of a matrix"),
        ("xᵀ", "transpose"),
        (r"\unknown{x}", "unknown LaTeX command"),
        (r"\frac{1}{", "missing closing '}'"),
        ("x ± 1", "unexpected character"),
        ("g + λw", "'λw' is not a variable"),
        ("g + lambdaw", "'lambdaw' is not a variable"),
        ("sin⁻¹(x)", "'sin⁻¹' is ambiguous: did you mean asin(…), the inverse function, or 1/sin(…)"),
        ("tan^-1 x", "'tan^-1' is ambiguous"),
        ("σ'(x)", "primes and quotes are not allowed"),
    ],
)
def test_refusals_ask_and_quote_the_learners_text(text: str, words: str) -> None:
    with pytest.raises(ExprFormatError) as info:
        parse(text, {"g": "real", "w": "real", "x": "real", "a": "real", "b": "real"})
    assert words in info.value.message


@pytest.mark.parametrize(
    "text,words",
    [
        ("[a, b]*[a, b]", "ambiguous"),
        ("exp([a, b])", "each entry"),
        ("[a, b] + 1", "cannot add"),
        ("[a, b; 1]", "row 2 has 1 entries"),
    ],
)
def test_list_arithmetic_that_is_not_defined_is_refused(text: str, words: str) -> None:
    with pytest.raises(ExprFormatError, match=words.replace("(", r"\(")):
        parse_list(text, V)
