"""The Python API gives a notebook the CLI's verdicts: the same core, the same
messages, results that are truthy when right and render in Jupyter, and answers
saved to the same progress store unless record=False."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import dltutor
import dltutor.api
from dltutor.errors import AnswerFormatError, DltutorError, NotFoundError


def test_a_right_derivative_is_truthy_and_shows_its_latex():
    result = dltutor.check_gradient("log(1 + e^x)", "σ(x)")
    assert result and result.verdict == "correct"
    assert r"\frac{\partial f}{\partial x}" in result._repr_latex_()
    assert "✓ Correct" in result._repr_markdown_() and "✓ Correct" in repr(result)


def test_a_wrong_derivative_is_falsy_with_the_clis_feedback_and_counterexample(cli):
    result = dltutor.check_gradient("sin(x^2)", "cos(x^2)")
    assert not result and result.mistake == "chain-rule"
    code, payload = cli.json("check-gradient", "sin(x^2)", "cos(x^2)")
    assert code == 1 and payload["feedback"] == result.feedback
    assert result.counterexample == payload["counterexample"]
    assert "differs at x =" in repr(result)


def test_no_claim_shows_the_derivative_and_sympy_input_is_accepted():
    import sympy

    x = sympy.Symbol("x")
    shown = dltutor.check_gradient(x**3)
    assert shown.verdict == "shown" and not shown and str(shown.reference[0]) == "3*x**2"
    assert dltutor.check_gradient(x**3, 3 * x**2)


def test_unreadable_input_raises_the_clis_error_with_the_same_message(cli):
    with pytest.raises(AnswerFormatError) as caught:
        dltutor.check_gradient("x^2", "2x +* 1")
    result = cli("check-gradient", "x^2", "2x +* 1")
    assert result.exit_code == 2 and caught.value.message in result.stderr.replace("\n", " ")


def test_grade_records_the_answer_unless_told_not_to(cli):
    assert not dltutor.grade("act.d-sigmoid", "σ(x)", record=False)
    assert json.loads(cli("progress", "--json").stdout)["topics"]["activations"]["attempts"] == 0
    right = dltutor.grade("act.d-sigmoid", "e^(-x)/(1 + e^(-x))^2")
    assert right and right.score == 1.0 and "Why" in right._repr_markdown_()
    assert json.loads(cli("progress", "--json").stdout)["topics"]["activations"]["attempts"] == 1


def test_a_wrong_answer_carries_its_named_mistake_and_no_explanation_in_markdown():
    wrong = dltutor.grade("act.sigmoid-range", "b", record=False)
    assert not wrong and wrong.mistake == "confused-with-tanh"
    assert "range of tanh" in wrong._repr_markdown_() and "Why" not in wrong._repr_markdown_()


def test_a_seeded_variant_is_the_clis_variant(cli):
    _, shown = cli.json("quiz", "--id", "cb.chain-power", "--seed", "5", "--show")
    assert dltutor.question("cb.chain-power", seed=5).prompt == shown["prompt"]


def test_hints_come_one_at_a_time_then_none():
    question = dltutor.question("act.sigmoid-range")
    assert question.hint() == question.hints[0]
    assert [question.hint() for _ in question.hints[1:]] == list(question.hints[1:])
    assert question.hint() is None
    assert "**a)** (0, 1)" in question._repr_markdown_()
    assert question.grade("a", record=False)


def test_unknown_ids_and_unreadable_answers_are_the_projects_errors():
    with pytest.raises(NotFoundError, match="no question"):
        dltutor.grade("act.no-such-question", "1", record=False)
    with pytest.raises(AnswerFormatError):
        dltutor.grade("act.sigmoid-range", "z", record=False)
    with pytest.raises(DltutorError, match="not a code exercise"):
        dltutor.check_code(
            "act.sigmoid-range", test_unknown_ids_and_unreadable_answers_are_the_projects_errors
        )


def test_the_docstring_examples_run():
    failures, tried = doctest.testmod(dltutor.api, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 12 and failures == 0


def test_importing_dltutor_loads_neither_the_api_nor_sympy_nor_torch(tmp_path):
    probe = (
        "import sys, dltutor; print(sorted(m for m in ('torch', 'sympy', 'numpy', "
        "'dltutor.api') if m in sys.modules)); print(callable(dltutor.grade))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"},
        check=False,
    )
    assert result.stdout.split("\n")[:2] == ["[]", "True"], result.stderr


def test_a_float_is_graded_as_a_person_types_it_and_a_note_travels(cli):
    assert dltutor.grade("act.sigmoid-max-slope", 0.35 - 0.1, record=False)  # 0.24999999999999997
    result = dltutor.check_gradient("x^2", "0", wrt="y")
    assert result and "does not depend on y" in repr(result)
