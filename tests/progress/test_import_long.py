"""`progress import` of a long history: checked column by column and merged with
one query, it must still refuse exactly what the item-by-item check refuses,
name the first bad item, and count an answer that is already here once."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from dltutor.progress.store import Store

START = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)


def _attempt(number: int) -> dict:
    return {
        "question_id": f"t.q{number % 7}",
        "topic": "t",
        "kind": "numeric",
        "seed": number,
        "answer": "1",
        "verdict": "correct" if number % 3 else "incorrect",
        "score": 1.0,
        "mistake": None,
        "hints_used": 0,
        "try_number": 1,
        "seconds": 4.5,
        "answered_at": (START + timedelta(minutes=number)).isoformat(),
    }


def _export(tmp_path, attempts: list[dict]):
    path = tmp_path / "history.json"
    path.write_text(
        json.dumps(
            {
                "format": "dltutor-progress",
                "version": 1,
                "exported_at": START.isoformat(),
                "attempts": attempts,
                "cards": [],
            }
        )
    )
    return path


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("seed", True, "has a 'seed' of the wrong type"),
        ("score", float("nan"), "has a 'score' that is not a finite number"),
        ("answered_at", "2026-04-31T09:00:00+00:00", "has a 'answered_at' that is not an ISO 8601"),
        ("answered_at", "1970-01-01T00:30:00+01:00", "has a 'answered_at' that is not an ISO 8601"),
        ("verdict", "maybe", "has an unknown 'verdict' 'maybe'"),
        ("hints_used", 1001, "has a 'hints_used' of 1001, outside 0..1000"),
        ("seconds", None, None),
    ],
)  # an unknown time taken is fine
def test_one_bad_answer_among_thousands_is_named_and_nothing_is_imported(
    cli, home, tmp_path, field, value, words
):
    attempts = [_attempt(n) for n in range(3000)]
    attempts[2499][field] = value
    result = cli("progress", "import", _export(tmp_path, attempts))
    if words is None:
        assert result.exit_code == 0 and "3000 new answers" in result.stdout
        return
    assert result.exit_code == 2 and f"attempt 2500 {words}" in result.stderr
    assert Store(home).query("SELECT COUNT(*) FROM attempts")[0][0] == 0


def test_an_answer_already_here_or_twice_in_the_file_counts_once(cli, home, tmp_path):
    """The answers here are looked up by the file's 1,200 times, a few hundred a query."""
    attempts = [_attempt(n) for n in range(1500)]
    cli("progress", "import", _export(tmp_path, attempts[900:]))
    twice = [attempts[100], {**attempts[400], "answered_at": "2026-03-01T16:40:00+01:00"}]
    code, data = cli.json("progress", "import", _export(tmp_path, [*attempts[:1200], *twice]))
    assert code == 0
    assert (data["attempts_added"], data["attempts_known"]) == (900, 302)  # same time, other spelling
    store = Store(home)
    assert store.query("SELECT COUNT(*), COUNT(DISTINCT seed) FROM attempts")[0] == (1500, 1500)
    assert (
        store.query("SELECT answered_at FROM attempts WHERE seed = 400")[0][0] == "2026-03-01T15:40:00+00:00"
    )


def _card(last_review: str, due: str, reps: int) -> dict:
    return {
        "question_id": "t.q1",
        "topic": "t",
        "state": 2,
        "step": None,
        "stability": 3.0,
        "difficulty": 5.0,
        "due": due,
        "last_review": last_review,
        "reps": reps,
        "lapses": 0,
        "last_seed": None,
    }


def test_cards_written_any_iso_way_merge_with_the_ones_here(cli, home, tmp_path):
    """An export's times may be naive (UTC) or end in Z; the store keeps one form."""
    path = tmp_path / "cards.json"
    for cards, taken in (
        ([_card("2026-03-01T09:00:00Z", "2026-03-04T09:00:00", 1)], 1),
        ([_card("2026-03-02T09:00:00", "2026-03-06T09:00:00Z", 2)], 1),
        ([_card("2026-03-01T10:00:00+01:00", "2026-03-09T09:00:00Z", 9)], 0),
    ):
        path.write_text(
            json.dumps(
                {
                    "format": "dltutor-progress",
                    "version": 1,
                    "exported_at": START.isoformat(),
                    "attempts": [],
                    "cards": cards,
                }
            )
        )
        code, data = cli.json("progress", "import", path)
        assert code == 0 and data["cards_taken"] == taken  # the last is older: kept ours
    assert Store(home).query("SELECT due, last_review, reps FROM cards") == [
        ("2026-03-06T09:00:00+00:00", "2026-03-02T09:00:00+00:00", 2)
    ]


def test_cards_of_more_questions_than_one_query_binds_all_merge(cli, home, tmp_path):
    """The cards here are read a few hundred ids at a time: every one of 1,200 is
    found, so the newer half is taken and the older half kept."""
    path = tmp_path / "cards.json"

    def export(day: int, reps: int, numbers: range) -> None:
        when = f"2026-03-{day:02d}T09:00:00+00:00"
        cards = [{**_card(when, when, reps), "question_id": f"t.q{n}"} for n in numbers]
        path.write_text(
            json.dumps({"format": "dltutor-progress", "version": 1, "attempts": [], "cards": cards})
        )

    export(2, 1, range(1200))
    assert cli.json("progress", "import", path)[1]["cards_taken"] == 1200
    export(3, 2, range(0, 1200, 2))  # newer: taken
    assert cli.json("progress", "import", path)[1]["cards_taken"] == 600
    export(1, 3, range(1, 1200, 2))  # older: kept
    assert cli.json("progress", "import", path)[1]["cards_kept"] == 600
    rows = Store(home).query("SELECT reps, COUNT(*) FROM cards GROUP BY reps ORDER BY reps")
    assert rows == [(1, 600), (2, 600)]
