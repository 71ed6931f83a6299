"""A multi-line answer to a `derivative` or `expression` question.

An answer is a derivation when it has several lines, or when the question
gives its first lines (`given_steps`): the learner's lines are then numbered
after the given ones (repeating the given lines is allowed; they are dropped).
Only the final line decides the verdict, graded by the kind as a one-line
answer would be; the steps add their feedback and, in JSON, every line's
status. A line that cannot be read makes the whole answer unreadable
(UnreadableStep): no verdict, no attempt used. Given steps that do not hold
are the bank's fault (BankError), which `bank validate` reports.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dltutor.errors import AnswerFormatError, BankError

from .check import check_steps
from .lines import Line, split_lines
from .model import DerivationCheck, UnreadableStep
from .summary import summary, with_final


def given_steps(item: Any) -> list[str]:
    return [str(text) for text in item.extra.get("given_steps") or []]


def is_derivation(raw: str, item: Any) -> bool:
    return bool(given_steps(item)) or len(split_lines(raw)) > 1


def read_derivation(
    raw: str, variant: Any, variables: dict[str, str], *, function: Any = None, wrt: str | None = None
) -> DerivationCheck:
    given = _given_lines(variant)
    learner = _without_given(split_lines(raw, first_number=len(given) + 1), given)
    if not learner:
        raise AnswerFormatError(
            f"continue the derivation after line {len(given)}" if given else "the answer is empty"
        )
    check = check_steps(given + learner, variables, given=len(given), function=function, wrt=wrt)
    _given_must_hold(check, variant)
    if check.unreadable is not None:
        raise UnreadableStep(check.unreadable, check)
    if check.steps[-1].wrt is not None:
        raise AnswerFormatError(
            "the derivation stops at d/dx (…): write the derivative on the lines after it",
            len(learner[-1].text),
            learner[-1].text,
        )
    return check


def grade_derivation(
    check: DerivationCheck, variant: Any, grade_one: Callable[[Any, Any], Any], target: str
) -> Any:
    """The final line's verdict, with the steps' feedback before its own."""
    from dltutor.kinds.base import Verdict

    final = grade_one(check.steps[-1].expr, variant)
    feedback = with_final(check, summary(check, final.correct, target), final.feedback)
    return Verdict(
        final.verdict,
        final.score,
        final.read_as,
        feedback,
        final.mistake,
        {**final.evidence, **check.to_json()},
    )


def _given_lines(variant: Any) -> list[Line]:
    return [
        Line(number, text.strip().lstrip("=").strip(), 0)
        for number, text in enumerate(given_steps(variant), start=1)
    ]


def _without_given(learner: list[Line], given: list[Line]) -> list[Line]:
    """A learner who copies the given lines before their own: keep only their own."""
    squash = lambda text: "".join(text.split())  # noqa: E731
    count = 0
    while count < min(len(given), len(learner)) and squash(learner[count].text) == squash(given[count].text):
        count += 1
    return learner[count:] if count == len(given) else learner


def _given_must_hold(check: DerivationCheck, variant: Any) -> None:
    for step in check.steps:
        if step.given and step.status not in ("start", "equal"):
            why = step.message or f"it does not follow from line {step.compared_with}"
            raise BankError(
                f"question '{variant.id}': given_steps line {step.line} ({step.text!r}): {why}",
                variant.question.file,
                variant.question.line,
                "given_steps",
            )
