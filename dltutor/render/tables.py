"""Tables: the course map and the question list (progress has render/progress.py)."""

from __future__ import annotations

from rich.table import Table

from dltutor.progress.store import TopicStats


def _accuracy(stats: TopicStats | None) -> str:
    if stats is None or stats.accuracy is None:
        return "[dim]not started[/]"
    return f"{stats.accuracy:.0%} of {stats.attempts}"


def topics_table(books, titles: dict[str, str], stats: dict[str, TopicStats]) -> Table:
    table = Table(title="The course", title_justify="left", expand=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("topic", style="bold")
    table.add_column("title")
    table.add_column("builds on", style="dim")
    table.add_column("progress", justify="right")
    for number, topic in enumerate(books.topic_ids, start=1):
        lesson = books.lesson(topic)
        table.add_row(str(number), topic, titles[topic], ", ".join(lesson.prerequisites) or "—",
                      _accuracy(stats.get(topic)))
    return table


def questions_table(questions) -> Table:
    table = Table(title=f"{len(questions)} questions", title_justify="left")
    for name in ("id", "topic", "kind", "difficulty"):
        table.add_column(name, justify="right" if name == "difficulty" else "left")
    for question in questions:
        table.add_row(question.id, question.topic, question.kind, str(question.difficulty))
    return table
