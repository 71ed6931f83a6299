"""expression, derivative and matrix questions, graded through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

SYM = Path(__file__).parent.parent / "fixtures" / "symbolic"


def grade(cli, qid: str, answer: str, seed: int = 0) -> tuple[int, dict]:
    return cli.json("quiz", "--bank", SYM, "--id", qid, "--seed", str(seed), "--answer", answer)


@pytest.mark.parametrize(
    "answer",
    [
        "σ(x)(1-σ(x))",
        "sigmoid(x) - sigmoid(x)^2",
        "1/(4 cosh(x/2)^2)",
        "e^(-x)/(1+e^(-x))^2",
        "exp(x)/(1+exp(x))²",
    ],
)
def test_any_equal_form_is_right(cli, answer):
    code, data = grade(cli, "sym.sigmoid-prime", answer)
    assert (code, data["verdict"]) == (0, "correct"), data


def test_listed_wrong_answer_gets_its_own_feedback_and_a_point(cli):
    code, data = grade(cli, "sym.sigmoid-prime", "σ(x)")
    assert code == 1 and data["mistake"] == "gave-function"
    assert data["feedback"] == "That is σ itself, not its slope."
    assert set(data["counterexample"]) == {"x"}
    assert data["answer_value"] != pytest.approx(data["reference_value"])


def test_derivative_reference_comes_from_the_function(cli):
    code, data = grade(cli, "sym.silu-prime", "σ(x) + x σ(x)(1 - σ(x))")
    assert (code, data["verdict"]) == (0, "correct")
    code, data = grade(cli, "sym.silu-prime", "x σ(x)(1 - σ(x))")
    assert code == 1 and data["mistake"] == "product-rule-lost-term"


def test_unlisted_mistake_is_diagnosed(cli):
    code, data = grade(cli, "sym.silu-prime", "-σ(x) - x σ(x)(1 - σ(x))")
    assert code == 1 and data["mistake"] == "sign"


def test_parametrised_derivative_follows_the_seed(cli):
    shown = cli.json("quiz", "--bank", SYM, "--id", "sym.power", "--seed", "5", "--show")[1]
    a = int(shown["prompt"].split("x^")[1].rstrip("."))
    assert grade(cli, "sym.power", f"{a} x^{a - 1}", 5)[1]["verdict"] == "correct"
    code, data = grade(cli, "sym.power", f"x^{a - 1}", 5)
    assert code == 1 and data["mistake"] == "forgot-exponent-factor"
    assert f"Bring the exponent {a} down" in data["feedback"]


def test_partial_derivative_in_a_declared_domain(cli):
    assert grade(cli, "sym.bce-logit", "σ(z) - y")[1]["verdict"] == "correct"
    code, data = grade(cli, "sym.bce-logit", "y - σ(z)")
    assert code == 1 and data["mistake"] == "sign"
    code, data = grade(cli, "sym.bce-logit", "σ(x) - y")
    assert code == 2 and data["verdict"] == "invalid" and "not a variable" in data["feedback"]


def test_matrix_checks_shape_first_then_entries(cli):
    assert grade(cli, "sym.grad-quadratic", "[2x + 3y, 3x]")[1]["verdict"] == "correct"
    code, data = grade(cli, "sym.grad-quadratic", "[2x + 3y]")
    assert code == 1 and data["mistake"] == "shape" and "expected 2 entries" in data["feedback"]
    code, data = grade(cli, "sym.grad-quadratic", "[2x, 3x]")
    assert code == 1 and data["mistake"] == "dropped-cross-term"
    code, data = grade(cli, "sym.grad-quadratic", "[2x + 3y, 3y]")
    assert code == 1 and data["feedback"] == "Entry 2 is not right." and data["entry"] == [1, 0]
    code, data = grade(cli, "sym.grad-quadratic", "2x + 3y")
    assert code == 2 and data["verdict"] == "invalid"


def test_interactive_quiz_shows_how_the_answer_was_read_before_the_verdict(cli):
    result = cli(
        "quiz",
        "sym",
        "--bank",
        SYM,
        "--count",
        "1",
        "--seed",
        "1",
        input="1/(4cosh(x/2)^2)\nx^9\nσ(z)-y\n[2x+3y,3x]\nσ(x)(1-σ(x))\n",
    )
    out = result.stdout
    assert "read as" in out
    assert (
        out.index("read as") < out.index("✓ Correct")
        if "✓ Correct" in out
        else out.index("read as") < out.index("✗")
    )


def test_validate_self_checks_the_symbolic_fixture(cli):
    result = cli("bank", "validate", SYM)
    assert result.exit_code == 0 and "5 questions in 1 topics: all pass" in result.stdout
