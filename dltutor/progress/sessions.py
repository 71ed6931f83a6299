"""Quiz sessions: the plan of a quiz (questions and variants) and how far it got.

A session stays open until its last question is answered or the learner
quits with q; Ctrl-C, a closed terminal or a kill leave it open, so the next
quiz can offer to continue it with the same variants. Its progress moves in
the same transaction as the answer that moved it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from dltutor.progress.clock import stamp
from dltutor.progress.store import Store


@dataclass(frozen=True)
class Session:
    id: int
    plan: tuple[tuple[str, int], ...]  # (question id, seed) in the order asked
    done: int

    @property
    def total(self) -> int:
        return len(self.plan)

    @property
    def remaining(self) -> tuple[tuple[str, int], ...]:
        return self.plan[self.done :]


def start(store: Store, plan: list[tuple[str, int]], when: datetime) -> int:
    """Open a session for `plan`; any session left open before is dropped."""
    with store.transaction("start a quiz in"):
        store.conn.execute("UPDATE quiz_sessions SET open = 0 WHERE open = 1")
        cursor = store.conn.execute(
            "INSERT INTO quiz_sessions (started_at, plan, total) VALUES (?, ?, ?)",
            (stamp(when), json.dumps([list(item) for item in plan]), len(plan)),
        )
    assert cursor.lastrowid is not None  # set by every INSERT
    return cursor.lastrowid


def left_open(store: Store) -> Session | None:
    """The interrupted quiz, if one got past its first question and has more to ask
    (one stopped at its first question is no different from a new one)."""
    rows = store.query(
        "SELECT id, plan, done FROM quiz_sessions WHERE open = 1 AND done < total"
        " AND done > 0"
        " ORDER BY id DESC LIMIT 1"
    )
    if not rows:
        return None
    session_id, plan, done = rows[0]
    try:
        items = tuple((str(qid), int(seed)) for qid, seed in json.loads(plan))
    except (ValueError, TypeError):
        return None  # an unreadable plan cannot be resumed; a new quiz replaces it
    return Session(session_id, items, done)


def advance(store: Store, session_id: int) -> None:
    """Inside a transaction: one more question of the session is done."""
    store.conn.execute(
        "UPDATE quiz_sessions SET done = done + 1, open = (done + 1 < total) WHERE id = ?", (session_id,)
    )


def close(store: Store, session_id: int) -> None:
    with store.transaction("close the quiz in"):
        store.conn.execute("UPDATE quiz_sessions SET open = 0 WHERE id = ?", (session_id,))


def earlier_results(store: Store, session_id: int, done: int) -> tuple[int, int, int]:
    """(answered, right, skipped) over the first `done` questions of a session, for
    the summary of a quiz continued after an interruption. Each question's result
    is its last attempt since the quiz began; one skipped before any try left none."""
    rows = store.query("SELECT started_at, plan FROM quiz_sessions WHERE id = ?", (session_id,))
    if not rows:
        return 0, 0, 0
    started, plan = rows[0]
    right = skipped = 0
    for question_id, seed in json.loads(plan)[:done]:
        last = store.query(
            "SELECT verdict FROM attempts WHERE question_id = ? AND seed = ?"
            " AND answered_at >= ? ORDER BY id DESC LIMIT 1",
            (question_id, seed, started),
        )
        right += bool(last) and last[0][0] == "correct"
        skipped += not last
    return done, right, skipped
