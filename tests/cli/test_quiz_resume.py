"""An interrupted quiz (input closed, Ctrl-C, a kill) is offered to be continued."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from rich.console import Console

from tests.cli.learner import COURSE, on_day

QUIZ = ("quiz", "basics", "--bank", COURSE, "--seed", "2")  # basics.add, then basics.half


@pytest.fixture(autouse=True)
def day_one(monkeypatch):
    on_day(monkeypatch, 1)


def _half_of(output: str) -> int:
    return int(re.findall(r"one half of (\d+)", output)[-1])


def _answers(home) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "progress.sqlite3") as conn:
        return conn.execute("SELECT question_id, verdict FROM attempts ORDER BY id").fetchall()


def test_input_closed_mid_quiz_then_continue_with_the_same_variant(cli, home):
    first = cli(*QUIZ, input="5\n")  # answers the first question, then input ends
    assert first.exit_code == 2 and "dltutor quiz continues it" in first.stdout
    n = _half_of(first.stdout)
    again = cli("quiz", "--seed", "1", "--bank", COURSE, input=f"y\n{n / 2}\n")
    assert again.exit_code == 0, again.output
    assert "Continue the quiz you left (1 of 2 done)? [Y/n]" in again.stdout
    assert "Question 2/2" in again.stdout and "Question 1/2" not in again.stdout
    assert _half_of(again.stdout) == n and "✓ Correct" in again.stdout
    assert _answers(home) == [("basics.add", "correct"), ("basics.half", "correct")]
    assert "Continue the quiz" not in cli(*QUIZ, input="q\n").stdout  # it was finished


def test_declining_starts_a_new_quiz_and_forgets_the_old_one(cli):
    cli(*QUIZ, input="5\n")
    result = cli(*QUIZ, input="n\nq\n")
    assert "Continue the quiz you left" in result.stdout and "Question 1/" in result.stdout
    assert "Continue the quiz" not in cli(*QUIZ, input="q\n").stdout


def test_quitting_with_q_is_not_an_interruption(cli):
    cli(*QUIZ, input="5\nq\n")
    assert "Continue the quiz" not in cli(*QUIZ, input="q\n").stdout


def test_ctrl_c_mid_quiz_is_offered_to_continue(cli, monkeypatch):
    typed = iter(["5"])

    def keyboard(console, prompt="", **_):
        console.print(prompt, end="")
        try:
            return next(typed)
        except StopIteration:
            raise KeyboardInterrupt from None

    with monkeypatch.context() as patched:
        patched.setattr(Console, "input", keyboard)
        stopped = cli(*QUIZ)
    assert stopped.exit_code == 130 and "dltutor quiz continues from here" in stopped.stdout
    result = cli("quiz", "--seed", "1", "--bank", COURSE, input=f"y\n{_half_of(stopped.stdout) / 2}\n")
    assert "(1 of 2 done)" in result.stdout and "2 of 2 right" in result.stdout  # the whole quiz


def test_a_killed_quiz_is_offered_to_continue(cli, home):
    env = {**os.environ, "DLTUTOR_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "dltutor", *map(str, QUIZ)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    child.stdin.write("5\n")
    child.stdin.flush()
    seen, deadline = "", time.monotonic() + 600  # a busy machine starts slowly
    while "one half of" not in seen and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        seen += line
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert "one half of" in seen, seen
    result = cli("quiz", "--seed", "1", "--bank", COURSE, input=f"y\n{_half_of(seen) / 2}\n")
    assert "Continue the quiz you left (1 of 2 done)?" in result.stdout
    assert "✓ Correct" in result.stdout
    assert _answers(home) == [("basics.add", "correct"), ("basics.half", "correct")]


def test_the_summary_of_a_continued_quiz_counts_the_part_before_the_interruption(cli):
    first = cli(*QUIZ, input="4\n4\n")  # the first question missed twice, then input ends
    assert first.exit_code == 2
    again = cli("quiz", "--seed", "1", "--bank", COURSE, input=f"y\n{_half_of(first.stdout) / 2}\n")
    assert "Question 2/2" in again.stdout and "✓ Correct" in again.stdout
    assert "1 of 2 right" in again.stdout
