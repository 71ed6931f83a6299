"""The learner's progress: an SQLite file in the user's data directory.

Every graded attempt is committed in its own transaction, so a kill at any
moment loses at most the answer being graded. A file that is not ours, is
corrupt, or comes from a newer dltutor is reported and never overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from dltutor.errors import ProgressError

DB_NAME = "progress.sqlite3"
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
]


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
        stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        try:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO attempts (question_id, topic, kind, seed, answer, verdict, score,"
                    " mistake, hints_used, try_number, seconds, answered_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (attempt.question_id, attempt.topic, attempt.kind, attempt.seed, attempt.answer,
                     attempt.verdict, attempt.score, attempt.mistake, attempt.hints_used,
                     attempt.try_number, attempt.seconds, stamp))
        except sqlite3.Error as exc:
            raise ProgressError(f"could not save the attempt to {self.path}: {exc}") from None

    def topic_stats(self) -> dict[str, TopicStats]:
        rows = self._query("SELECT topic, COUNT(*), SUM(verdict = 'correct'),"
                           " COUNT(DISTINCT question_id) FROM attempts GROUP BY topic")
        return {topic: TopicStats(n, ok or 0, seen) for topic, n, ok, seen in rows}

    def recent(self, limit: int = 10) -> list[tuple[str, str, str, str]]:
        return self._query("SELECT answered_at, topic, question_id, verdict FROM attempts"
                           " ORDER BY id DESC LIMIT ?", (limit,))

    def _query(self, sql: str, args: tuple = ()) -> list:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise ProgressError(f"could not read {self.path}: {exc}") from None

    def close(self) -> None:
        self.conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10)
    except (OSError, sqlite3.Error) as exc:
        raise ProgressError(f"cannot open the progress database {path}: "
                            f"{getattr(exc, 'strerror', None) or exc}; set DLTUTOR_HOME to a "
                            "writable folder") from None
    try:
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProgressError(f"{path} is corrupt or not a dltutor database ({exc}); it was left "
                            "untouched: move it aside to start afresh") from None
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
    if app_id != APP_ID and (tables or version):
        raise ProgressError(f"{path} is not a dltutor database; it was left untouched")
    if version > len(MIGRATIONS):
        raise ProgressError(f"{path} was written by a newer dltutor (schema {version}, this one "
                            f"reads up to {len(MIGRATIONS)}); upgrade dltutor to use it")
    for number in range(version, len(MIGRATIONS)):
        with conn:  # each migration and its version bump land together or not at all
            conn.executescript(f"BEGIN; {MIGRATIONS[number]}; PRAGMA application_id = {APP_ID};"
                               f" PRAGMA user_version = {number + 1}; COMMIT;")
