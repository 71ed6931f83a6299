"""`dltutor check-gradient --steps`: a derivation checked line by line, from a file or stdin."""

from __future__ import annotations

import json

import pytest

RIGHT = """d/dx (log(1 + exp(2x)))
= 1/(1 + exp(2x)) · exp(2x) · 2
= 2 exp(2x)/(1 + exp(2x))
= 2σ(2x)
= 2/(1 + exp(-2x))
"""

# line 3 drops the inner derivative 2 of exp(2x); lines 4 and 5 follow from line 3
DROPPED_CHAIN_FACTOR = """d/dx (log(1 + exp(2x)))
= 1/(1 + exp(2x)) · exp(2x) · 2
= exp(2x)/(1 + exp(2x))
= σ(2x)
= 1/(1 + exp(-2x))
"""


def _steps(cli, text: str, *args: str) -> tuple[int, dict]:
    result = cli("check-gradient", *args, "--steps", "-", "--json", input=text)
    return result.exit_code, json.loads(result.stdout)


def test_a_correct_derivation_passes_every_line(cli):
    code, data = _steps(cli, RIGHT)
    assert code == 0 and data["verdict"] == "correct" and data["first_break"] is None
    assert [s["status"] for s in data["steps"]] == ["start", "equal", "equal", "equal", "equal"]
    assert data["steps"][3]["read_as"] == "2*sigmoid(2*x)"
    shown = cli("check-gradient", "--steps", "-", input=RIGHT)
    assert shown.exit_code == 0 and "✓ Correct" in shown.stdout
    assert "Every step follows from the one before, and the last line is the derivative" in shown.stdout


def test_a_dropped_chain_rule_factor_on_line_3_of_5_is_named_at_line_3(cli, tmp_path):
    path = tmp_path / "derivation.txt"
    path.write_text(DROPPED_CHAIN_FACTOR, encoding="utf-8")
    result = cli("check-gradient", "--steps", path, "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["verdict"] == "incorrect"
    brk = data["first_break"]
    assert (brk["line"], brk["compared_with"], brk["mistake"]) == (3, 2, "chain-rule")
    assert "inner derivative 2" in brk["message"]
    x = brk["counterexample"]["x"]
    assert brk["previous_value"] == pytest.approx(2 * brk["value"], rel=1e-9) and x != 0
    # the lines after the break are still checked against each other
    assert [s["status"] for s in data["steps"][3:]] == ["equal", "equal"]
    shown = cli("check-gradient", "--steps", path)
    assert shown.exit_code == 1
    assert "Line 3 does not follow from line 2" in " ".join(shown.stdout.split())
    assert "Chain rule" in shown.stdout and "after line 3 follows" in " ".join(shown.stdout.split())


def test_an_unreadable_line_is_reported_with_its_position(cli):
    text = "d/dx (sin(x^2))\n= cos(x^2) · 2x\n= 2x cos(x^2\n= 2x·cos(x^2)\n"
    code, data = _steps(cli, text)
    assert code == 2 and data["verdict"] == "invalid" and data["line"] == 3
    bad = data["steps"][2]
    assert bad["status"] == "unreadable" and bad["text"] == "2x cos(x^2"
    assert bad["text"][bad["position"]] == "("  # the bracket that is never closed
    assert data["steps"][3]["status"] == "equal" and data["steps"][3]["compared_with"] == 2
    shown = cli("check-gradient", "--steps", "-", input=text)
    assert shown.exit_code == 2 and "line 3:" in shown.stderr and "Traceback" not in shown.output


def test_right_steps_that_do_not_end_at_the_derivative_say_so(cli):
    # every line equals the one before, but the derivation started from cos(x²)
    code, data = _steps(cli, "cos(x^2)\n= cos(x·x)\n= cos(x^2)·1\n", "sin(x^2)")
    assert code == 1 and data["first_break"] is None
    assert [s["status"] for s in data["steps"]] == ["start", "equal", "equal"]
    assert (
        "Every step follows from the one before, but the last line is not the derivative" in data["feedback"]
    )
    assert data["mistake"] == "chain-rule"


@pytest.mark.parametrize("head", ["∂/∂x (x^3)", "Derivative(x^3, x)", "d/dx x^3", "= d / dx (x³)"])
def test_the_first_line_may_name_the_derivative_in_any_usual_form(cli, head):
    code, data = _steps(cli, f"{head}\n= 3x^2\n")
    assert code == 0 and data["steps"][0]["read_as"] == "Derivative(x**3, x)"


def test_several_variables_differentiate_by_the_named_one(cli):
    code, data = _steps(cli, "∂/∂y (x^2 y + y)\n= x^2 + 1\n")
    assert (code, data["wrt"]) == (0, ["y"])
    code, data = _steps(cli, "∂/∂z (x^2 y)\n= 0\n")
    assert code == 2 and "z is not a variable" in data["error"]


@pytest.mark.parametrize(
    "text, args, words",
    [
        ("", [], "empty"),
        ("2x\n= 2x\n", [], "say what is differentiated"),
        ("d/dx (x^2)\n= 2x\n", ["x^2"], "either as FUNCTION or as the first line"),
        ("d/dx (x^2)\n", [], "write the derivative on the lines after it"),
        ("d/dx (x^2)\n= 2x = 2·x\n", [], "one expression per line"),
        ("d/dx (x^2)\n= d/dx (x·x)\n", [], "only the first line"),
        ("d/dx (__import__('os'))\n= 0\n", [], ""),
    ],
)
def test_misuse_gets_one_clear_line(cli, text, args, words):
    result = cli("check-gradient", *args, "--steps", "-", input=text)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert words in result.stderr and result.stderr.count("\n") == 1


def test_a_missing_derivation_file_is_a_clear_error(cli, tmp_path):
    result = cli("check-gradient", "--steps", tmp_path / "nope.txt")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_piped_output_has_no_picture(cli):
    result = cli("check-gradient", "--steps", "-", input=DROPPED_CHAIN_FACTOR)
    assert "⠁" not in result.stdout and "they differ at" not in result.stdout


def test_steps_and_code_are_separate_checks(cli, tmp_path):
    result = cli("check-gradient", "--code", tmp_path / "x.py:f", "--steps", "-", input="x\n")
    assert result.exit_code == 2 and "give one of them" in result.stderr


def test_the_help_shows_a_steps_example(cli):
    result = cli("check-gradient", "--help")
    assert "--steps" in result.stdout and "check-gradient --steps" in " ".join(result.stdout.split())


def test_a_whole_equation_on_the_first_line_asks_for_one_expression_per_line(cli):
    code, data = _steps(cli, "d/dx (x^2) = 2x\n")
    assert code == 2 and "one expression per line" in data["error"]
    assert "d/dx (x^2) = 2x"[data["position"]] == "="
