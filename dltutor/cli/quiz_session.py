"""The interactive quiz loop: ask, hint, grade, record, explain.

Every graded attempt is saved before its verdict is shown, so quitting or a
kill never loses an answer that was graded. An unreadable answer is said so and
asked again without counting as a try.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from rich.console import Console
from rich.text import Text

from dltutor.bank.models import Question, Variant
from dltutor.bank.variants import make_variant
from dltutor.errors import AnswerFormatError, DltutorError
from dltutor.grading import grade_answer
from dltutor.progress.store import Attempt, Store
from dltutor.render.quiz import explanation_view, hint_view, question_view, verdict_view

MAX_TRIES = 2
PROMPT = "[bold]answer[/] [dim](? hint · s skip · q quit)[/] › "


class QuitQuiz(Exception):
    """The learner typed q."""


@dataclass
class Tally:
    asked: int = 0
    correct: int = 0
    saved: int = 0
    skipped: int = 0
    mistakes: list[str] = field(default_factory=list)


def run_quiz(questions: list[Question], store: Store, console: Console, rng: random.Random) -> Tally:
    tally = Tally()
    try:
        for number, question in enumerate(questions, start=1):
            seed = rng.randrange(1_000_000) if question.parametrised else 0
            tally.asked += 1
            ask_one(make_variant(question, seed), number, len(questions), store, console, tally)
    except QuitQuiz:
        pass
    except EOFError:
        raise DltutorError(f"input closed in the middle of the quiz; {tally.saved} graded "
                           "answer(s) were saved") from None
    return tally


def ask_one(variant: Variant, number: int, total: int, store: Store, console: Console,
            tally: Tally) -> None:
    console.print(question_view(variant, number, total))
    hints_used, tries, started = 0, 0, time.monotonic()
    while True:
        raw = console.input(PROMPT).strip()
        if raw == "?":
            hints_used = _show_hint(variant, hints_used, console)
            continue
        if raw.lower() in ("s", "q") or not raw:
            if raw.lower() == "q":
                raise QuitQuiz
            if raw:
                tally.skipped += 1
                console.print(explanation_view(variant, reveal=True))
                return
            continue
        try:
            verdict = grade_answer(variant, raw)
        except AnswerFormatError as exc:
            _show_format_error(exc, raw, console)
            continue
        tries += 1
        store.record(Attempt(variant.id, variant.question.topic, variant.question.kind,
                             variant.seed, raw, verdict.verdict, verdict.score, verdict.mistake,
                             hints_used, tries, round(time.monotonic() - started, 2)))
        tally.saved += 1
        console.print(verdict_view(verdict))
        if verdict.correct or tries >= MAX_TRIES:
            tally.correct += verdict.correct
            if not verdict.correct:
                tally.mistakes.append(variant.id)
            console.print(explanation_view(variant, reveal=not verdict.correct))
            return
        console.print("[dim]Try once more, or ? for a hint, s to see the answer.[/]")


def _show_hint(variant: Variant, used: int, console: Console) -> int:
    if used >= len(variant.hints):
        console.print("[dim]No more hints for this one.[/]")
        return used
    console.print(hint_view(variant.hints[used], used + 1, len(variant.hints)))
    return used + 1


def _show_format_error(exc: AnswerFormatError, raw: str, console: Console) -> None:
    if exc.position is not None:
        text = exc.text if exc.text is not None else raw
        console.print(Text("  " + text, style="dim"))
        console.print(Text("  " + " " * exc.position + "^", style="bold red"))
    console.print(f"[yellow]Can't read that[/] [dim](not counted)[/]: {exc.message}")
