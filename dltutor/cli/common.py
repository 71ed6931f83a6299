"""What every command shares: the error edge, bank options, JSON output."""

from __future__ import annotations

import functools
import json
import math
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from dltutor.errors import AnswerFormatError, DltutorError

if TYPE_CHECKING:  # imported where used: start-up reads neither the bank nor the store
    from dltutor.bank.catalogue import Catalogue
    from dltutor.progress.store import Store

P = ParamSpec("P")
R = TypeVar("R")

BankOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank",
        metavar="DIR",
        help="Also read questions and lessons from this bank folder (repeatable; DLTUTOR_BANKS adds more).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON object on stdout.")]


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


ColourOption = Annotated[
    Colour | None,
    typer.Option(
        "--color",
        help="Colour: auto (a terminal without NO_COLOR), always (through a pipe too: `| less -R`) or never.",
        case_sensitive=False,
    ),
]


def edge(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the library's errors into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if "colour" in kwargs:  # before anything is printed; each run starts from auto
            from dltutor.render.console import use_colour

            use_colour(Colour(kwargs["colour"] or "auto").value)
        try:
            return command(*args, **kwargs)
        except DltutorError as exc:
            from dltutor.render.console import error_line

            error_line(exc.message)
            if kwargs.get("as_json"):  # --json promises one object on stdout, errors included
                print_json(error_json(exc))
            raise typer.Exit(exc.exit_code) from None

    return run


def error_json(exc: DltutorError) -> dict[str, Any]:
    """An unreadable answer is a grading result too: verdict "invalid"."""
    payload: dict[str, Any] = {"error": exc.message, "exit_code": exc.exit_code}
    if isinstance(exc, AnswerFormatError):
        payload.update(
            verdict="invalid", score=0.0, feedback=exc.message, read_as=None, position=exc.position
        )
    return payload


def catalogue(banks: list[Path] | None) -> Catalogue:
    from dltutor.bank.catalogue import Catalogue, search_path

    books = Catalogue(search_path(banks or []))
    if sys.stderr.isatty():
        books.on_index = _indexing_note
    return books


def _indexing_note(file: Path) -> None:
    """Once per command, on a terminal: the first command after a bank changed
    parses and checks its changed files whole (20,000 questions: ~15 s)."""
    if not _noted:
        _noted.append(file)
        from dltutor.render.console import err

        err().print("[dim]Indexing the question files that changed…[/]")


_noted: list[Path] = []


def store() -> Store:
    from dltutor.progress.store import Store

    return Store()


def print_json(payload: dict[str, Any]) -> None:
    """Strict JSON: a non-finite number (an overflowing answer) is written as the
    string "inf", "-inf" or "nan", which every parser accepts."""
    try:
        text = json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:  # rare: walking every value first cost 77 ms for a 20,000-question progress
        text = json.dumps(_finite(payload), ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write(text + "\n")


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value
