"""Each broken fixture bank has one fault; the error names its file, line and field."""

from __future__ import annotations

import pytest

from tests.conftest import BROKEN

CASES = [
    # (fixture, file, line, words the author must read)
    ("not-yaml", "questions.yaml", 6, "not valid YAML"),
    ("tab-indent", "questions.yaml", 12, "tabs are not allowed"),
    (
        "unknown-key",
        "questions.yaml",
        5,
        "field 'promt': unknown key in question 't.one' (did you mean 'prompt'?)",
    ),
    ("wrong-type", "questions.yaml", 13, "field 'difficulty': expected a whole number, found text 'hard'"),
    ("duplicate-id", "questions.yaml", 13, "duplicate question id 't.one'"),
    (
        "missing-answer",
        "questions.yaml",
        3,
        "field 'answer': question 't.one' is missing this required field",
    ),
    ("unknown-topic", "lesson.yaml", 4, "field 'prerequisites': unknown topic 'linear-algebr'"),
    ("no-lesson", "questions.yaml", 1, "unknown topic 't'"),
    ("duplicate-key", "questions.yaml", 7, "duplicate key 'answer' (first at line 6)"),
    ("bad-version", "questions.yaml", 1, "format_version 2 is not supported"),
    ("bad-choice", "questions.yaml", 3, "'e' is not a choice"),
]


@pytest.mark.parametrize("case, file, line, words", CASES, ids=[c[0] for c in CASES])
def test_broken_bank_gives_one_line_with_file_line_and_field(cli, case, file, line, words):
    folder = BROKEN / case / "t"
    result = cli("bank", "validate", folder)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1, result.stderr  # one clear line
    assert f"{folder / file}:{line}:" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", [("quiz", "t"), ("bank", "list")])
def test_every_command_reports_a_broken_bank_the_same_way(cli, command):
    result = cli(*command, "--bank", BROKEN / "unknown-key" / "t")
    assert result.exit_code == 2
    assert "questions.yaml:5: field 'promt'" in result.stderr


def test_a_lesson_still_reads_when_only_its_questions_are_broken(cli):
    result = cli("learn", "t", "--bank", BROKEN / "unknown-key" / "t")
    assert result.exit_code == 0 and "Nothing to see." in result.stdout


def test_a_wrong_answer_that_grades_correct_fails_validation(cli):
    result = cli("bank", "validate", BROKEN / "wrong-is-right" / "t")
    assert result.exit_code == 1
    assert "questions.yaml:8: question 't.one' (seed 0): wrong answer '2' grades correct" in result.stdout


def test_a_missing_bank_folder_is_named(cli, tmp_path):
    result = cli("learn", "--bank", tmp_path / "nowhere")
    assert result.exit_code == 2 and "nowhere' does not exist" in result.stderr


def test_a_parameter_that_leaves_the_answer_undefined_is_caught_by_validate(cli):
    # b is drawn from 0..2: seed 0 divides by zero; a learner must never meet that variant
    result = cli("bank", "validate", BROKEN / "undefined-variant" / "t")
    assert result.exit_code == 1
    assert (
        "questions.yaml:3: question 't.log-ratio' (seed 0): the reference answer cannot be "
        "used: 'log(a/b)' has no value here (division by zero)"
    ) in " ".join(result.stdout.split())


def test_a_repeating_answer_without_a_declared_precision_fails_validation(cli):
    # (1 + 2 + 4)/3 = 2.333…: a learner cannot type it exactly, so the question must say how to round
    result = cli("bank", "validate", BROKEN / "undeclared-precision" / "t")
    assert result.exit_code == 1
    assert (
        "questions.yaml:3: question 't.mean' (seed 0): the answer 2.33333333333 is not exact in 4 "
        "significant digits, and the question declares no precision: add `decimals: N` or "
        "`significant: N`"
    ) in " ".join(result.stdout.split())


def test_a_formula_mixing_matrix_and_scalar_symbols_is_one_line_naming_file_and_formula(cli):
    folder = BROKEN / "matrix-scalar-mix" / "t"
    result = cli("bank", "validate", folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    problem = [line for line in result.stdout.splitlines() if line.startswith("✗")]
    assert len(problem) == 1
    assert f"{folder / 'lesson.yaml'}: section 'Only': formula 'y = tanh(W*x + b)': " in problem[0]
    assert "Mix of Matrix and Scalar symbols (matrices: W)" in problem[0]
    lesson = cli("learn", "t", "--bank", folder)  # the lesson still reads, the formula as written
    assert lesson.exit_code == 0 and "y = tanh(W*x + b)" in lesson.stdout
