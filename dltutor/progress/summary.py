"""Where the learner stands: per-topic mastery, what is due, the streak, the history.

Plain data for `dltutor progress` to draw or print as JSON; no FSRS needed.
The attempts are counted by SQL (progress/history.py), never read whole.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from dltutor.progress.cards import Card, all_cards, cards_of
from dltutor.progress.clock import day_of, end_of_day, parse, stamp
from dltutor.progress.history import Attempts
from dltutor.progress.mastery import card_mastery, mastered
from dltutor.progress.standing import Tally, standing
from dltutor.progress.store import Store

HISTORY = 10  # recent attempts listed
PLOT_DAYS = 30  # days of accuracy plotted


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    total: int  # its questions: the bank's, and those only its stored cards know
    seen: int = 0  # of them, answered at least once
    attempts: int = 0
    correct: int = 0
    mastery: float = 0.0
    mastered: bool = False
    due: int = 0  # due by the end of today
    # question by question, with its card once seen: only when asked for (one topic, JSON)
    questions: dict[str, Card | None] = field(default_factory=dict)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


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
    leeches: list[str] = field(default_factory=list)  # ids failed LEECH_LAPSES times, in course order


def summarise(
    store: Store, course: dict[str, list[str]], now: datetime, only: str | None = None, each: bool = False
) -> Summary:
    """`course`: topic -> question ids in teaching order (the banks loaded now);
    `each`: list every question with its card (always for one topic)."""
    cards = standing(store, course, (end_of_day(now), end_of_day(now, 6)), only)
    attempts = Attempts(store, only, now)
    counts = attempts.per_topic()
    topics = [
        _topic(topic, course.get(topic, []), tally, counts.get(topic, (0, 0)))
        for topic, tally in cards.tallies.items()
        if only is None or topic == only
    ]
    if each or only is not None:
        topics = _with_each_question(store, topics, course, cards.tallies)
    today = day_of(now, now)
    return Summary(
        now,
        topics,
        _current(course, cards.tallies) if only is None else None,
        cards.due_today,
        cards.due_week,
        cards.next_due,
        streak(attempts, today),
        [(parse(w), t, q, v) for w, t, q, v in attempts.recent(HISTORY)],
        _by_day(attempts, today),
        [
            qid
            for topic in topics
            for qid in _in_order(cards.tallies[topic.topic].leeches, course, topic.topic)
        ],
    )


def _topic(topic: str, ids: list[str], tally: Tally, counts: tuple[int, int]) -> TopicSummary:
    total, seen = len(ids) + len(tally.extra), tally.seen + len(tally.extra)
    mastery = tally.mean_mastery(len(ids))
    return TopicSummary(topic, total, seen, *counts, mastery, mastered(total, seen, mastery), tally.due)


def _current(course: dict[str, list[str]], tallies: dict[str, Tally]) -> str | None:
    """The first topic of the course not yet mastered, as a quiz finds it (progress/plan.py)."""
    for topic, ids in course.items():
        if ids and not mastered(len(ids), tallies[topic].seen, tallies[topic].mastery / len(ids)):
            return topic
    return None


def _with_each_question(
    store: Store, topics: list[TopicSummary], course: dict[str, list[str]], tallies: dict[str, Tally]
) -> list[TopicSummary]:
    """Every question of each topic with its card (None until answered), in course order."""
    ids = {t.topic: course.get(t.topic, []) + tallies[t.topic].extra for t in topics}
    cards = all_cards(store) if len(topics) > 1 else cards_of(store, [q for i in ids.values() for q in i])
    return [replace(t, questions={qid: cards.get(qid) for qid in ids[t.topic]}) for t in topics]


def _in_order(leeches: list[str], course: dict[str, list[str]], topic: str) -> list[str]:
    if len(leeches) < 2:
        return leeches
    place = {qid: i for i, qid in enumerate(course.get(topic, []))}
    return sorted(leeches, key=lambda qid: place.get(qid, len(place)))


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
        "questions_total": topic.total,
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
