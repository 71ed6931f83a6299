"""Grade one answer to one variant: the kind's parse, then the kind's grade."""

from __future__ import annotations

from pathlib import Path

from dltutor.bank.models import Variant
from dltutor.errors import AnswerFormatError
from dltutor.kinds import kind_module
from dltutor.kinds.base import Verdict, as_text

MAX_ANSWER_CHARS = 100_000


def grade_answer(variant: Variant, raw: str, filename: str | None = None) -> Verdict:
    """Raises AnswerFormatError when the answer cannot be read: that is no verdict.
    `filename` names a code answer's file in its messages."""
    if len(raw) > MAX_ANSWER_CHARS:
        raise AnswerFormatError(f"the answer is longer than {MAX_ANSWER_CHARS} characters")
    kind = kind_module(variant.question.kind)
    parsed = (
        kind.parse(raw, variant, filename) if variant.question.kind == "code" else kind.parse(raw, variant)
    )
    return kind.grade(parsed, variant)


def reference_text(variant: Variant) -> str:
    """The reference answer as a learner would type it."""
    kind = kind_module(variant.question.kind)
    return kind.reference(variant) if hasattr(kind, "reference") else as_text(variant.answer)


def shown_answer(variant: Variant) -> str:
    """The reference as a learner reads it when it is revealed (numbers rounded as asked)."""
    kind = kind_module(variant.question.kind)
    return kind.shown(variant) if hasattr(kind, "shown") else reference_text(variant)


def wrong_answer_text(variant: Variant, value: object) -> str:
    kind = kind_module(variant.question.kind)
    if hasattr(kind, "wrong_text"):  # code: the wrong answer names a file
        return kind.wrong_text(variant, value)
    return kind.answer_text(value) if hasattr(kind, "answer_text") else as_text(value)


def read_answer_file(path: Path) -> str:
    from dltutor.files import read_user_file

    return read_user_file(path, "answer file")
