"""What every question kind shares: the Verdict and the kind interface.

A kind is a module (or object) with:

- `FIELDS`: the kind-specific question fields it accepts, as `bank.schema.Field`s;
- `check(question) -> None`: authoring checks beyond types, raising BankError;
- `parse(raw, variant) -> Any`: read the answer text or raise AnswerFormatError;
- `grade(parsed, variant) -> Verdict`;
- `describe(parsed, variant) -> str`: how the answer was read, for "read as".

An unreadable answer is an AnswerFormatError, never an incorrect Verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

VerdictName = Literal["correct", "incorrect", "invalid"]


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictName
    score: float
    read_as: str
    feedback: str | None = None
    mistake: str | None = None  # name of the known mistake, when one fits
    evidence: dict[str, Any] = field(default_factory=dict)  # counterexample, failing case

    @property
    def correct(self) -> bool:
        return self.verdict == "correct"

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "score": self.score,
            "feedback": self.feedback,
            "read_as": self.read_as,
            "mistake": self.mistake,
            **self.evidence,
        }


def correct(read_as: str, feedback: str | None = None) -> Verdict:
    return Verdict("correct", 1.0, read_as, feedback)


def incorrect(
    read_as: str,
    feedback: str | None = None,
    mistake: str | None = None,
    *,
    score: float = 0.0,
    **evidence: Any,
) -> Verdict:
    return Verdict("incorrect", score, read_as, feedback, mistake, evidence)


def as_text(value: Any) -> str:
    """An author's answer value as the text a learner would type for it."""
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(item) for item in value)
    return repr(value) if isinstance(value, float) else str(value)


def grade_against_known(
    parsed: Any,
    variant: Any,
    parse: Callable[[str, Any], Any],
    same: Callable[[Any, Any, Any], bool],
    read_as: str,
    generic: Callable[[Any, Any], str | None] | None = None,
) -> Verdict:
    """The shared grading of kinds whose answers compare by equality.

    Correct when `parsed` is the same as the reference; otherwise the first
    listed wrong answer it is the same as gives its mistake and feedback.
    """
    if same(parsed, parse(as_text(variant.answer), variant), variant):
        return correct(read_as)
    for wrong in variant.wrong:
        if same(parsed, parse(as_text(wrong.answer), variant), variant):
            return incorrect(read_as, wrong.feedback, wrong.mistake)
    expected = parse(as_text(variant.answer), variant)
    return incorrect(read_as, generic(parsed, expected) if generic else None)


def check_answers_read(question: Any, parse: Callable[[str, Any], Any]) -> None:
    """Authoring check: the answer and every listed wrong answer can be read by `parse`."""
    from dltutor.errors import AnswerFormatError, BankError

    for value in [question.answer] + [w.answer for w in question.wrong]:
        try:
            parse(as_text(value), question)
        except AnswerFormatError as exc:
            raise BankError(
                f"question '{question.id}': answer {value!r}: {exc.message}",
                question.file,
                question.line,
                "answer",
            ) from None
