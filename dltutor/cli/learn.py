"""`dltutor learn [TOPIC]`: the course map, or one lesson section by section.

Reading is recorded (progress/lessons.py): a lesson started earlier offers to
continue where it was left, `--section N` jumps, and the course map shows
each lesson's state beside its mastery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from dltutor.cli.common import BankOption, ColourOption, catalogue, edge, store

if TYPE_CHECKING:
    from rich.console import Console

    from dltutor.bank.catalogue import Catalogue
    from dltutor.bank.models import Lesson
    from dltutor.progress.lessons import LessonState
    from dltutor.progress.store import Store

EXAMPLES = (
    "Examples:  `dltutor learn`  ·  `dltutor learn activations`  ·  `dltutor learn attention`"
    "  ·  `dltutor learn 3 --section 2`  ·  `dltutor learn convolution | less -R`"
)


@edge
def learn(
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A topic: its id, a word of it (attention, vae), or its number in the list; "
            "leave out to list the topics."
        ),
    ] = None,
    section: Annotated[
        int | None,
        typer.Option("--section", "-s", min=1, help="Start at this section (default: where you left off)."),
    ] = None,
    bank: BankOption = None,
    colour: ColourOption = None,
) -> None:
    """Read a lesson, or list the topics in teaching order with your progress."""
    from dltutor.render.console import out

    books = catalogue(bank)
    if topic is None:
        from dltutor.progress.lessons import lesson_states
        from dltutor.render.tables import topics_table

        progress = store()
        out().print(topics_table(books, _mastery(books, progress), lesson_states(progress), out().size.width))
        out().print("[dim]Read one with[/] dltutor learn TOPIC")
        return
    try:
        _read(books, books.find_topic(topic), section)
    except KeyboardInterrupt:
        out().print(
            f"\n[dim]Stopped. What you read is saved; [/]dltutor learn {topic}[dim] continues from there.[/]"
        )
        raise typer.Exit(130) from None


def _read(books: Catalogue, topic: str, section: int | None) -> None:
    from dltutor.progress import clock
    from dltutor.progress.lessons import lesson_states, mark_read
    from dltutor.render.console import interactive, out
    from dltutor.render.lesson import key_points_view, lesson_header, section_view
    from dltutor.render.pager import show_paged

    lesson, progress = books.lesson(topic), store()
    total, console, paged = len(lesson.sections), out(), interactive()
    if section is not None and section > total:
        raise typer.BadParameter(f"{topic} has sections 1 to {total}", param_hint="--section")
    start = section or (_resume_at(console, lesson, lesson_states(progress).get(topic)) if paged else 1)
    titles = {t: books.outline(t)[0] for t in lesson.prerequisites}
    console.print(lesson_header(lesson, titles))
    for number in range(start, total + 1):
        view = section_view(lesson.sections[number - 1], number, total)
        if not paged:
            console.print(view)
        elif not show_paged(console, view):
            return  # stopped inside the section: it does not count as read
        mark_read(progress, topic, number, total, clock.now())
        if paged and number < total and not _next_section(console):
            return
    console.print(key_points_view(lesson, _next_steps(books, topic)))


def _mastery(books: Catalogue, progress: Store) -> dict[str, float]:
    """Each started topic's mastery, as `dltutor progress` shows it (a fresh
    learner's map reads no question index)."""
    from dltutor.progress import clock
    from dltutor.progress.standing import has_cards, standing

    if not has_cards(progress):
        return {}
    course = {t: [e.id for e in books.entries(t)] for t in books.topic_ids}
    now = clock.now()
    tallies = standing(progress, course, (now, now), None).tallies
    return {
        t: tally.mean_mastery(len(course.get(t, [])))
        for t, tally in tallies.items()
        if tally.seen or tally.extra
    }


def _resume_at(console: Console, lesson: Lesson, state: LessonState | None) -> int:
    """Where to start: the first unread section if the learner says so, else 1."""
    number = None if state is None or state.finished else state.resume_at()
    if state is None or number is None:
        return 1
    title = lesson.sections[number - 1].title if number <= len(lesson.sections) else ""
    from dltutor.render.pager import ask_key

    console.print(
        f"[dim]You have read {len(state.read)} of {len(lesson.sections)} sections; "
        f"next is {number}, {title}.[/]"
    )
    key = ask_key(console, "Enter: continue there · n: from the start")
    return 1 if key == "n" else number


def _next_section(console: Console) -> bool:
    from dltutor.render.pager import ask_key

    return ask_key(console, "Enter/space: next section · q: stop") != "q"


def _next_steps(books: Catalogue, topic: str) -> list[str]:
    steps = [f"Next: test yourself with [bold]dltutor quiz {topic}[/]"]
    order = books.topic_ids
    if order.index(topic) + 1 < len(order):
        steps.append(f"Then read [bold]dltutor learn {order[order.index(topic) + 1]}[/]")
    return steps
