"""Derivations as quiz answers: typed line by line, or in an --answer-file; the last line decides."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

BANK = """format_version: 1
questions:
  - id: steps.d-sin-square
    kind: derivative
    prompt: Differentiate sin(x²).
    function: sin(x^2)
    wrong:
      - answer: cos(x^2)
        mistake: chain-rule
        feedback: The inner derivative 2x is missing.
    hints: [Chain rule.]
    explanation: 2x cos(x²).
  - id: steps.sigmoid-given
    kind: derivative
    prompt: Finish the derivation.
    function: 1/(1 + exp(-x))
    given_steps:
      - d/dx (1/(1 + e^(-x)))
      - = -(1 + e^(-x))^(-2) · (-e^(-x))
    wrong:
      - answer: -exp(-x)/(1 + exp(-x))**2
        mistake: sign
        feedback: The two minus signs cancel.
    hints: [Multiply out.]
    explanation: σ(x)(1 − σ(x)).
  - id: steps.kl-rewrite
    kind: expression
    prompt: Write (a + b)² - 2ab more simply.
    variables: {a: real, b: real}
    answer: a^2 + b^2
    wrong:
      - answer: a^2 - b^2
        mistake: sign
        feedback: Expand (a + b)² first.
    hints: [Expand.]
    explanation: a² + 2ab + b² − 2ab.
"""

LESSON = """format_version: 1
title: Steps
summary: Derivations checked line by line.
sections:
  - title: Steps
    body:
      - text: One line at a time.
"""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    topic = tmp_path / "bank" / "steps"
    topic.mkdir(parents=True)
    (topic / "questions.yaml").write_text(BANK, encoding="utf-8")
    (topic / "lesson.yaml").write_text(LESSON, encoding="utf-8")
    return tmp_path / "bank"


def _attempts(home: Path) -> list[tuple]:
    path = home / "progress.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT question_id, verdict, try_number FROM attempts").fetchall()


def _answer(cli, bank: Path, qid: str, text: str, tmp_path: Path) -> tuple[int, dict]:
    path = tmp_path / "answer.txt"
    path.write_text(text, encoding="utf-8")
    result = cli("quiz", "--bank", bank, "--id", qid, "--answer-file", path, "--json")
    return result.exit_code, json.loads(result.stdout)


def test_only_the_last_line_decides_and_the_steps_give_feedback(cli, bank, tmp_path):
    # line 2 drops the 2x, line 3 puts it back: the answer is right, the steps are not
    code, data = _answer(
        cli, bank, "steps.d-sin-square", "d/dx sin(x^2)\n= cos(x^2)\n= 2x cos(x^2)\n", tmp_path
    )
    assert code == 0 and data["verdict"] == "correct"
    assert data["first_break"]["line"] == 2 and data["first_break"]["mistake"] == "chain-rule"
    assert "not every step holds" in data["feedback"]


def test_a_wrong_last_line_is_graded_with_the_questions_own_feedback(cli, bank, tmp_path):
    code, data = _answer(
        cli, bank, "steps.d-sin-square", "d/dx sin(x^2)\n= cos(x^2) · 2x\n= cos(x^2)\n", tmp_path
    )
    assert code == 1 and data["mistake"] == "chain-rule"
    assert data["first_break"]["line"] == 3
    assert "The inner derivative 2x is missing." in data["feedback"]


def test_right_steps_from_a_wrong_start_say_the_last_line_is_not_the_derivative(cli, bank, tmp_path):
    code, data = _answer(cli, bank, "steps.d-sin-square", "cos(x^2)\n= cos(x·x)\n", tmp_path)
    assert code == 1 and data["first_break"] is None
    assert (
        "Every step follows from the one before, but the last line is not the derivative" in data["feedback"]
    )


def test_an_unreadable_line_costs_no_attempt(cli, bank, tmp_path, home):
    code, data = _answer(
        cli, bank, "steps.d-sin-square", "d/dx sin(x^2)\n= cos(x^2) · 2x)\n= 2x cos(x^2)\n", tmp_path
    )
    assert code == 2 and data["verdict"] == "invalid" and data["line"] == 2
    bad = data["steps"][1]
    assert bad["status"] == "unreadable" and bad["text"][data["position"]] == ")"
    assert _attempts(home) == []


def test_given_steps_are_continued_and_may_be_repeated(cli, bank, tmp_path):
    code, data = _answer(cli, bank, "steps.sigmoid-given", "= σ(x)(1 - σ(x))\n", tmp_path)
    assert code == 0 and [s.get("given", False) for s in data["steps"]] == [True, True, False]
    assert data["steps"][2]["line"] == 3
    copied = "d/dx (1/(1 + e^(-x)))\n= -(1 + e^(-x))^(-2) · (-e^(-x))\n= σ(x)(1 - σ(x))\n"
    code, again = _answer(cli, bank, "steps.sigmoid-given", copied, tmp_path)
    assert code == 0 and len(again["steps"]) == 3


def test_expression_questions_take_derivations_too(cli, bank, tmp_path):
    code, data = _answer(
        cli, bank, "steps.kl-rewrite", "(a + b)^2 - 2ab\n= a^2 + 2ab + b^2 - 2ab\n= a^2 - b^2\n", tmp_path
    )
    assert code == 1 and data["first_break"]["line"] == 3 and data["mistake"] == "sign"


def test_a_derivation_typed_line_by_line_in_the_quiz(cli, bank, home):
    only_first = BANK[: BANK.index("  - id: steps.sigmoid-given")]
    (bank / "steps" / "questions.yaml").write_text(only_first, encoding="utf-8")
    typed = "d/dx sin(x^2)\n= cos(x^2) · 2x\n= 2x cos(x^2\n= 2x cos(x^2)\n\n"
    result = cli("quiz", "steps", "--bank", bank, "-n", "1", "--seed", "1", input=typed)
    out = " ".join(result.stdout.split())
    assert "Can't read line 3" in out and "not counted" in out
    assert "Every step follows from the one before, and the last line is the derivative" in out
    assert _attempts(home)[0] == ("steps.d-sin-square", "correct", 1)


def test_broken_given_steps_fail_bank_validate(cli, bank):
    path = bank / "steps" / "questions.yaml"
    path.write_text(BANK.replace("= -(1 + e^(-x))^(-2) · (-e^(-x))", "= (1 + e^(-x))^(-2)"), encoding="utf-8")
    result = cli("bank", "validate", bank)
    assert result.exit_code != 0
    assert "given_steps line 2" in " ".join(result.output.split())
