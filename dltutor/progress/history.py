"""What the attempts table says, asked of SQLite rather than read row by row.

`dltutor progress` shows counts per topic, the last few answers, the streak
and thirty days of accuracy. A long history (100,000 answers) must not make
it slow, so each figure is one aggregate query over an index (attempts by
topic, attempts by time) and Python sees tens of rows, never the whole table.

Days are the learner's days (progress/clock.py): a day runs from
DAY_STARTS_AT to DAY_STARTS_AT in the clock's time zone. Stored times are UTC
stamps to the second, which sort as text, so a day is a range of stamps.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from dltutor.progress.clock import DAY_STARTS_AT, stamp
from dltutor.progress.store import Store


class Attempts:
    """The attempts of one topic (`only`), or of all topics when `only` is None."""

    def __init__(self, store: Store, only: str | None, now: datetime) -> None:
        self.store, self.now = store, now
        self._args: tuple[str, ...] = (only,) if only else ()
        # `+topic` keeps SQLite on the time index for day ranges: with the topic
        # index it would scan every answer of the topic once per day asked
        self._where = " AND +topic = ?" if only else ""

    def per_topic(self) -> dict[str, tuple[int, int]]:
        """topic -> (attempts, correct). Counted per verdict too, which the
        (topic, verdict) index gives in its own order: a third faster than
        testing every answer's verdict (100,000 answers: 11 ms, not 18)."""
        where = self._where.replace("AND +", "WHERE ", 1)
        rows = self.store.query(
            f"SELECT topic, verdict, COUNT(*) FROM attempts{where} GROUP BY topic, verdict", self._args
        )
        counts: dict[str, tuple[int, int]] = {}
        for topic, verdict, count in rows:
            seen, right = counts.get(topic, (0, 0))
            counts[topic] = (seen + count, right + count * (verdict == "correct"))
        return counts

    def recent(self, count: int) -> list[tuple[str, str, str, str]]:
        """The last `count` answers, the latest first: (answered_at, topic, id, verdict)."""
        where = self._where.replace("AND +", "WHERE ", 1)
        return self.store.query(
            "SELECT answered_at, topic, question_id, verdict FROM attempts"
            f"{where} ORDER BY answered_at DESC, id DESC LIMIT ?",
            (*self._args, count),
        )

    def on(self, day: date) -> tuple[int, int]:
        """(attempts, correct) on the learner's `day`."""
        start, end = self._bounds(day)
        count, right = self.store.query(
            "SELECT COUNT(*), SUM(verdict = 'correct') FROM attempts"
            f" WHERE answered_at >= ? AND answered_at < ?{self._where}",
            (start, end, *self._args),
        )[0]
        return count, right or 0

    def __contains__(self, day: object) -> bool:
        """Whether anything was answered on `day`: what a streak needs, one day at a time."""
        if not isinstance(day, date):
            return False
        start, end = self._bounds(day)
        return bool(
            self.store.query(
                f"SELECT 1 FROM attempts WHERE answered_at >= ? AND answered_at < ?{self._where} LIMIT 1",
                (start, end, *self._args),
            )
        )

    def _bounds(self, day: date) -> tuple[str, str]:
        start = datetime.combine(day, time(DAY_STARTS_AT), tzinfo=self.now.tzinfo)
        return stamp(start), stamp(start + timedelta(days=1))
