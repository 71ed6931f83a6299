"""Each topic's figures from its review cards, without building a Card for each.

`dltutor progress` shows per topic how many questions were seen, their mean
mastery and how many are due. A big bank has 20,000 cards, and building each
one as a Card (two times parsed) cost more than the rest of the command; so
this reads the five columns it needs and compares the stored times as text:
they are UTC stamps to the second, which sort as text (progress/clock.py).

A card counts in the topic where a bank loaded now has its question; a card
of a question no loaded bank knows still counts, in the topic it was stored
under (progress in a bank not loaded now is kept, not lost).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dltutor.progress.cards import LEECH_LAPSES
from dltutor.progress.clock import parse, stamp
from dltutor.progress.mastery import MASTERED_STABILITY
from dltutor.progress.store import Store


@dataclass
class Tally:
    """One topic's cards."""

    seen: int = 0  # the topic's questions (as the banks have it) with a card
    mastery: float = 0.0  # their summed mastery
    extra: list[str] = field(default_factory=list)  # ids only the stored cards know
    extra_mastery: float = 0.0
    due: int = 0  # of all its cards, those due by the end of today
    due_week: int = 0  # and by the end of the week
    leeches: list[str] = field(default_factory=list)

    def mean_mastery(self, questions: int) -> float:
        """Over the topic's `questions` questions in the banks (unseen ones count 0)
        and the extra ones its cards know."""
        total = questions + len(self.extra)
        return (self.mastery + self.extra_mastery) / total if total else 0.0


@dataclass
class Standing:
    tallies: dict[str, Tally]  # by topic: every topic of the course, and those only cards know
    next_due: datetime | None = None  # the first one after today

    @property
    def due_today(self) -> int:
        return sum(t.due for t in self.tallies.values())

    @property
    def due_week(self) -> int:
        return sum(t.due_week for t in self.tallies.values())


def has_cards(store: Store) -> bool:
    return bool(store.query("SELECT 1 FROM cards LIMIT 1"))


def standing(
    store: Store, course: Mapping[str, Sequence[str]], ends: tuple[datetime, datetime], only: str | None
) -> Standing:
    """`course`: topic -> question ids; `ends`: when today and the week end; `only`:
    count this topic's cards alone."""
    home = {qid: topic for topic, ids in course.items() for qid in ids}.get
    groups: dict[tuple[str, bool], list[tuple]] = defaultdict(list)  # (topic, known to a bank) -> rows
    for row in store.query("SELECT question_id, topic, stability, due, lapses FROM cards"):
        topic = home(row[0])
        groups[(topic, True) if topic is not None else (row[1], False)].append(row)
    result = Standing({topic: Tally() for topic in course})
    stamps, upcoming = (stamp(ends[0]), stamp(ends[1])), list[datetime]()
    for (topic, known), rows in groups.items():
        if only is not None and topic != only:
            continue
        tally = result.tallies.setdefault(topic, Tally())
        upcoming += _add(tally, rows, known, stamps)
    result.next_due = min(upcoming, default=None)
    return result


def _add(tally: Tally, rows: list[tuple], known: bool, ends: tuple[str, str]) -> list[datetime]:
    """Count a topic's cards (its known ones, or its extra ones) in; [the first due after today]."""
    ids, _, stabilities, dues, lapses = zip(*rows)
    mastery = sum([min(1.0, s / MASTERED_STABILITY) for s in stabilities if s is not None])
    if known:
        tally.seen, tally.mastery = len(ids), mastery
    else:
        tally.extra, tally.extra_mastery = list(ids), mastery
    tally.due += sum([due < ends[0] for due in dues])
    tally.due_week += sum([due < ends[1] for due in dues])
    tally.leeches += [qid for qid, n in zip(ids, lapses) if n >= LEECH_LAPSES]
    later = [due for due in dues if due >= ends[0]]
    return [parse(min(later))] if later else []
