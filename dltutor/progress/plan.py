"""Which questions a quiz asks, and which variant of each.

Plans are made from the bank index (bank/index.py: id, difficulty,
parametrised), so a big bank is not parsed to choose ten questions; the
caller reads the chosen questions themselves.

- the course (`dltutor quiz`): the due reviews first, then new questions from
  the lesson read most recently while it has unseen questions, else from the
  current topic (the first in course order not yet mastered);
- reviews only (`--review`): the due cards, the most overdue first;
- chosen topics (`dltutor quiz TOPIC...`): their due cards, then their new
  questions, then the rest, easiest first within each group.

A card is due when its due time falls before the learner's day ends, so a
review scheduled for 18:00 can be done in the morning. A parametrised question
comes back as a different variant than the one last shown.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from dltutor.bank.index import Entry
from dltutor.progress.cards import Card, cards_of, due_ids
from dltutor.progress.clock import end_of_day
from dltutor.progress.mastery import is_mastered
from dltutor.progress.sessions import Session
from dltutor.progress.store import Store

if TYPE_CHECKING:
    from dltutor.bank.catalogue import Catalogue

SEEDS = 1_000_000


@dataclass(frozen=True)
class Plan:
    items: list[tuple[Entry, int]] = field(default_factory=list)  # question, seed
    reviews: int = 0  # how many of the items are due reviews
    topic: str | None = None  # the course topic new questions come from


def is_due(card: Card | None, now: datetime) -> bool:
    return card is not None and card.due < end_of_day(now)


def course_plan(
    books: Catalogue, store: Store, now: datetime, count: int, rng: random.Random, studied: str | None = None
) -> Plan:
    """Reads the due ids and the cards of a topic or two, never every card: a big
    history has 20,000."""
    due = _due(store, books.entries_by_id, now, count)
    course = {t: [e.id for e in books.entries(t)] for t in books.topic_ids}
    read: dict[str, dict[str, Card]] = {}

    def cards(topic: str) -> dict[str, Card]:
        if topic not in read:
            read[topic] = cards_of(store, course[topic])
        return read[topic]

    unseen = studied in course and len(cards(studied)) < len(course[studied])
    current = (t for t, ids in course.items() if ids and not is_mastered(ids, cards(t)))
    topic = studied if unseen else next(current, None)
    new = [e for e in books.entries(topic) if e.id not in cards(topic)] if topic else []
    new = sorted(new, key=lambda q: q.difficulty)[: count - len(due)]
    return Plan(_with_seeds(due + new, store, rng), len(due), topic)


def review_plan(questions: list[Entry], store: Store, now: datetime, count: int, rng: random.Random) -> Plan:
    due = _due(store, {e.id: e for e in questions}, now, count)
    return Plan(_with_seeds(due, store, rng), len(due))


def topics_plan(questions: list[Entry], store: Store, now: datetime, count: int, rng: random.Random) -> Plan:
    cards = cards_of(store, [q.id for q in questions])

    def group(question: Entry) -> int:
        card = cards.get(question.id)
        return 0 if is_due(card, now) else 1 if card is None else 2

    chosen = sorted(rng.sample(questions, len(questions)), key=group)[:count]
    chosen.sort(key=lambda q: (group(q), q.difficulty))
    return Plan(_with_seeds(chosen, store, rng), sum(group(q) == 0 for q in chosen))


def resumed(by_id: dict[str, Entry], session: Session) -> list[tuple[Entry, int]]:
    """The rest of an interrupted quiz; questions since removed from the banks are left out."""
    return [(by_id[qid], seed) for qid, seed in session.remaining if qid in by_id]


def _due(store: Store, questions: dict[str, Entry], now: datetime, count: int) -> list[Entry]:
    """The first `count` of `questions` due today, the most overdue first."""
    due = (questions[qid] for qid in due_ids(store, end_of_day(now)) if qid in questions)
    return list(itertools.islice(due, count))


def _with_seeds(questions: list[Entry], store: Store, rng: random.Random) -> list[tuple[Entry, int]]:
    """A seed for each; a parametrised question never gets the variant it showed last."""
    last = {qid: card.last_seed for qid, card in cards_of(store, [q.id for q in questions]).items()}
    items = []
    for question in questions:
        seed = rng.randrange(SEEDS) if question.parametrised else 0
        if question.parametrised and seed == last.get(question.id):
            seed = (seed + 1) % SEEDS
        items.append((question, seed))
    return items
