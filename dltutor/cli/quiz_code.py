"""Code exercises in `quiz`: the workspace file, checks on Enter, and --watch.

The learner edits `$DLTUTOR_HOME/workspace/<id>.py` in their own editor. The
sandbox is started as soon as the question is shown and the references are
computed in the background meanwhile, so a check answers as soon as Enter
is pressed; after each check the next sandbox is started at once.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from dltutor.bank.models import Variant
from dltutor.errors import AnswerFormatError
from dltutor.kinds.base import Verdict

CODE_PROMPT = "[bold]Enter[/] to check [dim](? hint · s skip · q quit)[/] › "


def open_code(variant: Variant, console: Console) -> Path:
    """Write the starter (if new), say where it is, start the check."""
    from dltutor.codecheck import runner, workspace
    from dltutor.sandbox import isolation_notice

    path, created = workspace.ensure_file(variant)
    runner.start(variant)
    notice = isolation_notice()
    if notice:
        console.print(f"[yellow]note:[/] {escape(notice)}")
    state = "The starter code is in" if created else "Your file from last time is in"
    console.print(
        f"{state}\n  [bold cyan]{escape(str(path))}[/]\n"
        "Edit it in your editor, save it, and press Enter here to check it."
    )
    return path


def check_code(variant: Variant, path: Path, console: Console | None = None) -> tuple[str, Verdict]:
    """(the file's text, its verdict); AnswerFormatError if it cannot be read.
    A training run shows a live line with the time it has taken so far."""
    from dltutor.codecheck import workspace
    from dltutor.grading import grade_answer

    text = workspace.read(path)
    with training_line(variant, console):
        return text, grade_answer(variant, text, str(path))


def training_line(variant: Variant, console: Console | None) -> AbstractContextManager[object]:
    """A spinner and the elapsed time while the learner's training runs
    (nothing for other exercises, nor when the output is not a terminal)."""
    from dltutor.codecheck.runner import limits
    from dltutor.codecheck.spec import exercise

    spec = exercise(variant)
    if console is None or spec.form != "training":
        return nullcontext()
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("Training in the sandbox"),
        TimeElapsedColumn(),
        TextColumn(f"[dim](CPU budget {limits(spec).cpu_seconds:g} s)[/]"),
        console=console,
        transient=True,
    )
    progress.add_task("train", total=None)
    return progress


def close_code(variant: Variant) -> None:
    from dltutor.codecheck import runner

    runner.finish(variant)


def watch_file(variant: Variant, record: Callable[[Variant, str, Verdict], None]) -> None:
    """Check the workspace file now and on every save until it passes (exit 0)
    or Ctrl-C (exit 130). Only the passing check is recorded as an attempt."""
    from dltutor.codecheck import workspace
    from dltutor.render.console import out
    from dltutor.render.quiz import explanation_view, question_view, verdict_view

    console = out()
    console.print(question_view(variant))
    path = open_code(variant, console)
    console.print("[dim]Watching for saves; Ctrl-C stops.[/]")
    try:
        for _ in workspace.saves(path):
            try:
                text, verdict = check_code(variant, path, console)
            except AnswerFormatError as exc:
                console.print(f"[yellow]Can't check it yet:[/] {escape(exc.message)}")
                continue
            console.print(verdict_view(verdict))
            if verdict.correct:
                record(variant, text, verdict)
                console.print(explanation_view(variant, reveal=False))
                raise typer.Exit(0)
            console.print("[dim]Waiting for the next save…[/]")
    except KeyboardInterrupt:
        console.print("\n[dim]Stopped watching.[/]")
        raise typer.Exit(130) from None
    finally:
        close_code(variant)
