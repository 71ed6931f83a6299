"""Scheduling: grades become FSRS ratings, FSRS moves the cards, on a fixed clock."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from dltutor.progress.cards import all_cards, put_card
from dltutor.progress.mastery import card_mastery, is_mastered
from dltutor.progress.reviews import record_review
from dltutor.progress.schedule import AGAIN, EASY, GOOD, HARD, rating_for, review
from dltutor.progress.store import DB_NAME, MIGRATIONS, Store
from dltutor.progress.summary import streak

DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "answer, rating",
    [
        (dict(correct=False), AGAIN),
        (dict(correct=False, hints_used=1, tries=2), AGAIN),
        (dict(correct=True, hints_used=1, seconds=3), HARD),
        (dict(correct=True, tries=2, seconds=3), HARD),
        (dict(correct=True, seconds=25, difficulty=2), GOOD),  # 2 dots: quick is under 20 s
        (dict(correct=True, seconds=15, difficulty=2), EASY),
        (dict(correct=True, seconds=None), GOOD),  # a one-shot answer has no time
    ],
)
def test_the_grade_sets_the_rating_without_asking(answer, rating):
    assert rating_for(**answer) == rating


def _intervals(ratings: list[int]) -> list[timedelta]:
    """Answer each time the card is due; the gaps between reviews."""
    card, when, gaps = None, DAY1, []
    for rating in ratings:
        card = review(card, "q", "t", rating, when)
        gaps.append(card.due - when)
        when = card.due
    return gaps


def test_a_sequence_of_grades_gives_the_intervals_fsrs_gives():
    ratings = [GOOD, GOOD, AGAIN, HARD, GOOD, EASY, GOOD]
    expected, card, when = [], fsrs.Card(card_id=1, due=DAY1), DAY1
    scheduler = fsrs.Scheduler(learning_steps=(), relearning_steps=(timedelta(days=1),), enable_fuzzing=False)
    for rating in ratings:
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), when)
        expected.append(card.due - when)
        when = card.due
    assert _intervals(ratings) == expected
    assert expected[2] == timedelta(days=1)  # a lapse comes back the next day
    assert expected[1] > expected[0] and expected[-1] > expected[-3]


def test_a_clock_that_went_backwards_does_not_move_a_schedule_into_the_past():
    card = review(None, "q", "t", GOOD, DAY1)
    earlier = review(card, "q", "t", GOOD, DAY1 - timedelta(days=30))
    assert earlier.last_review == card.last_review  # reviewed "at" the last review, not before
    assert earlier.due > card.last_review and earlier.reps == 2


def test_eight_lapses_make_a_leech():
    card = None
    for n in range(1, 9):
        card = review(card, "q", "t", AGAIN, DAY1 + timedelta(days=n))
        assert card.leech == (n == 8)
    assert card.lapses == 8
    assert not review(None, "q", "t", GOOD, DAY1).leech


def test_answer_card_and_quiz_place_are_saved_together(tmp_path: Path):
    store = Store(tmp_path)
    card = record_review(store, "q", "t", GOOD, DAY1, seed=7)
    assert all_cards(Store(tmp_path)) == {"q": card}
    assert card.last_seed == 7 and card.reps == 1 and card.due > DAY1


def test_mastery_grows_with_stability_and_a_topic_needs_every_question():
    once = review(None, "a", "t", GOOD, DAY1)
    twice = review(once, "a", "t", GOOD, once.due)
    assert 0 < card_mastery(once) < 1 and card_mastery(twice) == 1.0
    quick = review(None, "b", "t", EASY, DAY1)
    assert card_mastery(quick) == 1.0
    assert not is_mastered(["a", "b", "c"], {"a": twice, "b": quick})  # c never seen
    assert is_mastered(["a", "b"], {"a": twice, "b": quick})


def test_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    today = date(2026, 3, 10)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 5)}
    assert streak(days, today) == 3  # today not lost yet
    assert streak(days | {today}, today) == 4
    assert streak({today - timedelta(days=2)}, today) == 0


def _schema_1_database(folder: Path, attempts: list[tuple]) -> None:
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.executescript(MIGRATIONS[0] + "; PRAGMA application_id = 1684829301; PRAGMA user_version = 1;")
        conn.executemany(
            "INSERT INTO attempts (question_id, topic, kind, seed, answer, verdict,"
            " score, try_number, answered_at) VALUES (?, 't', 'numeric', 0, 'x', ?,"
            " 0, ?, ?)",
            attempts,
        )


def test_a_schema_1_database_migrates_and_its_answers_become_cards(tmp_path: Path):
    day3 = DAY1 + timedelta(days=2)
    _schema_1_database(
        tmp_path,
        [
            ("q", "correct", 1, DAY1.isoformat()),
            ("q", "incorrect", 1, day3.isoformat()),
            ("q", "correct", 2, day3.isoformat()),
            ("r", "incorrect", 1, DAY1.isoformat()),
        ],
    )
    store = Store(tmp_path)
    assert store.query("PRAGMA user_version")[0][0] == len(MIGRATIONS) == 4
    assert store.topic_stats()["t"].attempts == 4
    first = review(None, "q", "t", GOOD, DAY1, 0)
    expected = {
        "q": review(first, "q", "t", HARD, day3, 0),  # right on the second try
        "r": review(None, "r", "t", AGAIN, DAY1, 0),
    }
    assert all_cards(store) == expected
    card = review(expected["q"], "q", "t", GOOD, expected["q"].due)
    with store.transaction():
        put_card(store, card)
    assert all_cards(Store(tmp_path))["q"] == card
