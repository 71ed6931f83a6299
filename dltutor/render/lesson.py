"""Lessons in the terminal: Markdown prose, formulas as 2-D math, plots."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from dltutor.bank.models import Block, ExampleBlock, FormulaBlock, Lesson, PlotBlock, Section, TextBlock


def lesson_header(lesson: Lesson, topic_titles: dict[str, str]) -> RenderableType:
    parts: list[RenderableType] = [Text(lesson.title, style="bold"), Text(lesson.summary.strip())]
    if lesson.prerequisites:
        names = ", ".join(topic_titles.get(t, t) for t in lesson.prerequisites)
        parts.append(Text(f"Builds on: {names}", style="dim"))
    return Panel(Group(*parts), border_style="blue", expand=True)


def section_view(section: Section, number: int, total: int) -> RenderableType:
    title = Rule(f"[bold]{number}/{total} · {section.title}[/]", align="left", style="blue")
    return Group(title, *(block_view(block) for block in section.blocks))


def block_view(block: Block) -> RenderableType:
    if isinstance(block, TextBlock):
        return Markdown(block.text.strip())
    if isinstance(block, FormulaBlock):
        return formula_view(block)
    if isinstance(block, PlotBlock):
        from dltutor.render.plot import LessonPlot

        return Padding(LessonPlot(block), (1, 0, 1, 2))
    assert isinstance(block, ExampleBlock)
    return Panel(Markdown(block.text.strip()), title=block.title, title_align="left", border_style="green")


def formula_view(block: FormulaBlock) -> RenderableType:
    from dltutor.errors import AnswerFormatError
    from dltutor.mathexpr import parse_formula, pretty

    try:
        drawn = Text(
            pretty(parse_formula(block.formula, matrices=block.matrices, functions=block.functions)),
            style="cyan",
        )
    except AnswerFormatError:  # `bank validate` names it; a reader still gets it as written
        drawn = Text(block.formula, style="cyan")
    parts: list[RenderableType] = [drawn]
    if block.note:
        parts.append(Text(block.note.strip(), style="dim italic"))
    return Padding(Group(*parts), (1, 0, 1, 4))


def key_points_view(lesson: Lesson, next_steps: list[str]) -> RenderableType:
    points = "\n".join(f"- {point}" for point in lesson.key_points)
    parts: list[RenderableType] = []
    if points:
        parts.append(Panel(Markdown(points), title="Key points", title_align="left", border_style="yellow"))
    parts.extend(Text.from_markup(step) for step in next_steps)
    return Group(*parts)
