"""Tables: the course map and the question list (progress has render/progress.py)."""

from __future__ import annotations

from rich.table import Table

from dltutor.progress.store import TopicStats


def _accuracy(stats: TopicStats | None) -> str:
    if stats is None or stats.accuracy is None:
        return "[dim]not started[/]"
    return f"{stats.accuracy:.0%} of {stats.attempts}"


def topics_table(books, stats: dict[str, TopicStats]) -> Table:
    table = Table(title="The course", title_justify="left", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("title", ratio=1)
    table.add_column("after", style="dim")  # prerequisites, by number: short and scannable
    table.add_column("progress", justify="right", no_wrap=True)
    number_of = {topic: str(n) for n, topic in enumerate(books.topic_ids, start=1)}
    for topic in books.topic_ids:
        title, prerequisites = books.outline(topic)
        needs = [number_of.get(t, t) for t in prerequisites]
        table.add_row(number_of[topic], topic, title, ", ".join(needs) or "—",
                      _accuracy(stats.get(topic)))
    return table


def questions_table(questions) -> Table:
    table = Table(title=f"{len(questions)} questions", title_justify="left")
    for name in ("id", "topic", "kind", "difficulty"):
        table.add_column(name, justify="right" if name == "difficulty" else "left")
    for question in questions:
        table.add_row(question.id, question.topic, question.kind, str(question.difficulty))
    return table
