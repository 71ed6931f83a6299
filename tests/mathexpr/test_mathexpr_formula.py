"""Author mode, derivative(), pretty() and numeric_function()."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from dltutor.mathexpr import (
    EqChain,
    ExprFormatError,
    derivative,
    formula_holds,
    numeric_function,
    parse,
    parse_formula,
    pretty,
)

x = sp.Symbol("x", real=True)


@pytest.mark.parametrize(
    "text,kwargs",
    [
        ("sigmoid(x) = 1/(1 + exp(-x))", {}),
        ("d/dx(σ(x)) = σ(x)(1 - σ(x))", {}),
        ("∂/∂x(softplus(x)) = sigmoid(x)", {}),
        ("tanh(x) = 2σ(2x) - 1", {}),
        ("gelu(x) = x/2 (1 + erf(x/sqrt(2)))", {}),
        ("silu(x) = x σ(x) = x/(1 + e^-x)", {}),
        ("log(a b) = log(a) + log(b)", {}),
        ("(A B)^T = B^T A^T", {"matrices": ["A", "B"]}),
        ("transpose(A + B) = A^T + B^T", {"matrices": {"A": (2, 3), "B": (2, 3)}}),
        ("Sum(k, (k, 1, n)) = n(n+1)/2", {}),
        ("Derivative((w x + b - y)^2/2, w) = (w x + b - y) x", {}),
        ("Integral(exp(-x^2), (x, -oo, oo)) = sqrt(pi)", {}),
    ],
)
def test_true_formulas_hold(text: str, kwargs: dict) -> None:
    assert formula_holds(parse_formula(text, **kwargs)) is True


@pytest.mark.parametrize(
    "text,kwargs",
    [
        ("tanh(x) = 2σ(x) - 1", {}),
        ("gelu(x) = 0.5x(1 + tanh(sqrt(2/pi)(x + 0.044715x^3)))", {}),
        ("(A B)^T = A^T B^T", {"matrices": ["A", "B"]}),
        ("d/dx(σ(x)) = σ(x)^2", {}),
        ("a = a = b", {}),
        ("sqrt(x^2) = x", {}),
    ],
)
def test_false_formulas_fail(text: str, kwargs: dict) -> None:
    assert formula_holds(parse_formula(text, **kwargs)) is False


def test_domain_matters_for_formulas() -> None:
    assert formula_holds(parse_formula("sqrt(x^2) = x"), {"x": "positive"})


def test_formulas_stay_unevaluated() -> None:
    f = parse_formula("2(x+1) = 2x + 2")
    assert isinstance(f, sp.Eq) and str(f.lhs) == "2*(x + 1)"
    assert isinstance(parse_formula("x = x"), sp.Eq)  # never collapses to True
    chain = parse_formula("a = b = c")
    assert isinstance(chain, EqChain) and pretty(chain) == "a = b = c"
    assert "σ" in pretty(parse_formula("σ(z) = 1/(1 + e^-z)"))
    assert "Wₗ" in pretty(parse_formula("W_l a + b_l"))


def test_formula_refuses_code_too() -> None:
    for text in ["__import__('os')", "x.real", "lambda: 1", "x = = y", "∂"]:
        with pytest.raises(ExprFormatError):
            parse_formula(text)


def test_undefined_function_cannot_be_checked() -> None:
    f = parse_formula("f(x) = x^2", functions=["f"])
    with pytest.raises(ExprFormatError):
        formula_holds(f)
    assert "n⋅(n + 1)" in pretty(parse_formula("f(n) = n(n+1)", functions=["f"]))


@pytest.mark.parametrize(
    "function,expected",
    [
        ("log(1 + e^x)", "σ(x)"),
        ("σ(x)", "(1 - σ(x))⋅σ(x)"),
        ("relu(x)", "Heaviside(x)"),  # the step function, not θ (issue 13)
        ("tanh(x)", "        2   \n1 - tanh (x)"),
    ],
)
def test_derivative_is_readable(function: str, expected: str) -> None:
    assert pretty(derivative(parse(function, ["x"]), "x")) == expected


def test_pretty_is_two_dimensional() -> None:
    # terms stay in the order typed, so "read as" looks like what the learner wrote
    assert pretty(parse("1/(1+x^2)", ["x"])) == "  1   \n──────\n     2\n1 + x "
    assert pretty([parse("2x", ["x"]), parse("2y", ["y"])]) == "[2⋅x  2⋅y]"


def test_numeric_function_for_plots() -> None:
    xs = np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])
    with np.errstate(over="ignore"):
        np.testing.assert_allclose(numeric_function("sigmoid(x)")(xs), 1 / (1 + np.exp(-xs)))
    np.testing.assert_allclose(numeric_function("relu(x)")(xs), np.maximum(xs, 0))
    gelu = numeric_function("gelu(x)")(np.array([1.0]))
    assert gelu[0] == pytest.approx(0.8413447460685429)
    assert np.isnan(numeric_function("log(x)")(np.array([-1.0]))[0])
    assert numeric_function("2 t", var="t")(np.array([3.0]))[0] == 6.0


def test_numeric_powers_in_a_formula_stay_as_written():
    # regression: under evaluate(False) the size check built a Relational and crashed
    assert pretty(parse_formula("y = 3**2 + x")).splitlines()[-1].strip() == "y = 3  + x"


def test_matrix_formulas_print_without_husks():
    drawn = pretty(parse_formula("A - lambda*I", matrices=["A", "I"]))
    assert "1⋅" not in drawn and "λ⋅I" in drawn
    drawn = pretty(parse_formula("w_new = w + eta*(y - yhat)*x", matrices=["w_new", "w", "x"]))
    assert "1⋅1" not in drawn and drawn.startswith("w_new = η⋅(y - ")
