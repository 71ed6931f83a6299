"""`dltutor progress` counts a long history with SQL (progress/history.py); the
figures must be exactly those of reading every answer and placing it in the
learner's day (04:00 to 04:00 in the clock's time zone) one by one."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest

from dltutor.progress.clock import day_of
from dltutor.progress.store import Attempt, Store
from dltutor.progress.summary import PLOT_DAYS, streak, summarise

BERLIN_WINTER = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 20, 2, 30, tzinfo=BERLIN_WINTER)  # before 04:00: still the 19th's day


def _history(store: Store, seed: int) -> list[tuple[datetime, str, str, str]]:
    """Answers at random times over 40 days, with some days left out (streak breaks)."""
    rng, answers = random.Random(seed), []
    skipped = set(rng.sample(range(40), 6)) - {0, 1}
    for day in range(40):
        if day in skipped:
            continue
        for _ in range(rng.randint(1, 6)):
            when = NOW - timedelta(days=day, minutes=rng.randint(0, 24 * 60 - 1))
            topic = rng.choice(["alpha", "beta"])
            verdict = rng.choice(["correct", "incorrect"])
            answers.append((when, topic, f"{topic}.q{rng.randint(1, 4)}", verdict))
    with store.transaction():
        for when, topic, qid, verdict in answers:
            store.insert_attempt(Attempt(qid, topic, "numeric", 0, "1", verdict, 1.0), when)
    return answers


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("only", [None, "beta"])
def test_counts_streak_days_and_recent_answers_match_a_row_by_row_reading(tmp_path, seed, only):
    store = Store(tmp_path)
    answers = [a for a in _history(store, seed) if only in (None, a[1])]
    course = {"alpha": ["alpha.q1"], "beta": ["beta.q1"]}
    summary = summarise(store, course, NOW, only)

    today = day_of(NOW, NOW)
    days = Counter(day_of(when, NOW) for when, *_ in answers)
    right = Counter(day_of(when, NOW) for when, _, _, verdict in answers if verdict == "correct")
    first = today - timedelta(days=PLOT_DAYS - 1)
    assert summary.by_day == [(day, days[day], right[day]) for day in sorted(days) if first <= day <= today]
    assert summary.streak == streak(set(days), today) > 0
    for topic in summary.topics:
        mine = [a for a in answers if a[1] == topic.topic]
        assert (topic.attempts, topic.correct) == (len(mine), sum(a[3] == "correct" for a in mine))
    order = sorted(range(len(answers)), key=lambda i: (answers[i][0], i), reverse=True)
    latest = [answers[i] for i in order[: len(summary.history)]]  # equal times: the last saved first
    assert [(w, q) for w, _, q, _ in summary.history] == [
        (w.replace(microsecond=0), q) for w, _, q, _ in latest
    ]
