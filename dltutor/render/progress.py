"""Progress at a glance: mastery bars, what is due, the streak, history, a plot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from dltutor.bank.models import Question
from dltutor.progress.cards import Card
from dltutor.progress.clock import day_of
from dltutor.progress.mastery import card_mastery
from dltutor.progress.summary import Summary, Taught, TopicSummary, reread_hint
from dltutor.render.tables import sized

BAR = 10  # cells in a mastery bar


def when_text(moment: datetime, now: datetime) -> str:
    days = (day_of(moment, now) - day_of(now, now)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    local = moment.astimezone(now.tzinfo)
    return f"in {days} days ({local:%a} {local.day} {local:%b})"


def comes_back_view(card: Card, now: datetime) -> RenderableType:
    return Text(f"↻ comes back {when_text(card.due, now)}", style="dim")


def reread_view(question: Question, lapses: int) -> RenderableType:
    return Text.assemble(
        (f"⚑ This one keeps slipping (failed {lapses} times).\n", "bold yellow"), f"  {reread_hint(question)}"
    )


NARROW = 78  # below this many columns the tables drop and shorten columns, never cells to "…"
ROOMY = 100  # the tables of ids (35 characters at most) are shortened below this


def bar(fraction: float, cells: int = BAR) -> Text:
    filled = round(fraction * cells)
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.4 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (cells - filled), "dim"), f" {fraction:4.0%}")


def headline(summary: Summary) -> Text:
    days = "day" if summary.streak == 1 else "days"
    parts = [
        f"[bold]Streak[/] {summary.streak} {days}",
        f"[bold]Due today[/] {summary.due_today}",
        f"this week {summary.due_week}",
    ]
    if summary.due_today == 0 and summary.next_due:
        parts.append(f"next review {when_text(summary.next_due, summary.now)}")
    return Text.from_markup(" · ".join(parts))


def _table(title: str, narrow: bool) -> Table:
    from rich import box

    return Table(
        title=title,
        title_justify="left",
        pad_edge=not narrow,
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
    )


def mastery_table(topics: list[TopicSummary], current: str | None, width: int = 100) -> Table:
    """At 60 columns: a shorter bar, and "right" as a percentage without the counts."""
    narrow = width < NARROW
    table = _table("Mastery  [dim](← the topic you are on)[/]", narrow)
    for name, justify in (
        ("topic", "left"),
        ("mastery", "left"),
        ("seen", "right"),
        ("right" if narrow else "answers right", "right"),
        ("due", "right"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for topic in topics:
        label = Text(topic.topic, style="bold") + (Text(" ←", style="cyan") if topic.topic == current else "")
        if topic.accuracy is None:
            right = "[dim]—[/]"
        else:
            right = (
                f"{topic.accuracy:.0%}"
                if narrow
                else f"{topic.correct} of {topic.attempts}  {topic.accuracy:4.0%}"
            )
        table.add_row(
            label,
            bar(topic.mastery, BAR // 2 if narrow else BAR),
            f"{topic.seen}/{topic.total}",
            right,
            str(topic.due or ""),
        )
    return sized(table)


def questions_table(topic: TopicSummary, now: datetime, width: int = 100) -> Table:
    """Below 100 columns every id stays whole (it is what `quiz --id` takes): the bar
    shortens, the review and failure counts go (a slipping one keeps its ⚑) and the
    next review loses its date."""
    narrow = width < ROOMY  # its ids and dates are long: 98 columns in full
    table = _table(f"{topic.topic}: every question", narrow)
    names = (
        ("question", "mastery", "next")
        if narrow
        else ("question", "mastery", "reviews", "failed", "next review")
    )
    for name in names:
        table.add_column(name, justify="right" if name in ("reviews", "failed") else "left", no_wrap=True)
    for qid, card in topic.questions.items():
        cells = BAR * 3 // 10 if narrow else BAR
        row: list[str | Text]
        if card is None:
            row = [qid, bar(0.0, cells), "0", "0", "[dim]new[/]"]
        else:
            failed = f"[bold yellow]{card.lapses} ⚑[/]" if card.leech else str(card.lapses)
            due = when_text(card.due, now)
            mastery = bar(card_mastery(card), cells)
            if narrow and card.leech:
                mastery.append(" ⚑", style="bold yellow")
            row = [qid, mastery, str(card.reps), failed, due.split(" (")[0] if narrow else due]
        table.add_row(*([row[0], row[1], row[4]] if narrow else row))
    return sized(table)


def history_table(summary: Summary, width: int = 100) -> Table:
    """Below 100 columns the year and the topic go (an id starts with its topic's prefix)."""
    narrow = width < ROOMY
    table = Table(title="Recent answers", title_justify="left", show_header=False, box=None)
    for when, topic, qid, verdict in summary.history:
        mark = "[green]✓[/]" if verdict == "correct" else "[red]✗[/]"
        local = when.astimezone(summary.now.tzinfo)
        stamp = f"[dim]{local:%d %b %H:%M}[/]" if narrow else f"[dim]{local:%Y-%m-%d %H:%M}[/]"
        table.add_row(stamp, mark, qid, *([] if narrow else [f"[dim]{topic}[/]"]))
    return table


def summary_view(
    summary: Summary, leeches: Sequence[Taught], detail: bool, width: int = 100
) -> RenderableType:
    parts: list[RenderableType] = [
        headline(summary),
        mastery_table(summary.topics, summary.current_topic, width),
    ]
    if detail:
        parts.extend(questions_table(topic, summary.now, width) for topic in summary.topics)
    parts.extend(
        Text.assemble(
            ("⚑ ", "bold yellow"), (question.id, "bold"), " keeps slipping. ", reread_hint(question)
        )
        for question in leeches
    )
    if summary.history:
        parts.append(history_table(summary, width))
    if len(summary.by_day) >= 2:
        from dltutor.render.progress_plot import accuracy_plot

        parts.append(accuracy_plot(summary.by_day, min(72, max(width - 2, 30))))
    parts.append(Text.from_markup(_next_step(summary)))
    return Group(*parts)


def _next_step(summary: Summary) -> str:
    if summary.due_today:
        return f"Next: [bold]dltutor quiz[/] [dim]({summary.due_today} due, then new questions)[/]"
    if summary.current_topic:
        return f"Next: [bold]dltutor quiz[/] [dim](new questions from {summary.current_topic})[/]"
    return "[dim]Nothing due now.[/]"
