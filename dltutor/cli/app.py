"""The `dltutor` command: a thin Typer layer over the library.

Command modules import nothing heavy at start-up; SymPy and PyTorch are loaded
only by the commands and question kinds that need them.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Annotated

import typer

from dltutor import __version__
from dltutor.cli import bank, check_gradient, learn, progress, quiz

app = typer.Typer(
    name="dltutor",
    help="A terminal tutor for the math and architectures of deep learning.\n\n"
    "Start with `dltutor learn`, read a lesson, then take its quiz.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dltutor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """A terminal tutor for the math and architectures of deep learning."""


app.command("learn", epilog=learn.EXAMPLES)(learn.learn)
app.command("quiz", epilog=quiz.EXAMPLES)(quiz.quiz)
# claims such as "-sin(x)" start with "-": they are arguments, not unknown options
app.command(
    "check-gradient",
    epilog=check_gradient.EXAMPLES,
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)(check_gradient.check_gradient)
app.add_typer(progress.app, name="progress")
app.add_typer(bank.app, name="bank")


def main() -> None:
    try:
        app()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: int | str | None) -> None:
    """End the process. Once torch is loaded, the interpreter's teardown costs
    0.4-0.5 s after the verdict is printed (its modules' finalisers), a third
    of a one-shot code check's budget: so the exit handlers run (sandboxes
    closed, workers stopped), output is flushed, and the process ends without
    it. Nothing else is pending then: every store write is committed, and the
    only threads are daemon threads that CodeCheck.close has joined."""
    if "torch" not in sys.modules:
        raise SystemExit(code)
    if isinstance(code, str):  # sys.exit("message") prints it and fails
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to tell
            pass
    os._exit(code or 0)
