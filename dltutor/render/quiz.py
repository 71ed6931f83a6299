"""Questions and verdicts as a learner reads them."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from dltutor.bank.models import Variant
from dltutor.kinds.base import Verdict

_DOTS = "●●●●●○○○○○"


def question_view(variant: Variant, number: int | None = None, total: int | None = None) -> RenderableType:
    question = variant.question
    level = _DOTS[5 - question.difficulty : 10 - question.difficulty]
    counter = f"Question {number}/{total} · " if number else ""
    title = f"{counter}{question.topic} · {question.kind} · {level}"
    parts: list[RenderableType] = [Markdown(variant.prompt.strip())]
    if question.kind == "code":
        from dltutor.kinds.code import requirements

        parts.append(Markdown(requirements(variant)))
    given = variant.extra.get("given_steps")
    if given:
        parts.append(given_steps_view(given))
    choices = variant.extra.get("choices") if question.kind == "choice" else None
    if choices:
        from dltutor.kinds.choice import is_multiple

        parts.append(Text(""))
        parts.extend(Markdown(f"**{chr(97 + i)})** {choice}") for i, choice in enumerate(choices))
        if is_multiple(variant):
            parts.append(Text("(several answers: separate letters with commas)", style="dim"))
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        border_style="blue",
        subtitle=f"[dim]{question.id}[/]",
        subtitle_align="right",
    )


def given_steps_view(given: list[str]) -> RenderableType:
    width = len(str(len(given) + 1))
    rows: list[RenderableType] = [Text("")]
    rows += [
        Text(f"{n:>{width}} {'  ' if n == 1 else '= '}{line.strip().lstrip('=').strip()}", style="cyan")
        for n, line in enumerate(given, start=1)
    ]
    rows.append(
        Text(
            f"Continue from line {len(given) + 1}, one line at a time; an empty line checks it.", style="dim"
        )
    )
    return Group(*rows)


def verdict_view(verdict: Verdict) -> RenderableType:
    parts: list[RenderableType] = [read_as_view(verdict)]
    if verdict.evidence.get("steps"):
        from dltutor.render.steps import steps_view

        parts.insert(0, steps_view(verdict.evidence["steps"]))
    if verdict.correct:
        parts.append(Text("✓ Correct", style="bold green"))
    else:
        parts.append(
            Text("✗ Not quite" if verdict.verdict == "incorrect" else "? Unreadable", style="bold red")
        )
    if verdict.feedback and is_code_verdict(verdict):  # tracebacks and numbers: kept as they are
        parts.append(Text(verdict.feedback.strip()))
    elif verdict.feedback:
        parts.append(Markdown(verdict.feedback.strip()))
    point = verdict.evidence.get("counterexample")
    if point:
        parts.append(Text(differs_at(point, verdict.evidence), style="yellow"))
    return Group(*parts)


def show_wrong_claim(console: Console, verdict: Verdict, variant: Variant) -> None:
    """A wrong one-variable symbolic answer drawn against the right one (terminals only)."""
    point = verdict.evidence.get("counterexample")
    if verdict.correct or "read_as_pretty" not in verdict.evidence or not point or len(point) != 1:
        return
    from dltutor.grading import reference_text
    from dltutor.render.plot import show_claim_plot

    var = next(iter(point))
    domain = (variant.extra.get("variables") or {}).get(var, "real")
    show_claim_plot(console, verdict.read_as, reference_text(variant), var, point, str(domain))


def is_code_verdict(verdict: Verdict) -> bool:
    return any(key in verdict.evidence for key in ("failing_case", "status", "checks"))


def starter_view(source: str, path: str | None = None) -> RenderableType:
    from rich.syntax import Syntax

    title = f"Starter code · {path}" if path else "Starter code"
    return Panel(
        Syntax(source.rstrip(), "python", theme="ansi_dark", background_color="default"),
        title=title,
        title_align="left",
        border_style="dim",
    )


def read_as_view(verdict: Verdict) -> RenderableType:
    drawn = verdict.evidence.get("read_as_pretty")
    if drawn and "\n" in drawn:
        return Group(Text("read as:", style="dim"), Padding(Text(drawn, style="cyan"), (0, 0, 0, 4)))
    return Text.assemble(("read as: ", "dim"), (drawn or verdict.read_as, "cyan"))


def differs_at(point: dict, evidence: dict) -> str:
    where = ", ".join(f"{name} = {value:.6g}" for name, value in point.items())
    yours, right = evidence.get("answer_value"), evidence.get("reference_value")

    def show(value: float | None) -> str:
        return "undefined" if value is None else f"{value:.6g}"

    return f"At {where}: your answer gives {show(yours)}, the right one {show(right)}."


def explanation_view(variant: Variant, reveal: bool) -> RenderableType:
    parts: list[RenderableType] = []
    if reveal and variant.question.kind == "code":
        from rich.syntax import Syntax

        from dltutor.grading import reference_text

        parts.append(Text("Answer:", style="bold"))
        parts.append(
            Syntax(reference_text(variant).rstrip(), "python", theme="ansi_dark", background_color="default")
        )
    elif reveal:
        from dltutor.grading import shown_answer

        parts.append(Text.assemble(("Answer: ", "bold"), shown_answer(variant)))
    parts.append(Markdown(variant.explanation.strip()))
    return Panel(Group(*parts), title="Why", title_align="left", border_style="dim")


def hint_view(hint: str, number: int, total: int) -> RenderableType:
    return Text.assemble((f"Hint {number}/{total}: ", "bold yellow"), hint.strip())
