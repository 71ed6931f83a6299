"""`dltutor quiz`: an interactive quiz, or one question shown or graded by id.

With no topic the quiz continues the course: due reviews, then new questions
from the current topic. A quiz that was interrupted is offered to be continued.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dltutor.cli.common import BankOption, ColourOption, JsonOption, catalogue, edge, print_json, store
from dltutor.errors import AnswerFormatError, DltutorError

if TYPE_CHECKING:
    from dltutor.bank.catalogue import Catalogue
    from dltutor.bank.models import Variant
    from dltutor.kinds.base import Verdict

EXAMPLES = (
    "Examples:  `dltutor quiz`  ·  `dltutor quiz --review`  ·  "
    "`dltutor quiz activations --count 5`  ·  "
    "`dltutor quiz --id act.sigmoid-range --show`  ·  "
    '`dltutor quiz --id conv.out-shape --seed 3 --answer "(8, 16, 54, 54)" --json`'
)


@edge
def quiz(
    topics: Annotated[
        list[str] | None, typer.Argument(help="Topics to draw from (default: continue the course).")
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many questions.")] = 10,
    review: Annotated[bool, typer.Option("--review", help="Only the reviews that are due.")] = False,
    question_id: Annotated[str | None, typer.Option("--id", help="One question, by id.")] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=2**31 - 1,
            help="Which variant of a parametrised question (with --id; default 0), "
            "or a fixed order and variants for a whole quiz.",
        ),
    ] = None,
    show: Annotated[
        bool,
        typer.Option("--show", help="With --id: print the question and exit (without it, --id asks it)."),
    ] = False,
    answer: Annotated[str | None, typer.Option(help="With --id: grade this answer.")] = None,
    answer_file: Annotated[
        Path | None, typer.Option(help="With --id: grade the answer in this file.")
    ] = None,
    watch: Annotated[
        bool,
        typer.Option("--watch", help="With --id of a code exercise: check its workspace file on every save."),
    ] = False,
    as_json: JsonOption = False,
    bank: BankOption = None,
    colour: ColourOption = None,
) -> None:
    """Take a quiz, or show or grade one question (exit 0 correct, 1 incorrect, 2 unreadable)."""
    single = show or answer is not None or answer_file is not None
    if single and question_id is None:
        raise DltutorError("--show, --answer and --answer-file need --id QID")
    if answer is not None and answer_file is not None:
        raise DltutorError("give either --answer or --answer-file, not both")
    if as_json and question_id is None:
        raise DltutorError(
            "--json goes with --id QID (to show or grade one question); the quiz itself is interactive"
        )
    if watch and (question_id is None or single):
        raise DltutorError("--watch needs --id QID of a code exercise, without --show or --answer")
    if answer_file is not None and (question_id or "").startswith("code."):
        from dltutor.codecheck.runner import prestart

        prestart()  # the sandbox imports torch while the bank is read
    books = catalogue(bank)
    if question_id is not None:
        from dltutor.bank.variants import make_variant

        variant = make_variant(books.question(question_id), seed or 0)
        if watch and variant.question.kind != "code":
            raise DltutorError(
                f"--watch checks a code exercise's file; {question_id} is a {variant.question.kind} question"
            )
        if watch:
            from dltutor.cli.quiz_code import watch_file

            return watch_file(variant, _record)
        if not (single or as_json):  # answer it here, like any quiz question; --show prints it
            return _one_interactive(variant)  # a code exercise: edit the workspace file, Enter
        if answer is None and answer_file is None:
            return _show(variant, as_json)
        return _grade(variant, answer, answer_file, as_json)
    _interactive(books, [books.find_topic(t) for t in topics or []], count, seed, review)


def _show(variant: Variant, as_json: bool) -> None:
    if as_json:
        question = variant.question
        print_json(
            {
                "id": question.id,
                "topic": question.topic,
                "kind": question.kind,
                "seed": variant.seed,
                "difficulty": question.difficulty,
                "prompt": variant.prompt,
                "choices": variant.extra.get("choices"),
                "hints": len(variant.hints),
                "parametrised": question.parametrised,
                **_code_fields(variant),
            }
        )
        return
    from dltutor.render.console import out
    from dltutor.render.quiz import question_view

    out().print(question_view(variant))
    if variant.question.kind == "code":
        from dltutor.kinds.code import starter
        from dltutor.render.quiz import starter_view

        out().print(starter_view(starter(variant)))


def _code_fields(variant: Variant) -> dict[str, Any]:
    if variant.question.kind != "code":
        return {}
    from dltutor.codecheck.spec import exercise
    from dltutor.kinds.code import starter

    spec = exercise(variant)
    return {"signature": spec.signature, "forbid": list(spec.forbid), "starter": starter(variant)}


def _grade(variant: Variant, answer: str | None, answer_file: Path | None, as_json: bool) -> None:
    from dltutor.grading import grade_answer, read_answer_file

    if answer is not None:
        raw = answer
    else:
        assert answer_file is not None  # the caller shows the question when neither is given
        raw = read_answer_file(answer_file)
    try:
        verdict = grade_answer(variant, raw, str(answer_file) if answer_file else None)
    except AnswerFormatError as exc:
        if not as_json:
            raise
        print_json(
            {
                "id": variant.id,
                "seed": variant.seed,
                "verdict": "invalid",
                "score": 0.0,
                "feedback": exc.message,
                "read_as": None,
                "position": exc.position,
                **_unreadable_steps(exc),
            }
        )
        raise typer.Exit(2) from None
    _record(variant, raw, verdict)
    # one shot, no second try: the answer follows (a code file can be fixed and checked again)
    reveal = not verdict.correct and variant.question.kind != "code"
    if as_json:
        from dltutor.grading import shown_answer

        shown = {"answer": shown_answer(variant)} if reveal else {}
        print_json(
            {
                "id": variant.id,
                "seed": variant.seed,
                **verdict.to_json(),
                **shown,
                "explanation": variant.explanation,
            }
        )
    else:
        from dltutor.render.console import out
        from dltutor.render.quiz import explanation_view, show_wrong_claim, verdict_view

        out().print(verdict_view(verdict))
        show_wrong_claim(out(), verdict, variant)
        out().print(explanation_view(variant, reveal=reveal))
        _isolation_note(verdict)
    raise typer.Exit(0 if verdict.correct else 1)


def _unreadable_steps(exc: AnswerFormatError) -> dict[str, Any]:
    """A derivation with an unreadable line: which line, and what the others are."""
    from dltutor.derivation import UnreadableStep

    if not isinstance(exc, UnreadableStep):
        return {}
    return {"line": exc.step.line, **exc.check.to_json()}


def _isolation_note(verdict: Verdict) -> None:
    """One line on stderr when a code verdict came from a weaker sandbox."""
    from dltutor.sandbox.isolation import NOTICES

    notice = NOTICES.get(verdict.evidence.get("isolation", ""))
    if notice:
        from dltutor.render.console import err

        err().print(f"[yellow]note:[/] {notice}")


def _record(variant: Variant, raw: str, verdict: Verdict) -> None:
    from dltutor.progress.record import record_answer

    record_answer(variant, raw, verdict)


def _one_interactive(variant: Variant) -> None:
    from dltutor.cli.quiz_session import Place, run_quiz
    from dltutor.render.console import out

    try:
        tally = run_quiz([(variant.question, variant.seed)], store(), out(), Place(None, 1, 1))
    except KeyboardInterrupt:
        out().print("\n[dim]Stopped.[/]")
        raise typer.Exit(130) from None
    raise typer.Exit(0 if tally.correct else 1)


def _interactive(books: Catalogue, topics: list[str], count: int, seed: int | None, review: bool) -> None:
    from dltutor.cli.quiz_plan import choose
    from dltutor.cli.quiz_session import run_quiz
    from dltutor.render.console import out

    progress, console = store(), out()
    items, place = choose(books, progress, console, topics, count, random.Random(seed), review)
    if not items:
        return
    try:
        tally = run_quiz(items, progress, console, place)
    except KeyboardInterrupt:
        console.print(
            "\n[dim]Stopped. Graded answers are saved; [/]dltutor quiz[dim] continues from here.[/]"
        )
        raise typer.Exit(130) from None
    if tally.asked == 0:
        return
    asked, right, skipped = tally.asked, tally.correct, tally.skipped
    if place.first > 1 and place.session_id is not None:  # a continued quiz: count all of it
        from dltutor.progress.sessions import earlier_results

        before = earlier_results(progress, place.session_id, place.first - 1)
        asked, right, skipped = asked + before[0], right + before[1], skipped + before[2]
    console.print(
        f"\n[bold]{right} of {asked}[/] right"
        + (f", {skipped} skipped" if skipped else "")
        + ". [dim]See where you stand with[/] dltutor progress"
    )
