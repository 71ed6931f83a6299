"""Review cards for the answers given before dltutor kept cards (schema 1 databases).

Each question's attempts are replayed through the scheduler in the order they
were given, so an upgrade keeps what was learnt instead of calling every
question new. A wrong first try followed by a second is one review, as in the
quiz; attempts hold no difficulty, so none counts as quick (no Easy).
"""

from __future__ import annotations

import sqlite3

from dltutor.progress.cards import COLUMNS, Card
from dltutor.progress.clock import parse
from dltutor.progress.schedule import rating_for, review


def backfill(conn: sqlite3.Connection) -> None:
    """Inside the migration's transaction: one card per question answered so far."""
    rows = conn.execute(
        "SELECT question_id, topic, seed, verdict, hints_used, try_number,"
        " answered_at FROM attempts ORDER BY question_id, answered_at, id"
    ).fetchall()
    cards: dict[str, Card] = {}
    for index, (qid, topic, seed, verdict, hints, tries, when) in enumerate(rows):
        after = rows[index + 1] if index + 1 < len(rows) else None
        if verdict != "correct" and after and after[0] == qid and after[5] == tries + 1:
            continue  # a second try followed: the question ended there
        rating = rating_for(verdict == "correct", hints, tries)
        cards[qid] = review(cards.get(qid), qid, topic, rating, parse(when), seed)
    conn.executemany(
        f"INSERT INTO cards ({COLUMNS}) VALUES ({', '.join('?' * 11)})",
        [card.to_row() for card in cards.values()],
    )
