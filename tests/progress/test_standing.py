"""`dltutor progress` counts each topic's cards from five columns, comparing the
stored times as text (progress/standing.py); its figures must be exactly those
of building every Card and asking progress/mastery.py, as the quiz does."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from dltutor.bank.index import Entry
from dltutor.progress.cards import LEECH_LAPSES, Card, all_cards, put_card
from dltutor.progress.clock import end_of_day
from dltutor.progress.mastery import is_mastered, topic_mastery
from dltutor.progress.plan import course_plan
from dltutor.progress.store import Store
from dltutor.progress.summary import summarise

TOKYO = timezone(timedelta(hours=9))
NOW = datetime(2026, 3, 20, 3, 30, tzinfo=TOKYO)  # before 04:00: still the 19th's day
COURSE = {
    t: [f"{t}.q{i}" for i in range(n)] for t, n in (("alpha", 6), ("beta", 4), ("gamma", 3), ("empty", 0))
}


def _cards(store: Store, seed: int, mastered: tuple[str, ...] = ()) -> None:
    """Cards for most course questions (all of the `mastered` topics', learnt for a
    month), some stored under another topic (the question moved), some of questions
    no bank knows (in a course topic, or a removed one)."""
    rng = random.Random(seed)
    known = [qid for t, ids in COURSE.items() for qid in ids if t in mastered or rng.random() < 0.8]
    unknown = [("alpha", "alpha.gone"), ("removed", "removed.q1"), ("removed", "removed.q2")]
    with store.transaction():
        for qid in known + [qid for _, qid in unknown]:
            topic = dict(unknown).get(qid) or qid.split(".")[0]
            if rng.random() < 0.1:
                topic = "beta"  # stored before the question moved to another topic
            # 0.5 and 144.5 hours: exactly when today and the week end
            due = NOW + timedelta(hours=rng.choice([-30, -1, 0.4, 0.5, 2, 30, 144.5, 24 * 9]))
            stability = rng.choice([None, 0.3, 2.0, 6.5, 7.0, 30.0])
            stability = 30.0 if qid.split(".")[0] in mastered else stability
            put_card(store, Card(qid, topic, 2, None, stability, 5.0, due, NOW, 3, rng.choice([0, 2, 8, 9])))


def _by_cards(store: Store, only: str | None) -> dict:
    """The figures read the slow way: every Card, topic by topic."""
    cards = all_cards(store)
    course = {t: list(ids) for t, ids in COURSE.items()}
    known = {qid for ids in COURSE.values() for qid in ids}
    for card in cards.values():
        if card.question_id not in known:
            course.setdefault(card.topic, []).append(card.question_id)
    shown = {t: ids for t, ids in course.items() if only in (None, t)}
    mine = [cards[q] for ids in shown.values() for q in ids if q in cards]
    today, week = end_of_day(NOW), end_of_day(NOW, 6)
    return {
        "topics": {
            t: (len(ids), sum(q in cards for q in ids), topic_mastery(ids, cards), is_mastered(ids, cards))
            for t, ids in shown.items()
        },
        "due": {t: sum(q in cards and cards[q].due < today for q in ids) for t, ids in shown.items()},
        "totals": (sum(c.due < today for c in mine), sum(c.due < week for c in mine)),
        "next": min((c.due for c in mine if c.due >= today), default=None),
        "current": next((t for t, ids in COURSE.items() if ids and not is_mastered(ids, cards)), None)
        if only is None
        else None,
        "leeches": [c.question_id for c in mine if c.lapses >= LEECH_LAPSES],
    }


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("only", [None, "alpha", "removed"])
def test_topic_figures_match_reading_every_card(tmp_path, seed, only):
    store = Store(tmp_path)
    _cards(store, seed)
    expected, summary = _by_cards(store, only), summarise(store, COURSE, NOW, only)
    topics = {t.topic: (t.total, t.seen, pytest.approx(t.mastery), t.mastered) for t in summary.topics}
    assert topics == expected["topics"]
    assert {t.topic: t.due for t in summary.topics} == expected["due"]
    assert (summary.due_today, summary.due_week) == expected["totals"]
    assert summary.next_due == expected["next"]
    assert summary.current_topic == expected["current"]
    assert summary.leeches == expected["leeches"]


def test_every_question_is_listed_with_its_card_for_one_topic_or_when_asked(tmp_path):
    store = Store(tmp_path)
    _cards(store, seed=5)
    cards = all_cards(store)
    for only, each in (("alpha", False), (None, True)):
        for topic in summarise(store, COURSE, NOW, only, each).topics:
            assert len(topic.questions) == topic.total
            assert all(card == cards.get(qid) for qid, card in topic.questions.items())
    assert all(not t.questions for t in summarise(store, COURSE, NOW).topics)  # the overview needs none


QUESTIONS = {
    qid: Entry(qid, t, "numeric", 1, False, "-", None, 1) for t, ids in COURSE.items() for qid in ids
}


class _Books:
    """What a course plan reads of a catalogue, for COURSE."""

    topic_ids, entries_by_id = list(COURSE), QUESTIONS

    def entries(self, topic: str) -> list[Entry]:
        return [QUESTIONS[qid] for qid in COURSE[topic]]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("mastered", [(), ("alpha",), ("alpha", "beta"), ("alpha", "beta", "gamma")])
def test_the_quiz_takes_new_questions_from_the_topic_progress_names(tmp_path, seed, mastered):
    store = Store(tmp_path)
    _cards(store, seed, mastered)
    summary = summarise(store, COURSE, NOW)
    plan = course_plan(_Books(), store, NOW, 30, random.Random(seed))
    assert plan.topic == summary.current_topic == _by_cards(store, None)["current"]
    unaskable = [c for c in all_cards(store).values() if c.question_id not in QUESTIONS]  # no bank has them
    assert plan.reviews == summary.due_today - sum(c.due < end_of_day(NOW) for c in unaskable)


def test_due_reviews_are_the_most_overdue_questions_a_bank_has_past_a_page_of_others(tmp_path):
    store = Store(tmp_path)
    known = list(QUESTIONS)
    with store.transaction():  # 1,480 more overdue cards of questions no bank has: pages of 500
        for n, qid in enumerate([f"gone.q{i}" for i in range(1_480)] + known[::-1]):
            put_card(store, Card(qid, "gone", 2, None, 1.0, 5.0, NOW - timedelta(days=2_000 - n), NOW, 1))
    plan = course_plan(_Books(), store, NOW, 5, random.Random(1))
    assert [entry.id for entry, _ in plan.items] == known[::-1][:5] and plan.reviews == 5
