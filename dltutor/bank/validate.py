"""`bank validate`: every question proves itself, every lesson renders.

For each question and each variant seed checked: the reference answer grades
correct, every listed wrong answer grades incorrect with its own mistake, and
the prompt renders. Lesson formulas must parse; those marked `identity` must
hold numerically; plotted functions must evaluate.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from dltutor.bank.catalogue import Catalogue
from dltutor.bank.models import FormulaBlock, Lesson, PlotBlock, Question
from dltutor.bank.variants import make_variant
from dltutor.errors import AnswerFormatError, DltutorError
from dltutor.grading import grade_answer, reference_text, wrong_answer_text
from dltutor.kinds import kind_module

SEEDS_PER_PARAMETRISED = 25
SEEDS_PER_NUMERIC = 50  # the rounding policy is proven on this many variants (DESIGN §3)
FORMULA_SECONDS = 20  # SymPy can grind for minutes on a big symbolic matrix identity


@contextmanager
def time_limit(seconds: float, doing: str) -> Iterator[None]:
    """Interrupt pure-Python work (SymPy) after `seconds`; a no-op off the main thread."""
    from dltutor.timelimit import time_limit as bounded

    with bounded(
        seconds, lambda: DltutorError(f"gave up {doing} after {seconds:g} s; check it by hand or simplify it")
    ):
        yield


@dataclass
class TopicReport:
    topic: str
    questions: int = 0
    variants: int = 0
    problems: list[str] = field(default_factory=list)


def validate(books: Catalogue, topics: Iterable[str]) -> list[TopicReport]:
    _ = books.by_id  # duplicate ids across every bank are an error before anything else
    topics = list(topics)
    code = [q for topic in topics for q in books.questions(topic) if q.kind == "code"]
    if code:  # each runs the sandbox: start them all now, two at a time
        from dltutor.codecheck.batch import prefetch

        prefetch(code)
    return [validate_topic(books, topic) for topic in topics]


def validate_topic(books: Catalogue, topic: str) -> TopicReport:
    report = TopicReport(topic)
    report.problems += lesson_problems(books.lesson(topic))
    for question in books.questions(topic):
        report.questions += 1
        seeds = range(_seeds(question))
        for seed in seeds:
            report.variants += 1
            problems = question_problems(question, seed)
            report.problems += problems
            if problems:
                break  # one broken variant says enough about a question
    return report


def _seeds(question: Question) -> int:
    if not question.parametrised:
        return 1
    return SEEDS_PER_NUMERIC if question.kind == "numeric" else SEEDS_PER_PARAMETRISED


def question_problems(question: Question, seed: int) -> list[str]:
    if question.kind == "code":  # files, run in the sandbox together
        from dltutor.codecheck.batch import code_problems

        return code_problems(question, seed)
    where = f"{question.file}:{question.line}: question '{question.id}' (seed {seed})"
    try:
        variant = make_variant(question, seed)
        verdict = grade_answer(variant, reference_text(variant))
    except DltutorError as exc:
        reason = getattr(exc, "detail", None) or exc.message
        return [f"{where}: the reference answer cannot be used: {reason}"]
    problems = (
        []
        if verdict.correct
        else [(f"{where}: the reference answer grades {verdict.verdict} ({verdict.feedback or ''})")]
    )
    self_test = getattr(kind_module(question.kind), "self_test", None)  # the kind's own policy
    problems += [f"{where}: {problem}" for problem in (self_test(variant) if self_test else [])]
    for wrong in variant.wrong:
        at = f"{question.file}:{wrong.line}: question '{question.id}' (seed {seed})"
        text = wrong_answer_text(variant, wrong.answer)
        try:
            graded = grade_answer(variant, text)
        except DltutorError as exc:
            problems.append(f"{at}: wrong answer {text!r} cannot be read: {exc.message}")
            continue
        if graded.verdict != "incorrect":
            problems.append(f"{at}: wrong answer {text!r} grades {graded.verdict}")
        elif graded.mistake != wrong.mistake:
            problems.append(
                f"{at}: wrong answer {text!r} is reported as "
                f"{graded.mistake!r}, not its own mistake {wrong.mistake!r}"
            )
    return problems


def lesson_problems(lesson: Lesson) -> list[str]:
    problems = []
    for section in lesson.sections:
        for block in section.blocks:
            try:
                _check_block(block)
            except DltutorError as exc:
                problems.append(f"{lesson.file}: section '{section.title}': {exc.message}")
    return problems


def _check_block(block: object) -> None:
    if isinstance(block, FormulaBlock):
        from dltutor.mathexpr import formula_holds, parse_formula

        try:
            formula = parse_formula(block.formula, matrices=block.matrices, functions=block.functions)
        except AnswerFormatError as exc:  # the message alone would not say which formula
            raise DltutorError(f"formula '{block.formula}': {exc.message}") from None
        with time_limit(FORMULA_SECONDS, f"checking formula '{block.formula}'"):
            holds = not block.identity or formula_holds(formula)
        if not holds:
            raise DltutorError(f"formula '{block.formula}' is marked identity but does not hold")
    elif isinstance(block, PlotBlock):
        import numpy as np

        from dltutor.mathexpr import numeric_function

        xs = np.linspace(*block.x_range, 50)
        for text in block.functions:
            if not np.all(np.isfinite(np.asarray(numeric_function(text)(xs), dtype=float))):
                raise DltutorError(f"plot of '{text}' is not finite over {block.x_range}")
