"""`dltutor check-gradient`: one derivation checked, with exit codes and JSON."""

from __future__ import annotations

import time

import pytest


def test_softplus_derivative_is_sigmoid(cli):
    result = cli("check-gradient", "log(1+e^x)", "σ(x)")
    assert result.exit_code == 0
    assert "✓ Correct" in result.stdout and "σ(x)" in result.stdout


def test_silu_with_lost_product_term_is_caught_with_a_point(cli):
    code, data = cli.json("check-gradient", "x*sigmoid(x)", "sigmoid(x)*(1-sigmoid(x))")
    assert code == 1
    assert data["verdict"] == "incorrect" and data["mistake"] == "product-rule"
    assert "Product rule" in data["feedback"]
    point = data["counterexample"]
    assert set(point) == {"x"}
    x = point["x"]
    import math

    s = 1 / (1 + math.exp(-x))
    assert data["values"]["claimed"] == pytest.approx(s * (1 - s), rel=1e-9)
    assert data["values"]["reference"] == pytest.approx(s + x * s * (1 - s), rel=1e-9)
    assert data["reference"] == "x*(1 - sigmoid(x))*sigmoid(x) + sigmoid(x)"


def test_missing_chain_rule_factor_is_named(cli):
    code, data = cli.json("check-gradient", "sin(x^2)", "cos(x^2)")
    assert code == 1 and data["mistake"] == "chain-rule" and "2·x" in data["feedback"]


def test_without_a_claim_it_shows_the_derivative(cli):
    result = cli("check-gradient", "tanh(x)")
    assert result.exit_code == 0 and "tanh" in result.stdout and "2" in result.stdout
    code, data = cli.json("check-gradient", "tanh(x)")
    assert code == 0 and data["verdict"] == "shown" and data["read_as"] is None
    assert data["reference"] == "1 - tanh(x)**2"


def test_several_variables_take_a_list_in_wrt_order(cli):
    code, data = cli.json("check-gradient", "x^2 y + y", "[2xy, x^2 + 1]", "--wrt", "x,y")
    assert (code, data["verdict"], data["wrt"]) == (0, "correct", ["x", "y"])
    code, data = cli.json("check-gradient", "x^2 y + y", "[x^2 + 1, 2xy]", "--wrt", "x,y")
    assert code == 1 and "∂f/∂x" in data["feedback"]
    code, data = cli.json("check-gradient", "w*x + b", "x", "--wrt", "w")
    assert (code, data["verdict"]) == (0, "correct")


@pytest.mark.parametrize(
    "args, words",
    [
        (["sigmod(x)"], "unknown function 'sigmod'"),
        (["x^2", "2y"], "'y' is not a variable"),
        (["x^2 y", "[2xy]", "--wrt", "x,y"], "list of 2 partial derivatives"),
        (["x^2", "2x", "--wrt", "1z"], "'1z' cannot be a variable name"),
        (["__import__('os').system('touch /tmp/pwned')"], ""),
        (["2 + 3"], "no variable"),
        ([""], ""),
    ],
)
def test_unreadable_input_is_exit_2_with_one_line(cli, args, words):
    started = time.monotonic()
    result = cli("check-gradient", *args)
    assert result.exit_code == 2
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output and time.monotonic() - started < 1.5


def test_a_form_that_cannot_be_decided_is_unreadable_not_wrong(cli):
    # right, but exp(10^15(x² + 1)) has no usable value at any point: no verdict, no lie
    result = cli("check-gradient", "exp(10^15 (x^2+1))", "2*10^15 x exp(10^15 x^2) exp(10^15)")
    assert result.exit_code == 2 and "simpler form" in result.stderr


def test_an_identically_zero_claim_is_decided(cli):
    code, data = cli.json("check-gradient", "x + 0*y", "[1, sin(y)^2 + cos(y)^2 - 1]", "--wrt", "x,y")
    assert (code, data["verdict"]) == (0, "correct")
    code, data = cli.json("check-gradient", "x", "1/(x-2) + 1/(2-x)")
    assert (code, data["verdict"]) == (1, "incorrect")


def test_a_variable_the_function_lacks_has_partial_derivative_zero(cli):
    code, data = cli.json("check-gradient", "x^2", "0", "--wrt", "y")
    assert (code, data["verdict"], data["reference"]) == (0, "correct", "0")
    assert "does not depend on y" in data["note"]
    code, data = cli.json("check-gradient", "x^2", "2x", "--wrt", "y")
    assert (code, data["verdict"]) == (1, "incorrect")
