"""`dltutor progress [TOPIC]`: where the learner stands, at a glance and as JSON."""

from __future__ import annotations

import pytest

from tests.cli.learner import on_day, only_bank


@pytest.fixture(autouse=True)
def course_only(monkeypatch):
    only_bank(monkeypatch)


def _three_days(cli, monkeypatch) -> None:
    for day, answers in ((1, "5\n-1\n-1\n"), (2, "-1\n-1\n"), (3, "")):
        on_day(monkeypatch, day)
        cli("quiz", "--seed", str(day), input=answers)
    cli("quiz", "--id", "basics.add", "--answer", "5")


def test_summary_shows_streak_due_bars_history_and_a_plot(cli, monkeypatch):
    _three_days(cli, monkeypatch)
    result = cli("progress")
    assert result.exit_code == 0
    out = result.stdout
    assert "Streak 3 days" in out and "Due today 1" in out
    basics = next(line for line in out.splitlines() if "basics" in line and "←" in line)
    assert "█" in basics and "2/2" in basics and "2 of 6" in basics
    assert "Recent answers" in out and "✗  basics.half" in out
    assert "Accuracy per day (%)" in out  # plotted once there are two days
    assert "Next: dltutor quiz" in out


def test_json_has_mastery_due_attempts_accuracy_and_every_due_time(cli, monkeypatch):
    _three_days(cli, monkeypatch)
    code, data = cli.json("progress")
    assert code == 0
    assert (data["streak"], data["due_today"], data["current_topic"]) == (3, 1, "basics")
    basics = data["topics"]["basics"]
    assert 0 < basics["mastery"] < 1 and basics["due"] == 1
    assert (basics["attempts"], basics["accuracy"]) == (6, 2 / 6)
    assert basics["questions"]["basics.half"]["due"] == "2026-03-03T09:00:00+00:00"
    assert data["topics"]["next"]["questions"]["next.pick"]["due"] is None
    assert [day["attempts"] for day in data["accuracy_by_day"]] == [3, 2, 1]
    assert data["history"][0]["id"] == "basics.add"


def test_a_topic_lists_its_questions_and_when_they_come_back(cli, monkeypatch):
    _three_days(cli, monkeypatch)
    result = cli("progress", "basics")
    assert result.exit_code == 0
    rows = {
        line.strip("│ ").split()[0]: line
        for line in result.stdout.splitlines()
        if line.strip("│ ").startswith("basics.")
    }
    assert "today" in rows["basics.half"] and "in " in rows["basics.add"]
    assert "next" not in result.stdout.split("every question")[0]  # only the topic asked for
    code, data = cli.json("progress", "basics")
    assert code == 0 and list(data["topics"]) == ["basics"]


def test_an_unknown_topic_suggests_the_closest(cli):
    result = cli("progress", "basix")
    assert result.exit_code == 2 and "no topic 'basix' (did you mean 'basics'?)" in result.stderr
    assert cli("progress", "basic").exit_code == 0  # a word of the id is enough


def test_a_bad_fixed_clock_is_one_clear_line(cli, monkeypatch):
    monkeypatch.setenv("DLTUTOR_NOW", "yesterday")
    result = cli("progress")
    assert result.exit_code == 2 and "DLTUTOR_NOW='yesterday' is not an ISO 8601 time" in result.stderr
