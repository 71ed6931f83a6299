"""The interactive quiz loop: ask, hint, grade, record, schedule, explain.

Every graded attempt is saved before its verdict is shown, and the last try
of a question is saved together with its review card and the quiz's place,
so quitting or a kill never loses an answer that was graded and an
interrupted quiz continues after the last question answered. An unreadable
answer is said so and asked again without counting as a try.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from dltutor.bank.models import Question, Variant
from dltutor.bank.variants import make_variant
from dltutor.cli.quiz_code import CODE_PROMPT, check_code, close_code, open_code
from dltutor.cli.quiz_steps import derivation_tip, read_derivation, starts_derivation
from dltutor.errors import AnswerFormatError
from dltutor.grading import grade_answer
from dltutor.kinds.withhold import withhold_answer
from dltutor.progress import clock, sessions
from dltutor.progress.reviews import record_review
from dltutor.progress.schedule import AGAIN, rating_for
from dltutor.progress.store import Attempt, Store
from dltutor.render.progress import comes_back_view, reread_view
from dltutor.render.quiz import explanation_view, hint_view, question_view, show_wrong_claim, verdict_view

MAX_TRIES = 2
PROMPT = "[bold]answer[/] [dim](? hint · s skip · q quit)[/] › "


# what a learner may type instead of an answer; no answer of any kind reads as these
COMMANDS = {
    "?": "hint",
    "hint": "hint",
    "q": "quit",
    "quit": "quit",
    "exit": "quit",
    "s": "skip",
    "skip": "skip",
}


class QuitQuiz(Exception):
    """The learner typed q."""


@dataclass
class Tally:
    asked: int = 0
    correct: int = 0
    saved: int = 0
    skipped: int = 0
    mistakes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    """Where the questions being asked sit in their quiz (a resumed one starts past 1)."""

    session_id: int | None
    first: int = 1
    total: int = 0


def run_quiz(items: list[tuple[Question, int]], store: Store, console: Console, place: Place) -> Tally:
    tally = Tally()
    try:
        for number, (question, seed) in enumerate(items, start=place.first):
            tally.asked += 1
            ask_one(make_variant(question, seed), number, place, store, console, tally)
    except QuitQuiz:
        tally.asked -= 1  # the question on screen was not answered
        if place.session_id is not None:
            sessions.close(store, place.session_id)  # stopped on purpose: nothing to continue
    except EOFError:  # Ctrl-D, or a script's input ran out: a stop, said as calmly as Ctrl-C
        done = place.first - 1 + tally.asked - 1  # the question on screen is not done
        later = " [/]dltutor quiz[dim] continues it." if done and place.session_id else ""
        saved = f"{tally.saved} answer{'s' * (tally.saved != 1)}"
        console.print(f"\n[dim]Input closed; {saved} saved.{later}[/]")  # fits 60 columns
        raise typer.Exit(2) from None
    return tally


def ask_one(
    variant: Variant, number: int, place: Place, store: Store, console: Console, tally: Tally
) -> None:
    console.print(question_view(variant, number, place.total))
    if derivation_tip(variant):
        console.print(derivation_tip(variant))
    workspace = _open_code(variant, console)  # a code exercise: the file the learner edits
    hints_used, tries, started = 0, 0, time.monotonic()
    missed: set[str] = set()  # wrong choices made already, as they were read
    is_choice = variant.question.kind == "choice"
    while True:
        raw = console.input(CODE_PROMPT if workspace else PROMPT).strip()
        command = COMMANDS.get(raw.lower())
        if command == "hint":
            hints_used = _show_hint(variant, hints_used, console)
            continue
        if command == "quit":
            raise QuitQuiz
        if command == "skip":
            tally.skipped += 1
            console.print(explanation_view(variant, reveal=True))
            _finish(variant, AGAIN, None, place, store, console)  # seeing the answer is not knowing it
            return
        if workspace is not None and raw:
            console.print("[dim]Edit the file in your editor, then press Enter to check it.[/]")
            continue
        if not raw and workspace is None:
            continue
        if workspace is None and starts_derivation(raw, variant):
            derivation = read_derivation(raw, variant, console)  # more lines, until an empty one
            if derivation is None:
                raise QuitQuiz
            raw = derivation
        try:
            if workspace is not None:
                raw, verdict = check_code(variant, workspace, console)
            else:
                verdict = grade_answer(variant, raw)
        except AnswerFormatError as exc:
            _show_format_error(exc, raw, console)
            continue
        if is_choice and not verdict.correct and verdict.read_as in missed:
            console.print(_again(variant))  # the same miss twice would waste the last try
            continue
        missed.add(verdict.read_as)
        tries += 1
        seconds = round(time.monotonic() - started, 2)
        question = variant.question
        attempt = Attempt(
            variant.id,
            question.topic,
            question.kind,
            variant.seed,
            raw,
            verdict.verdict,
            verdict.score,
            verdict.mistake,
            hints_used,
            tries,
            seconds,
        )
        final = verdict.correct or tries >= _tries_for(variant)
        if not final:
            store.record(attempt, clock.now())
        tally.saved += 1
        console.print(verdict_view(verdict if final else withhold_answer(verdict, variant)))
        show_wrong_claim(console, verdict, variant)
        if final:
            tally.correct += verdict.correct
            if not verdict.correct:
                tally.mistakes.append(variant.id)
            console.print(explanation_view(variant, reveal=not verdict.correct))
            rating = rating_for(verdict.correct, hints_used, tries, seconds, question.difficulty)
            _finish(variant, rating, attempt, place, store, console)
            return
        console.print("[dim]Try once more, or ? for a hint, s to see the answer.[/]")


def _finish(
    variant: Variant, rating: int, attempt: Attempt | None, place: Place, store: Store, console: Console
) -> None:
    """Save the question's last try with its new schedule, and say when it comes back."""
    if variant.question.kind == "code":
        close_code(variant)  # its sandbox is not needed any more
    now = clock.now()
    card = record_review(
        store, variant.id, variant.question.topic, rating, now, variant.seed, attempt, place.session_id
    )
    console.print(comes_back_view(card, now))
    if rating == AGAIN and card.leech:
        console.print(reread_view(variant.question, card.lapses))


def _open_code(variant: Variant, console: Console) -> Path | None:
    return open_code(variant, console) if variant.question.kind == "code" else None


def _show_hint(variant: Variant, used: int, console: Console) -> int:
    if used >= len(variant.hints):
        console.print("[dim]No more hints for this one.[/]")
        return used
    console.print(hint_view(variant.hints[used], used + 1, len(variant.hints)))
    return used + 1


def _tries_for(variant: Variant) -> int:
    """A one-answer choice of two has one try: its second would be no question at all."""
    if variant.question.kind == "choice":
        from dltutor.kinds.choice import is_multiple

        if not is_multiple(variant):
            return max(1, min(MAX_TRIES, len(variant.extra["choices"]) - 1))
    return MAX_TRIES


def _again(variant: Variant) -> str:
    return "[yellow]You chose that already[/] [dim](not counted)[/]: pick another, or ? for a hint."


def _show_format_error(exc: AnswerFormatError, raw: str, console: Console) -> None:
    if exc.position is not None:
        text = exc.text if exc.text is not None else raw
        console.print(Text("  " + text, style="dim"))
        console.print(Text("  " + " " * exc.position + "^", style="bold red"))
    from rich.markup import escape

    console.print(f"[yellow]Can't read that[/] [dim](not counted)[/]: {escape(exc.message)}")
