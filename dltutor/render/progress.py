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
    return Text.assemble((f"⚑ This one keeps slipping (failed {lapses} times).\n", "bold yellow"),
                         f"  {reread_hint(question)}")


def bar(fraction: float) -> Text:
    filled = round(fraction * BAR)
    style = "green" if fraction >= 0.8 else "yellow" if fraction >= 0.4 else "red"
    return Text.assemble(("█" * filled, style), ("░" * (BAR - filled), "dim"), f" {fraction:4.0%}")


def headline(summary: Summary) -> Text:
    days = "day" if summary.streak == 1 else "days"
    parts = [f"[bold]Streak[/] {summary.streak} {days}", f"[bold]Due today[/] {summary.due_today}",
             f"this week {summary.due_week}"]
    if summary.due_today == 0 and summary.next_due:
        parts.append(f"next review {when_text(summary.next_due, summary.now)}")
    return Text.from_markup(" · ".join(parts))


def mastery_table(topics: list[TopicSummary], current: str | None) -> Table:
    table = Table(title="Mastery  [dim](← the topic you are on)[/]", title_justify="left")
    for name, justify in (("topic", "left"), ("mastery", "left"), ("seen", "right"),
                          ("answers right", "right"), ("due", "right")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for topic in topics:
        label = Text(topic.topic, style="bold") + (Text(" ←", style="cyan") if topic.topic == current else "")
        right = (f"{topic.correct} of {topic.attempts}  {topic.accuracy:4.0%}"
                 if topic.accuracy is not None else "[dim]—[/]")
        table.add_row(label, bar(topic.mastery), f"{topic.seen}/{len(topic.questions)}", right,
                      str(topic.due or ""))
    return table


def questions_table(topic: TopicSummary, now: datetime) -> Table:
    table = Table(title=f"{topic.topic}: every question", title_justify="left")
    for name in ("question", "mastery", "reviews", "failed", "next review"):
        table.add_column(name, justify="right" if name in ("reviews", "failed") else "left")
    for qid, card in topic.questions.items():
        if card is None:
            table.add_row(qid, bar(0.0), "0", "0", "[dim]new[/]")
            continue
        failed = f"[bold yellow]{card.lapses} ⚑[/]" if card.leech else str(card.lapses)
        table.add_row(qid, bar(card_mastery(card)), str(card.reps), failed, when_text(card.due, now))
    return table


def history_table(summary: Summary) -> Table:
    table = Table(title="Recent answers", title_justify="left", show_header=False, box=None)
    for when, topic, qid, verdict in summary.history:
        mark = "[green]✓[/]" if verdict == "correct" else "[red]✗[/]"
        local = when.astimezone(summary.now.tzinfo)
        table.add_row(f"[dim]{local:%Y-%m-%d %H:%M}[/]", mark, qid, f"[dim]{topic}[/]")
    return table


def summary_view(summary: Summary, leeches: Sequence[Taught], detail: bool) -> RenderableType:
    parts: list[RenderableType] = [headline(summary), mastery_table(summary.topics, summary.current_topic)]
    if detail:
        parts.extend(questions_table(topic, summary.now) for topic in summary.topics)
    parts.extend(Text.assemble(("⚑ ", "bold yellow"), (question.id, "bold"),
                               " keeps slipping. ", reread_hint(question)) for question in leeches)
    if summary.history:
        parts.append(history_table(summary))
    if len(summary.by_day) >= 2:
        from dltutor.render.progress_plot import accuracy_plot
        parts.append(accuracy_plot(summary.by_day))
    parts.append(Text.from_markup(_next_step(summary)))
    return Group(*parts)


def _next_step(summary: Summary) -> str:
    if summary.due_today:
        return f"Next: [bold]dltutor quiz[/] [dim]({summary.due_today} due, then new questions)[/]"
    if summary.current_topic:
        return f"Next: [bold]dltutor quiz[/] [dim](new questions from {summary.current_topic})[/]"
    return "[dim]Nothing due now.[/]"
