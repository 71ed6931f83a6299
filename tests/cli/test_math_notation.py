"""Issue 9 §2 through the CLI: notations learners type, and inputs that once crashed."""

from __future__ import annotations

import pytest


def quiz(cli, qid: str, answer: str, seed: int = 0) -> tuple[int, dict]:
    return cli.json("quiz", "--id", qid, "--seed", str(seed), "--answer", answer)


def test_a_huge_number_is_refused_in_one_json_object(cli):
    code, data = quiz(cli, "act.d-sigmoid", "(10^300)^20")
    assert code == 2 and data["verdict"] == "invalid" and "too large" in data["feedback"]


def test_a_huge_ratio_while_naming_the_mistake_is_no_crash(cli):
    code, data = cli.json("check-gradient", "sin(x)^1000*cos(x)^1000*tanh(x)^1000*exp(x)^1000", "1")
    assert code == 1 and data["verdict"] == "incorrect"


def gradient(cli, function: str, claim: str, *more: str) -> tuple[int, dict]:
    return cli.json("check-gradient", function, claim, *more)


@pytest.mark.parametrize(
    "function,claim",
    [
        ("tan(x)", "sec(x)^2"),
        ("cot(x)", "-csc(x)^2"),
        ("acos(x)", "-1/sqrt(1 - x^2)"),
        ("arccos(x)", "-1/√(1 − x²)"),
        ("arcsinh(x)", "1/sqrt(x^2 + 1)"),
        ("atanh(x)", "1/(1 - x^2)"),
    ],
)
def test_reciprocal_and_inverse_functions_are_known(cli, function, claim):
    assert gradient(cli, function, claim)[0] == 0


@pytest.mark.parametrize(
    "answer",
    [
        "e⁻ˣ/(1 + e⁻ˣ)²",  # the form the act.d-sigmoid explanation promises
        r"\frac{e^{-x}}{(1+e^{-x})^2}",
        r"\sigma(x)(1-\sigma(x))",
        r"\sigma(x)\cdot\left(1-\sigma(x)\right)",
    ],
)
def test_superscripts_and_latex_are_read_and_shown_back(cli, answer):
    code, data = quiz(cli, "act.d-sigmoid", answer)
    assert (code, data["verdict"]) == (0, "correct")
    assert "σ" in data["read_as_pretty"] or "ℯ" in data["read_as_pretty"]


@pytest.mark.parametrize(
    "qid,answer",
    [
        ("la.grad-least-squares", "(4x₁ − 6x₂, 10x₂ − 6x₁ − 4)"),  # declares x1, x2
        ("la.grad-least-squares", "[4x_1 - 6x_2; -6x_1 + 10x_2 - 4]"),
        ("eig.variance-derivative", "−3 sin 2θ + 2 cos 2θ"),  # application without parentheses
        ("ff.perceptron-rule", "w + η(y − ŷ)x"),  # ŷ for the declared yhat
        ("la.grad-linear", "[3 1 2]"),
        ("la.grad-linear", "[3; 1; 2]"),
        ("cb.jacobian-elementwise", "((sech²x1, 0), (0, sech²x2))"),
        ("cb.jacobian-elementwise", "[1 - tanh(x1)^2, 0; 0, 1 - tanh(x2)^2]ᵀ"),
        ("cb.lse-gradient", "[e^z1, e^z2, e^z3]/(e^z1 + e^z2 + e^z3)"),
        ("prob.gaussian-mu-gradient", "[(2 − μ) + (2 − μ) + (6 − μ)]/4"),
    ],
)
def test_textbook_forms_of_built_in_answers_are_right(cli, qid, answer):
    code, data = quiz(cli, qid, answer)
    assert (code, data["verdict"]) == (0, "correct"), data


def test_tanh_squared_of_4x_and_a_vulgar_fraction(cli):
    assert gradient(cli, "tanh(4x)", "4(1 − tanh² 4x)")[0] == 0
    assert gradient(cli, "x^2/4", "½x")[0] == 0


def test_an_ambiguous_extent_is_asked_about_with_both_readings(cli):
    code, data = gradient(cli, "sin(x)", "cos x/2")
    assert code == 2 and "did you mean cos(x)/2 or cos(x/2)" in data["feedback"]


def test_messages_quote_what_the_learner_typed(cli):
    code, data = quiz(cli, "cb.weight-decay-gradient", "g + λw")
    assert code == 2 and "'λw'" in data["feedback"] and "lambda" not in data["feedback"]


@pytest.mark.parametrize("claim", ["2x + exp(x - 60)", "2x + Heaviside(x - 30)", "2x - Heaviside(-x - 30)"])
def test_a_difference_far_out_is_still_a_difference(cli, claim):
    code, data = gradient(cli, "x^2", claim)
    assert (code, data["verdict"]) == (1, "incorrect")
    assert abs(data["counterexample"]["x"]) > 20


def test_integer_powers_above_1000_are_graded(cli):
    assert gradient(cli, "(x - a)^6001/6001", "(a - x)^6000", "--wrt", "x")[0] == 0
    assert gradient(cli, "(x - a)^6001/6001", "-(a - x)^6000", "--wrt", "x")[0] == 1
