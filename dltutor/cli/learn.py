"""`dltutor learn [TOPIC]`: the course map, or one lesson section by section."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from dltutor.cli.common import BankOption, catalogue, edge, store

EXAMPLES = ("Examples:  `dltutor learn`  ·  `dltutor learn activations`  ·  `dltutor learn attention`"
            "  ·  `dltutor learn 3`  ·  `dltutor learn convolution | less -R`")


@edge
def learn(
    topic: Annotated[Optional[str], typer.Argument(
        help="A topic: its id, a word of it (attention, vae), or its number in the list; "
             "leave out to list the topics.")] = None,
    bank: BankOption = None,
) -> None:
    """Read a lesson, or list the topics in teaching order with your progress."""
    from dltutor.render.console import out
    books = catalogue(bank)
    if topic is None:
        from dltutor.render.tables import topics_table
        out().print(topics_table(books, store().topic_stats()))
        out().print("[dim]Read one with[/] dltutor learn TOPIC")
        return
    _read(books, books.find_topic(topic))


def _read(books, topic: str) -> None:
    from dltutor.render.console import interactive, out
    from dltutor.render.lesson import key_points_view, lesson_header, section_view
    lesson = books.lesson(topic)
    titles = {t: books.outline(t)[0] for t in lesson.prerequisites}
    console, paged = out(), interactive()
    console.print(lesson_header(lesson, titles))
    total = len(lesson.sections)
    for number, section in enumerate(lesson.sections, start=1):
        console.print(section_view(section, number, total))
        if paged and number < total and not _next_section(console):
            return
    console.print(key_points_view(lesson, _next_steps(books, topic)))


def _next_section(console) -> bool:
    try:
        reply = console.input("[dim]Enter: next section · q: stop [/]")
    except EOFError:
        return False
    return reply.strip().lower() not in ("q", "quit")


def _next_steps(books, topic: str) -> list[str]:
    steps = [f"Next: test yourself with [bold]dltutor quiz {topic}[/]"]
    order = books.topic_ids
    if order.index(topic) + 1 < len(order):
        steps.append(f"Then read [bold]dltutor learn {order[order.index(topic) + 1]}[/]")
    return steps
