"""The interactive quiz, driven through stdin as a learner would type."""

from __future__ import annotations

import re
import sqlite3

from tests.conftest import GOOD


def _n(output: str) -> int:
    return int(re.search(r"one half of (\d+)", output).group(1))


def _attempts(home) -> list[tuple]:
    with sqlite3.connect(home / "progress.sqlite3") as conn:
        return conn.execute("SELECT answer, verdict, hints_used, try_number FROM attempts").fetchall()


def _first_prompt(cli) -> int:
    return _n(cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input="q\n").stdout)


def test_hint_then_right_answer(cli, home):
    n = _first_prompt(cli)
    result = cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input=f"?\n?\n?\n{n / 2}\n")
    assert result.exit_code == 0
    assert "Hint 1/2: Divide by two." in result.stdout and f"Hint 2/2: It is {n}/2." in result.stdout
    assert "No more hints" in result.stdout
    assert "✓ Correct" in result.stdout and "1 of 1 right" in result.stdout
    assert _attempts(home) == [(str(n / 2), "correct", 2, 1)]


def test_unreadable_answer_is_asked_again_and_not_counted(cli, home):
    n = _first_prompt(cli)
    result = cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input=f"twelve\n{n / 2}\n")
    assert "Can't read that" in result.stdout and "not counted" in result.stdout
    assert [a[0] for a in _attempts(home)] == [str(n / 2)]


def test_known_mistake_gets_its_feedback_then_a_second_try(cli, home):
    n = _first_prompt(cli)
    result = cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input=f"{n * 2}\n{n * 3}\n")
    assert f"That is twice {n}, not half." in result.stdout
    assert "Try once more" in result.stdout
    assert "Answer: " in result.stdout and f"{n}/2 = " in result.stdout
    assert "0 of 1 right" in result.stdout
    assert [(a[1], a[3]) for a in _attempts(home)] == [("incorrect", 1), ("incorrect", 2)]


def test_skip_shows_the_answer_and_records_nothing(cli, home):
    result = cli("quiz", "solo", "--bank", GOOD, "--seed", "5", input="s\n")
    assert "Answer:" in result.stdout and "1 skipped" in result.stdout
    assert _attempts(home) == []


def test_ctrl_d_mid_quiz_stops_calmly_and_keeps_answers(cli, home, columns):
    columns(60)
    result = cli("quiz", "tiny-topic", "solo", "--bank", GOOD, "--seed", "1", input="a\n")
    assert result.exit_code == 2 and result.stderr == ""  # no "error:" line
    said = result.stdout.splitlines()[-1]
    assert said == "Input closed; 1 answer saved. dltutor quiz continues it."
    assert len(_attempts(home)) == 1


def test_count_caps_the_quiz_and_it_runs_to_the_end(cli, home):
    result = cli(
        "quiz", "tiny-topic", "solo", "--bank", GOOD, "--count", "10", "--seed", "3", input="s\n" * 10
    )
    assert result.exit_code == 0
    assert "Question 6/6" in result.stdout and "6 skipped" in result.stdout
    assert result.stdout.count("Answer:") == 6
    result = cli("quiz", "tiny-topic", "--bank", GOOD, "--count", "2", "--seed", "3", input="s\n" * 10)
    assert "Question 2/2" in result.stdout and "Question 3/" not in result.stdout


def test_an_id_is_asked_like_any_quiz_question_and_show_only_prints_it(cli, home):
    result = cli("quiz", "--id", "tiny.pick", "--bank", GOOD, input="a\n")
    assert result.exit_code == 0 and "✓ Correct" in result.stdout
    assert [a[:2] for a in _attempts(home)] == [("a", "correct")]
    shown = cli("quiz", "--id", "tiny.pick", "--bank", GOOD, "--show")
    assert shown.exit_code == 0 and "Correct" not in shown.stdout and "tiny.pick" in shown.stdout
    assert len(_attempts(home)) == 1


def test_the_same_wrong_choice_twice_is_said_and_does_not_use_the_last_try(cli, home):
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.pick", input="b\nb\na\n")
    assert "You chose that already" in result.stdout and "not counted" in result.stdout
    assert "✓ Correct" in result.stdout and result.exit_code == 0
    assert [(a[0], a[1], a[3]) for a in _attempts(home)] == [("b", "incorrect", 1), ("a", "correct", 2)]
