"""`dltutor quiz` over simulated days: the course, due reviews, moving on, leeches."""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime

import pytest

from tests.cli.learner import Learner, on_day, only_bank


@pytest.fixture(autouse=True)
def course(monkeypatch):
    only_bank(monkeypatch)


def _due(cli) -> dict[str, str | None]:
    data = json.loads(cli("progress", "--json").stdout)
    return {qid: q["due"] for t in data["topics"].values() for qid, q in t["questions"].items()}


def _days_between(when: str | None, moment: datetime) -> int:
    return (datetime.fromisoformat(when) - moment).days


def test_new_learner_over_simulated_days(cli, monkeypatch):
    """Wrong answers come back the next day, right ones later and later, and the
    course moves to the next topic once the first is mastered."""
    learner = Learner(monkeypatch, knows={"basics.add", "next.pick"})
    asked_on: dict[str, list[int]] = {}
    for day in range(1, 61):
        on_day(monkeypatch, day)
        if day == 2:
            learner.knows.add("basics.half")  # learnt from yesterday's explanation
        result = cli("quiz", "--seed", "1")
        assert result.exit_code == 0, result.output
        for qid in learner.ids():
            asked_on.setdefault(qid, []).append(day)
        if day == 1:
            due = _due(cli)
            assert _days_between(due["basics.half"], on_day(monkeypatch, 1)) == 1  # wrong: tomorrow
            assert _days_between(due["basics.add"], on_day(monkeypatch, 1)) > 1
            assert due["next.pick"] is None  # the next topic waits
    half, add = asked_on["basics.half"], asked_on["basics.add"]
    assert half[:2] == [1, 2]
    for days in (add, half[1:]):
        gaps = [b - a for a, b in itertools.pairwise(days)]
        assert len(gaps) >= 2 and gaps == sorted(gaps) and gaps[-1] > gaps[0], days
    assert asked_on["next.pick"][0] > 2  # only after basics was mastered
    data = json.loads(cli("progress", "--json").stdout)
    assert data["topics"]["basics"]["mastered"] and data["topics"]["basics"]["mastery"] >= 0.8


def test_the_quiz_says_what_comes_and_when_it_comes_back(cli, monkeypatch):
    on_day(monkeypatch, 1)
    result = cli("quiz", "--seed", "1", input="5\n-1\n-1\n")
    assert result.exit_code == 0
    assert "2 new questions from basics" in result.stdout
    assert "comes back in 8 days" in result.stdout  # right and quick: Easy
    assert "comes back tomorrow" in result.stdout  # wrong twice: Again


def test_review_takes_only_due_cards_and_says_when_nothing_is(cli, monkeypatch):
    on_day(monkeypatch, 1)
    result = cli("quiz", "--seed", "1", "--review")
    assert result.exit_code == 0 and "Nothing is due today." in result.stdout
    cli("quiz", "--seed", "1", input="5\n-1\n-1\n")
    result = cli("quiz", "--seed", "1", "--review")
    assert "Nothing is due today. The next review is tomorrow." in result.stdout
    on_day(monkeypatch, 2, hour=7)  # due at 09:00, but the day has begun: due now
    result = cli("quiz", "--seed", "1", "--review", input="-1\n-1\n")
    assert "1 due review" in result.stdout and "Question 1/1" in result.stdout
    assert "one half of" in result.stdout and "What is 2 + 3?" not in result.stdout


def test_a_parametrised_question_comes_back_as_another_variant(cli, monkeypatch):
    for day in range(1, 6):  # wrong every day: due again every next day
        on_day(monkeypatch, day)
        cli("quiz", "--seed", "1", "--review" if day > 1 else "basics", input="-1\n-1\n" * 2)
    from dltutor.progress.store import Store

    seeds = [
        seed
        for (seed,) in Store().query(
            "SELECT seed FROM attempts WHERE question_id = 'basics.half' ORDER BY id"
        )
    ]
    daily = seeds[::2]  # two tries a day, on the same variant
    assert len(seeds) == 10 and seeds[1::2] == daily
    assert all(today != yesterday for yesterday, today in itertools.pairwise(daily))


def test_eight_failures_flag_a_leech_and_point_to_its_section(cli, monkeypatch):
    on_day(monkeypatch, 1)
    for _ in range(7):
        assert cli("quiz", "--id", "basics.add", "--answer", "6").exit_code == 1
    on_day(monkeypatch, 2)
    result = cli("quiz", "--seed", "1", "--review", input="6\n6\n")
    assert "keeps slipping (failed 8 times)" in result.stdout
    assert "Reread: dltutor learn basics — section 'Adding'" in result.stdout
    data = json.loads(cli("progress", "--json").stdout)
    assert data["leeches"] == [
        {
            "id": "basics.add",
            "topic": "basics",
            "section": "Adding",
            "reread": "Reread: dltutor learn basics — section 'Adding'",
        }
    ]
    assert data["topics"]["basics"]["questions"]["basics.add"]["leech"] is True
    assert "basics.add keeps slipping" in cli("progress").stdout


def test_seven_failures_are_not_yet_a_leech(cli, monkeypatch):
    on_day(monkeypatch, 1)
    for _ in range(7):
        cli("quiz", "--id", "basics.add", "--answer", "6")
    assert json.loads(cli("progress", "--json").stdout)["leeches"] == []


def test_with_every_topic_mastered_the_course_says_so(cli, monkeypatch):
    Learner(monkeypatch, knows={"basics.add", "basics.half", "next.pick"}, seconds=1)
    on_day(monkeypatch, 1)
    assert cli("quiz", "--seed", "1").exit_code == 0  # right and quick: Easy, mastered at once
    assert cli("quiz", "--seed", "1").exit_code == 0  # the next topic
    result = cli("quiz", "--seed", "1")
    assert "every topic is mastered" in result.stdout
    assert re.search(r"next review is in \d+ days", result.stdout)
