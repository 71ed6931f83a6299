"""diagnose(): each named mistake is recognised, and nothing is invented."""

from __future__ import annotations

import pytest

from dltutor.mathexpr import Mistake, derivative, diagnose, parse

V = {"x": "real", "y": "real"}


def check(function: str, answer: str, wrt: str = "x", variables: dict | None = None) -> Mistake | None:
    variables = variables or V
    f = parse(function, variables)
    return diagnose(answer, derivative(f, wrt), variables, function=f, wrt=wrt)


@pytest.mark.parametrize(
    "function,answer,name,words",
    [
        ("sin(x^2)", "-2x cos(x^2)", "sign", "sign"),
        ("σ(x)", "-σ(x)(1-σ(x))", "sign", "negative"),
        ("x^3", "6x^2", "constant-factor", "2 times"),
        ("x^3/3", "x^2/2", "constant-factor", "1/2 times"),
        ("sin(x^2)", "cos(x^2)", "chain-rule", "2·x"),
        ("tanh(3x)", "1 - tanh(3x)^2", "chain-rule", "inner derivative 3"),
        ("exp(-x^2/2)", "exp(-x^2/2)", "gave-function", "function itself"),
        ("σ(x)", "σ(x)", "gave-function", "function itself"),
        ("x^3", "x^4/4", "integrated", "integrated"),
        ("cos(x)", "sin(x) + 7", "integrated", "integrated"),
        ("x^2 y", "x^2", "wrong-variable", "respect to y"),
        ("σ(x y + 1)", "x σ(xy+1)(1-σ(xy+1))", "wrong-variable", "respect to y"),
        ("x*sigmoid(x)", "sigmoid(x)*(1-sigmoid(x))", "product-rule", "g'·h'"),
        ("x sin(x)", "x cos(x)", "product-rule", "sin(x)"),
        ("x sin(x)", "sin(x)", "product-rule", "x·cos(x)"),
        ("silu(x)", "σ(x)", "product-rule", "missing"),
    ],
)
def test_named_mistakes(function: str, answer: str, name: str, words: str) -> None:
    mistake = check(function, answer)
    assert mistake is not None and mistake.name == name, mistake
    assert words in mistake.message


def test_chain_rule_says_which_factor() -> None:
    mistake = check("sin(x^2)", "cos(x^2)")
    assert mistake is not None
    assert mistake.message == ("Chain rule: the inner derivative 2·x (of x^2 inside sin(x^2)) is missing.")


def test_neuron_chain_rule_names_the_input() -> None:
    # (σ(wx + b)(1 - σ(wx + b)) would be d/db: a wrong-variable answer, tested above)
    v = {"w": "real", "x": "real", "b": "real"}
    mistake = check("σ(w x)", "σ(wx)(1-σ(wx))", "w", v)
    assert mistake is not None and mistake.name == "chain-rule" and "x (of" in mistake.message


def test_right_answer_has_no_mistake() -> None:
    assert check("x*sigmoid(x)", "σ(x) + xσ(x)(1-σ(x))") is None


def test_unrelated_wrong_answer_gets_no_invented_name() -> None:
    assert check("sin(x^2)", "x^7 + 1") is None
    assert check("log(1+exp(x))", "exp(x)") is None


def test_without_function_only_sign_and_factor() -> None:
    assert diagnose("-2x", "2x", V).name == "sign"  # type: ignore[union-attr]
    assert diagnose("6x", "2x", V).name == "constant-factor"  # type: ignore[union-attr]
    assert diagnose("x^2", "2x", V) is None
