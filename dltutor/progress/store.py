"""The learner's progress: an SQLite file in the user's data directory.

Every graded attempt is committed in its own transaction (with the review
card it moves, when it is the last try), so a kill at any moment loses at
most the answer being graded. A file that is not ours, is corrupt, or comes
from a newer dltutor is reported and never overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from dltutor.errors import ProgressError

DB_NAME = "progress.sqlite3"
_PER_QUERY = 500  # values bound in one IN (...): old SQLite allows 999 variables
APP_ID = 0x646C7475  # "dltu": marks the file as ours in the SQLite header
MIGRATIONS = [
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        question_id TEXT NOT NULL,
        topic TEXT NOT NULL,
        kind TEXT NOT NULL,
        seed INTEGER NOT NULL,
        answer TEXT NOT NULL,
        verdict TEXT NOT NULL,
        score REAL NOT NULL,
        mistake TEXT,
        hints_used INTEGER NOT NULL DEFAULT 0,
        try_number INTEGER NOT NULL DEFAULT 1,
        seconds REAL,
        answered_at TEXT NOT NULL
    );
    CREATE INDEX attempts_by_question ON attempts (question_id);
    CREATE INDEX attempts_by_topic ON attempts (topic);
    """,
    # 2: a review card per question (FSRS state, see progress/schedule.py) and the
    # plan of every quiz, so an interrupted one can be continued
    """
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        topic TEXT NOT NULL,
        state INTEGER NOT NULL,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due TEXT NOT NULL,
        last_review TEXT,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        last_seed INTEGER
    );
    CREATE INDEX cards_by_due ON cards (due);
    CREATE INDEX cards_by_topic ON cards (topic);
    CREATE INDEX attempts_by_time ON attempts (answered_at);
    CREATE TABLE quiz_sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        plan TEXT NOT NULL,
        total INTEGER NOT NULL,
        done INTEGER NOT NULL DEFAULT 0,
        open INTEGER NOT NULL DEFAULT 1
    );
    """,
    # 3: the lesson sections a learner has read, so `learn` can resume and the
    # course can continue from what was studied (progress/lessons.py)
    """
    CREATE TABLE lesson_reads (
        topic TEXT NOT NULL,
        section INTEGER NOT NULL,
        sections INTEGER NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (topic, section)
    );
    """,
    # 4: per-topic counts of answers and right answers from the index alone, so
    # `progress` with 100,000 answers does not read every row (progress/history.py)
    """
    CREATE INDEX attempts_by_topic_verdict ON attempts (topic, verdict);
    DROP INDEX attempts_by_topic;
    """,
]
ATTEMPT_COLUMNS = (
    "question_id, topic, kind, seed, answer, verdict, score, mistake, hints_used,"
    " try_number, seconds, answered_at"
)

_INSERT_ATTEMPT = f"INSERT INTO attempts ({ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * 12)})"
_ATTEMPT_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attempts' AND sql IS NOT NULL"
)


def data_home() -> Path:
    if os.environ.get("DLTUTOR_HOME"):
        return Path(os.environ["DLTUTOR_HOME"]).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("dltutor", appauthor=False))


@dataclass(frozen=True)
class Attempt:
    question_id: str
    topic: str
    kind: str
    seed: int
    answer: str
    verdict: str
    score: float
    mistake: str | None = None
    hints_used: int = 0
    try_number: int = 1
    seconds: float | None = None


@dataclass(frozen=True)
class TopicStats:
    attempts: int
    correct: int
    questions_seen: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


class Store:
    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or data_home()) / DB_NAME
        self.conn = _connect(self.path)

    def record(self, attempt: Attempt, when: datetime | None = None) -> None:
        with self.transaction("save the attempt to"):
            self.insert_attempt(attempt, when)

    def insert_attempt(self, attempt: Attempt, when: datetime | None = None) -> None:
        """Inside a transaction: one attempt, stamped `when` (default: now)."""
        from dltutor.progress.clock import stamp

        self.conn.execute(
            _INSERT_ATTEMPT,
            (
                attempt.question_id,
                attempt.topic,
                attempt.kind,
                attempt.seed,
                attempt.answer,
                attempt.verdict,
                attempt.score,
                attempt.mistake,
                attempt.hints_used,
                attempt.try_number,
                attempt.seconds,
                stamp(when or datetime.now(timezone.utc)),
            ),
        )

    def insert_attempt_rows(self, rows: list[tuple]) -> None:
        """Inside a transaction: many attempts at once, each a tuple in
        ATTEMPT_COLUMNS order with its time already stamped. When they outnumber
        the rows here, the indexes are built again afterwards: sorting once beats
        updating three B-trees row by row (100,000 answers into an empty history:
        2.6 s became 1.5 s)."""
        here = self.query("SELECT COUNT(*) FROM attempts")[0][0]
        indexes = self.query(_ATTEMPT_INDEXES) if len(rows) > here else []
        for name, _ in indexes:
            self.conn.execute(f"DROP INDEX {name}")
        self.conn.executemany(_INSERT_ATTEMPT, rows)
        for _, sql in indexes:
            self.conn.execute(sql)

    @contextmanager
    def transaction(self, doing: str = "write") -> Iterator[sqlite3.Connection]:
        """All the writes inside land together or not at all."""
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")  # read-then-write without a race
                yield self.conn
        except sqlite3.Error as exc:
            raise ProgressError(f"could not {doing} {self.path}: {exc}") from None

    def topic_stats(self) -> dict[str, TopicStats]:
        rows = self.query(
            "SELECT topic, COUNT(*), SUM(verdict = 'correct'),"
            " COUNT(DISTINCT question_id) FROM attempts GROUP BY topic"
        )
        return {topic: TopicStats(n, ok or 0, seen) for topic, n, ok, seen in rows}

    def query(self, sql: str, args: tuple = ()) -> list:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise ProgressError(f"could not read {self.path}: {exc}") from None

    def query_in(self, sql: str, values: Collection[Any]) -> list:
        """`sql`, whose one `IN ({})` takes `values`, asked a few hundred values at
        a time: old SQLite binds 999 variables at most."""
        ordered, rows = sorted(values), []
        for start in range(0, len(ordered), _PER_QUERY):
            chunk = ordered[start : start + _PER_QUERY]
            rows += self.query(sql.format(", ".join("?" * len(chunk))), tuple(chunk))
        return rows

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10)
    except (OSError, sqlite3.Error) as exc:
        raise ProgressError(
            f"cannot open the progress database {path}: "
            f"{getattr(exc, 'strerror', None) or exc}; set DLTUTOR_HOME to a "
            "writable folder"
        ) from None
    try:
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProgressError(
            f"{path} is corrupt or not a dltutor database ({exc}); it was left "
            "untouched: move it aside to start afresh"
        ) from None
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    if app_id != APP_ID and (tables or version):
        raise ProgressError(f"{path} is not a dltutor database; it was left untouched")
    if version > len(MIGRATIONS):
        raise ProgressError(
            f"{path} was written by a newer dltutor (schema {version}, this one "
            f"reads up to {len(MIGRATIONS)}); upgrade dltutor to use it"
        )
    for number in range(version, len(MIGRATIONS)):
        with conn:  # each migration and its version bump land together or not at all
            conn.executescript(f"BEGIN; {MIGRATIONS[number]};")  # left open until the `with` ends
            if number + 1 == 2 and version:  # cards for the answers given before there were any
                from dltutor.progress.backfill import backfill

                backfill(conn)
            conn.execute(f"PRAGMA application_id = {APP_ID}")
            conn.execute(f"PRAGMA user_version = {number + 1}")
