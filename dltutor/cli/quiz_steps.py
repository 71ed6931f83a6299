"""Entering a derivation in the interactive quiz, one line at a time.

A derivation starts when the first line of an answer to a derivative question
says what is differentiated (`d/dx (…)`), or when a derivative or expression
question gives the first lines (`given_steps`).
Each further line is read as soon as it is typed: an unreadable line is shown
with a caret and typed again (it is never part of the answer, so it costs no
try); an empty line ends the derivation and sends it to be graded.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from dltutor.bank.models import Variant

QUIT = ("q", "quit", "exit")


def derivation_tip(variant: Variant) -> str | None:
    """How to enter a derivation, for a derivative question that gives no lines of its own."""
    if variant.question.kind != "derivative" or variant.extra.get("given_steps"):
        return None
    return (
        "[dim]Tip: start with d/dx (…) to write a derivation line by line; each line is "
        "checked against the one before.[/]"
    )


def starts_derivation(first: str, variant: Variant) -> bool:
    from dltutor.derivation import find_head
    from dltutor.derivation.answer import given_steps

    if variant.question.kind not in ("derivative", "expression"):
        return False
    if given_steps(variant):
        return True
    if variant.question.kind != "derivative":  # d/dx… in an expression answer is a quotient
        return False
    try:
        return find_head(first.lstrip("= ")) is not None
    except Exception:  # a half-written head is read (and explained) with the rest
        return True


def read_derivation(first: str, variant: Variant, console: Console) -> str | None:
    """The whole derivation as text (one line each), or None when the learner quits."""
    from dltutor.derivation.answer import given_steps

    given = len(given_steps(variant))
    lines: list[str] = []
    pending: str | None = first
    console.print("[dim]  one line at a time; an empty line checks the derivation[/]")
    while True:
        number = given + len(lines) + 1
        if pending is None:
            pending = console.input(f"[dim]{number:>3} ›[/] ").strip()
            if not pending:
                if lines:
                    return "\n".join(lines)
                continue
            if pending.lower() in QUIT:
                return None
        if _readable(pending, number, given == 0 and not lines, variant, console):
            lines.append(pending)
        pending = None


def _readable(raw: str, number: int, first: bool, variant: Variant, console: Console) -> bool:
    """Read one line now; an unreadable one is shown with its caret, to be typed again."""
    from dltutor.derivation import Line, read_line
    from dltutor.kinds.symbolic import variables

    text = raw if first else raw.lstrip("=").strip()
    step = read_line(Line(number, text, 0), variables(variant), first=first, given=False)
    if step.status != "unreadable":
        return True
    if step.position is not None:
        console.print(Text("      " + text, style="dim"))
        console.print(Text("      " + " " * step.position + "^", style="bold red"))
    console.print(
        f"[yellow]Can't read line {number}[/] [dim](not counted; type it again)[/]: "
        f"{escape(step.message or '')}"
    )
    return False
