"""Where the learner stands: per-topic mastery, what is due, the streak, the history.

Plain data for `dltutor progress` to draw or print as JSON; no FSRS needed.
The attempts are counted by SQL (progress/history.py), never read whole.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from dltutor.progress.cards import Card, all_cards
from dltutor.progress.clock import day_of, end_of_day, parse, stamp
from dltutor.progress.history import Attempts
from dltutor.progress.mastery import card_mastery, current_topic, is_mastered, topic_mastery
from dltutor.progress.store import Store

HISTORY = 10  # recent attempts listed
PLOT_DAYS = 30  # days of accuracy plotted


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    questions: dict[str, Card | None]  # every question of the topic, with its card once seen
    attempts: int = 0
    correct: int = 0
    mastery: float = 0.0
    mastered: bool = False
    due: int = 0  # due by the end of today

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None

    @property
    def seen(self) -> int:
        return sum(card is not None for card in self.questions.values())


@dataclass(frozen=True)
class Summary:
    now: datetime
    topics: list[TopicSummary]
    current_topic: str | None = None
    due_today: int = 0
    due_week: int = 0
    next_due: datetime | None = None
    streak: int = 0
    history: list[tuple[datetime, str, str, str]] = field(default_factory=list)  # when, topic, id, verdict
    by_day: list[tuple[date, int, int]] = field(default_factory=list)  # day, attempts, correct

    @property
    def leeches(self) -> list[Card]:
        return [c for t in self.topics for c in t.questions.values() if c is not None and c.leech]


def summarise(store: Store, course: dict[str, list[str]], now: datetime, only: str | None = None) -> Summary:
    """`course`: topic -> question ids in teaching order (the banks loaded now)."""
    cards = all_cards(store)
    current = current_topic(course, cards) if only is None else None
    course = {topic: list(ids) for topic, ids in course.items()}
    known = {qid for ids in course.values() for qid in ids}
    for card in cards.values():  # progress in banks not loaded now still counts
        if card.question_id not in known:
            course.setdefault(card.topic, []).append(card.question_id)
    attempts = Attempts(store, only, now)
    counts = attempts.per_topic()
    topics = [
        _topic(t, ids, cards, counts.get(t, (0, 0)), end_of_day(now))
        for t, ids in course.items()
        if only is None or t == only
    ]
    mine = [c for t in topics for c in t.questions.values() if c is not None]
    today, today_ends, week_ends = day_of(now, now), end_of_day(now), end_of_day(now, 6)
    upcoming = sorted(c.due for c in mine if c.due >= today_ends)
    return Summary(
        now,
        topics,
        current,
        sum(c.due < today_ends for c in mine),
        sum(c.due < week_ends for c in mine),
        upcoming[0] if upcoming else None,
        streak(attempts, today),
        [(parse(w), t, q, v) for w, t, q, v in attempts.recent(HISTORY)],
        _by_day(attempts, today),
    )


def _topic(
    topic: str, ids: list[str], cards: dict[str, Card], counts: tuple[int, int], today_ends: datetime
) -> TopicSummary:
    mastery = topic_mastery(ids, cards)
    mine = {qid: cards.get(qid) for qid in ids}
    return TopicSummary(
        topic,
        mine,
        counts[0],
        counts[1],
        mastery,
        is_mastered(ids, cards, mastery),
        sum(card is not None and card.due < today_ends for card in mine.values()),
    )


def streak(days: Container[date], today: date) -> int:
    """Days in a row with at least one attempt, ending today (or yesterday: today
    is not lost until it is over)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count, day = count + 1, day - timedelta(days=1)
    return count


def _by_day(attempts: Attempts, today: date) -> list[tuple[date, int, int]]:
    """(day, attempts, correct) for the days of the last PLOT_DAYS with any."""
    days = [today - timedelta(days=back) for back in range(PLOT_DAYS - 1, -1, -1)]
    return [(day, n, ok) for day in days for n, ok in [attempts.on(day)] if n]


class Taught(Protocol):
    """A question, or its index entry: enough to say where it is taught."""

    @property
    def id(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def section(self) -> str | None: ...


def reread_hint(question: Taught) -> str:
    """Where a question that keeps slipping is taught."""
    section = f" — section '{question.section}'" if question.section else ""
    return f"Reread: dltutor learn {question.topic}{section}"


def to_json(summary: Summary, leeches: Sequence[Taught]) -> dict:
    return {
        "now": stamp(summary.now),
        "current_topic": summary.current_topic,
        "streak": summary.streak,
        "due_today": summary.due_today,
        "due_this_week": summary.due_week,
        "next_due": stamp(summary.next_due) if summary.next_due else None,
        "topics": {t.topic: _topic_json(t) for t in summary.topics},
        "leeches": [
            {"id": q.id, "topic": q.topic, "section": q.section, "reread": reread_hint(q)} for q in leeches
        ],
        "history": [
            {"at": stamp(when), "topic": topic, "id": qid, "verdict": verdict}
            for when, topic, qid, verdict in summary.history
        ],
        "accuracy_by_day": [
            {"day": day.isoformat(), "attempts": n, "accuracy": ok / n} for day, n, ok in summary.by_day
        ],
    }


def _topic_json(topic: TopicSummary) -> dict:
    return {
        "attempts": topic.attempts,
        "correct": topic.correct,
        "accuracy": topic.accuracy,
        "mastery": round(topic.mastery, 3),
        "mastered": topic.mastered,
        "due": topic.due,
        "questions_seen": topic.seen,
        "questions_total": len(topic.questions),
        "questions": {qid: _card_json(card) for qid, card in topic.questions.items()},
    }


def _card_json(card: Card | None) -> dict:
    if card is None:  # never answered: new, not due
        return {"due": None, "reviews": 0, "lapses": 0, "leech": False, "mastery": 0.0}
    return {
        "due": stamp(card.due),
        "reviews": card.reps,
        "lapses": card.lapses,
        "leech": card.leech,
        "mastery": round(card_mastery(card), 3),
    }
