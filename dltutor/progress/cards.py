"""Review cards: one per question, holding its FSRS memory state and when it is due.

Plain data and SQL only; the FSRS arithmetic lives in progress/schedule.py and
is imported only when an answer is graded, so reading progress stays light.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterator
from datetime import datetime
from typing import NamedTuple

from dltutor.progress.clock import parse, stamp
from dltutor.progress.store import Store

COLUMNS = "question_id, topic, state, step, stability, difficulty, due, last_review, reps, lapses, last_seed"
_PAGE = 500  # due ids read at a time
LEECH_LAPSES = 8  # failed this many times: the question needs the lesson, not another review


class Card(NamedTuple):
    """A named tuple, not a frozen dataclass: `progress` and a quiz read every card,
    and a frozen dataclass costs four times as much to build (20,000 cards: 0.13 s)."""

    question_id: str
    topic: str
    state: int  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None  # days until recall drops to 90%
    difficulty: float | None  # 1..10
    due: datetime
    last_review: datetime | None
    reps: int = 0
    lapses: int = 0  # times answered wrong (or given up on)
    last_seed: int | None = None  # the variant last shown, so the next one differs

    @property
    def leech(self) -> bool:
        return self.lapses >= LEECH_LAPSES

    def to_row(self) -> tuple:
        return (
            self.question_id,
            self.topic,
            self.state,
            self.step,
            self.stability,
            self.difficulty,
            stamp(self.due),
            stamp(self.last_review) if self.last_review else None,
            self.reps,
            self.lapses,
            self.last_seed,
        )

    @classmethod
    def from_row(cls, row: tuple) -> Card:
        qid, topic, state, step, stability, difficulty, due, last, reps, lapses, seed = row
        # stored times are stamps (UTC, with their offset): no naive time to fix up
        return cls(
            qid,
            topic,
            state,
            step,
            stability,
            difficulty,
            datetime.fromisoformat(due),
            datetime.fromisoformat(last) if last else None,
            reps,
            lapses,
            seed,
        )

    def to_json(self) -> dict:
        return dict(zip(COLUMNS.split(", "), self.to_row()))

    @classmethod
    def from_json(cls, data: dict) -> Card:
        """From an export, whose times may be written any ISO 8601 way (naive is UTC)."""
        values = {name: data[name] for name in COLUMNS.split(", ")}
        last = values.pop("last_review")
        return cls(**{**values, "due": parse(values["due"]), "last_review": parse(last) if last else None})


def all_cards(store: Store, topic: str | None = None) -> dict[str, Card]:
    sql = f"SELECT {COLUMNS} FROM cards" + (" WHERE topic = ?" if topic else "")
    return {row[0]: Card.from_row(row) for row in store.query(sql, (topic,) if topic else ())}


def cards_of(store: Store, question_ids: Collection[str]) -> dict[str, Card]:
    """The cards of these questions (those that have one)."""
    rows = store.query_in(f"SELECT {COLUMNS} FROM cards WHERE question_id IN ({{}})", question_ids)
    return {row[0]: Card.from_row(row) for row in rows}


def get_card(store: Store, question_id: str) -> Card | None:
    rows = store.query(f"SELECT {COLUMNS} FROM cards WHERE question_id = ?", (question_id,))
    return Card.from_row(rows[0]) if rows else None


def put_card(store: Store, card: Card) -> None:
    """Inside a transaction: insert or replace the card."""
    store.conn.execute(
        f"INSERT OR REPLACE INTO cards ({COLUMNS}) VALUES ({', '.join('?' * 11)})", card.to_row()
    )


def due_ids(store: Store, before: datetime) -> Iterator[str]:
    """The questions whose cards fall due before `before`, the most overdue first,
    read a page at a time: a quiz wants ten of a backlog that may hold 20,000."""
    sql = "SELECT question_id FROM cards WHERE due < ? ORDER BY due, question_id LIMIT ? OFFSET ?"
    for start in itertools.count(0, _PAGE):
        page = store.query(sql, (stamp(before), _PAGE, start))
        yield from (qid for (qid,) in page)
        if len(page) < _PAGE:
            return


def next_due(store: Store, after: datetime) -> datetime | None:
    rows = store.query("SELECT MIN(due) FROM cards WHERE due > ?", (stamp(after),))
    return parse(rows[0][0]) if rows and rows[0][0] else None
