"""Before the first question: continue the quiz left open, or plan a new one."""

from __future__ import annotations

import random
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from dltutor.bank.index import Entry
from dltutor.bank.models import Question
from dltutor.cli.quiz_session import Place
from dltutor.errors import DltutorError
from dltutor.progress import clock, sessions
from dltutor.progress.cards import next_due
from dltutor.progress.plan import Plan, course_plan, resumed, review_plan, topics_plan
from dltutor.progress.store import Store
from dltutor.render.progress import when_text

if TYPE_CHECKING:
    from dltutor.bank.catalogue import Catalogue

Items = list[tuple[Question, int]]


def choose(
    books: Catalogue,
    store: Store,
    console: Console,
    topics: list[str],
    count: int,
    rng: random.Random,
    review: bool,
) -> tuple[Items, Place]:
    """The questions to ask (none: there is nothing to do, and it was said why)."""
    left = sessions.left_open(store)
    if left is not None:
        items = _questions(books, resumed(books.entries_by_id, left))
        if items and _continue(console, left):
            return items, Place(left.id, left.done + 1, left.total)
        sessions.close(store, left.id)
    now = clock.now()
    plan = _plan(books, store, topics, count, rng, review, now)
    if not plan.items:
        console.print(_nothing_due(store, now, plan, review or bool(topics)))
        return [], Place(None)
    console.print(_intro(plan))
    session_id = sessions.start(store, [(e.id, seed) for e, seed in plan.items], now)
    return _questions(books, plan.items), Place(session_id, 1, len(plan.items))


def _questions(books: Catalogue, planned: list[tuple[Entry, int]]) -> Items:
    """The planned index entries as questions: only their own files are parsed."""
    return [(books.question(entry.id), seed) for entry, seed in planned]


def _plan(
    books: Catalogue,
    store: Store,
    topics: list[str],
    count: int,
    rng: random.Random,
    review: bool,
    now: datetime,
) -> Plan:
    if not topics and not review:
        from dltutor.progress.lessons import last_studied, lesson_states

        return course_plan(books, store, now, count, rng, last_studied(lesson_states(store)))
    pool = (
        [e for topic in topics for e in books.entries(topic)]
        if topics
        else list(books.entries_by_id.values())
    )
    if review:
        return review_plan(pool, store, now, count, rng)
    if not pool:
        raise DltutorError("no questions in " + ", ".join(topics))
    return topics_plan(pool, store, now, count, rng)


def _continue(console: Console, left: sessions.Session) -> bool:
    try:
        reply = console.input(
            f"Continue the quiz you left ([bold]{left.done} of {left.total}[/] done)? {escape('[Y/n]')} "
        )
    except EOFError:
        raise DltutorError(
            "input closed before the quiz began; the quiz you left is still there to continue"
        ) from None
    return reply.strip().lower() in ("", "y", "yes")


def _intro(plan: Plan) -> str:
    new = len(plan.items) - plan.reviews
    parts = [f"{plan.reviews} due review{'s' * (plan.reviews != 1)}"] if plan.reviews else []
    if new:
        source = f" from [bold]{plan.topic}[/]" if plan.topic else ""
        parts.append(f"{new} {'new ' if plan.topic else ''}question{'s' * (new != 1)}{source}")
    return "[dim]" + ", then ".join(parts) + ".[/]"


def _nothing_due(store: Store, now: datetime, plan: Plan, chosen: bool) -> str:
    upcoming = next_due(store, clock.end_of_day(now))
    later = f" The next review is {when_text(upcoming, now)}." if upcoming else ""
    if chosen:
        return f"Nothing is due today.{later}"
    if plan.topic is None:
        return f"Nothing is due, and every topic is mastered.{later}"
    return (
        f"Nothing is due, and every question of [bold]{plan.topic}[/] has been asked; it is "
        f"mastered by answering it on the days it comes back.{later}\n"
        "[dim]Start the next topic early with[/] dltutor quiz TOPIC"
    )
