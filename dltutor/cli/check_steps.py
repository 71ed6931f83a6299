"""`dltutor check-gradient --steps FILE`: a derivation checked line by line.

Exit 0 when the last line is the derivative, 1 when it is not, 2 when a line
(or the file) cannot be read. With --json: one object, the one-shot check's
fields plus `steps` (every line's text, read-as and status) and `first_break`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from dltutor.cli.common import error_json, print_json
from dltutor.errors import DltutorError
from dltutor.files import MAX_BYTES, read_user_file

if TYPE_CHECKING:
    from dltutor.derivation import GradientSteps, UnreadableStep


def check_steps_file(source: str, function: str | None, wrt: str | None, as_json: bool) -> None:
    from dltutor.derivation import UnreadableStep, check_derivation

    text = _read(source)
    try:
        result = check_derivation(text, function, wrt)
    except UnreadableStep as exc:
        _unreadable(exc, as_json)
        raise
    if as_json:
        print_json(_payload(result))
    else:
        _show(result)
    raise typer.Exit(0 if result.correct else 1)


def _read(source: str) -> str:
    if source != "-":
        return read_user_file(Path(source), "derivation file")
    text = sys.stdin.read(MAX_BYTES + 1)
    if len(text) > MAX_BYTES:
        raise DltutorError(f"the derivation on stdin is larger than {MAX_BYTES >> 20} MiB")
    return text


def _payload(result: GradientSteps) -> dict[str, Any]:
    from dltutor.derivation.summary import with_final

    graded = result.graded  # one variable: one reference, one claim
    return {
        "verdict": graded.verdict,
        "wrt": graded.wrt,
        "reference": str(graded.reference[0]),
        "read_as": str(graded.read_as[0]) if graded.read_as else None,
        "counterexample": graded.counterexample,
        "values": graded.values or None,
        "feedback": with_final(result.check, result.feedback, graded.feedback),
        "mistake": graded.mistake,
        **result.check.to_json(),
    }


def _unreadable(exc: UnreadableStep, as_json: bool) -> None:
    """Say which line, then let the error edge print the message (exit 2)."""
    if as_json:
        from dltutor.render.console import error_line

        error_line(exc.message)
        print_json({**error_json(exc), "line": exc.step.line, **exc.check.to_json()})
        raise typer.Exit(exc.exit_code)
    from dltutor.render.console import out
    from dltutor.render.steps import steps_view

    out().print(steps_view(exc.check.to_json()["steps"]))


def _show(result: GradientSteps) -> None:
    from rich.text import Text

    from dltutor.mathexpr import pretty
    from dltutor.render.console import out
    from dltutor.render.steps import steps_view

    console, graded = out(), result.graded
    console.print(steps_view(result.check.to_json()["steps"]))
    console.print(Text(result.feedback))
    if graded.verdict == "correct":
        console.print("[bold green]✓ Correct[/]")
        return
    console.print("[bold red]✗ The last line is not the derivative[/]")
    if result.check.first_break is None and graded.feedback:
        console.print(Text(graded.feedback))
    console.print(Text("the derivative is:", style="dim"))
    console.print(Text("    " + pretty(graded.reference[0]).replace("\n", "\n    "), style="bold"))
    if not graded.read_as:  # never so: the last line was read before it was graded
        return
    from dltutor.render.plot import show_claim_plot

    show_claim_plot(
        console, str(graded.read_as[0]), str(graded.reference[0]), graded.wrt[0], graded.counterexample
    )
