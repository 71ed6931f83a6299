"""Lessons in the loop: which sections of which lesson a learner has read.

A section counts as read once it has been shown. A lesson is "read" when
every section has been, "in progress" before that; `learn TOPIC` offers to
continue at the first section not yet read, and the course quiz takes its
new questions from the topic read most recently (progress/plan.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dltutor.progress.store import Store


@dataclass(frozen=True)
class LessonState:
    topic: str
    read: frozenset[int]  # section numbers, from 1
    sections: int  # how many the lesson had when last read
    last_read: str  # timestamp of the latest section read

    @property
    def finished(self) -> bool:
        return len(self.read) >= self.sections

    @property
    def state(self) -> str:
        return "read" if self.finished else "in progress"

    def resume_at(self) -> int | None:
        """The first section not read yet, or None when all were."""
        return next((n for n in range(1, self.sections + 1) if n not in self.read), None)


def mark_read(store: Store, topic: str, section: int, sections: int, when: datetime) -> None:
    from dltutor.progress.clock import stamp

    with store.transaction("save your reading to"):
        store.conn.execute(
            "INSERT OR REPLACE INTO lesson_reads VALUES (?, ?, ?, ?)", (topic, section, sections, stamp(when))
        )
        # a lesson that lost sections since: forget the numbers that no longer exist
        store.conn.execute("DELETE FROM lesson_reads WHERE topic = ? AND section > ?", (topic, sections))


def lesson_states(store: Store) -> dict[str, LessonState]:
    rows = store.query("SELECT topic, section, sections, read_at FROM lesson_reads ORDER BY read_at, rowid")
    read: dict[str, set[int]] = {}
    latest: dict[str, tuple[int, str]] = {}
    for topic, section, sections, read_at in rows:
        read.setdefault(topic, set()).add(section)
        latest[topic] = (sections, read_at)
    return {topic: LessonState(topic, frozenset(read[topic]), *latest[topic]) for topic in read}


def last_studied(states: dict[str, LessonState]) -> str | None:
    """The topic whose lesson was read most recently."""
    return max(states.values(), key=lambda s: s.last_read).topic if states else None
