"""Questions and verdicts as a learner reads them."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from dltutor.bank.models import Variant
from dltutor.kinds.base import Verdict

_DOTS = "●●●●●○○○○○"


def question_view(variant: Variant, number: int | None = None, total: int | None = None) -> RenderableType:
    question = variant.question
    level = _DOTS[5 - question.difficulty:10 - question.difficulty]
    counter = f"Question {number}/{total} · " if number else ""
    title = f"{counter}{question.topic} · {question.kind} · {level}"
    parts: list[RenderableType] = [Markdown(variant.prompt.strip())]
    choices = variant.extra.get("choices") if question.kind == "choice" else None
    if choices:
        from dltutor.kinds.choice import is_multiple
        lines = "\n".join(f"  {chr(97 + i)}) {choice}" for i, choice in enumerate(choices))
        parts.append(Text(lines))
        if is_multiple(variant):
            parts.append(Text("(several answers: separate letters with commas)", style="dim"))
    return Panel(Group(*parts), title=title, title_align="left", border_style="blue",
                 subtitle=f"[dim]{question.id}[/]", subtitle_align="right")


def verdict_view(verdict: Verdict) -> RenderableType:
    parts: list[RenderableType] = []
    if verdict.correct:
        parts.append(Text("✓ Correct", style="bold green"))
    else:
        parts.append(Text("✗ Not quite" if verdict.verdict == "incorrect" else "? Unreadable",
                          style="bold red"))
    parts.append(Text.assemble(("read as: ", "dim"), verdict.read_as))
    if verdict.feedback:
        parts.append(Markdown(verdict.feedback.strip()))
    point = verdict.evidence.get("counterexample")
    if point:
        parts.append(Text(f"they differ at {point}", style="yellow"))
    return Group(*parts)


def explanation_view(variant: Variant, reveal: bool) -> RenderableType:
    parts: list[RenderableType] = []
    if reveal:
        from dltutor.kinds.base import as_text
        parts.append(Text.assemble(("Answer: ", "bold"), as_text(variant.answer)))
    parts.append(Markdown(variant.explanation.strip()))
    return Panel(Group(*parts), title="Why", title_align="left", border_style="dim")


def hint_view(hint: str, number: int, total: int) -> RenderableType:
    return Text.assemble((f"Hint {number}/{total}: ", "bold yellow"), hint.strip())
