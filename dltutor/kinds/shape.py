"""A tensor shape: `(8, 16, 112, 112)`, `[8, 16]`, `8x16`, `torch.Size([8, 16])`, `()`."""

from __future__ import annotations

import re

from dltutor.bank.models import Question, Variant
from dltutor.errors import AnswerFormatError
from dltutor.kinds.base import Verdict, check_answers_read, grade_against_known

FIELDS: list = []
_WRAPPER = re.compile(r"^(?:torch\.)?size\s*\(\s*(.*)\s*\)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:,|×|\bx\b|\*)\s*|\s+")


def check(question: Question) -> None:
    if question.params:
        return  # checked per variant by `bank validate`
    check_answers_read(question, parse)


def parse(raw: str, variant: Variant | Question | None = None) -> tuple[int, ...]:
    text = raw.strip()
    wrapped = _WRAPPER.match(text)
    if wrapped:
        text = wrapped.group(1).strip()
    if text[:1] + text[-1:] in ("()", "[]"):
        text = text[1:-1].strip()
    elif text[:1] in "([" or text[-1:] in ")]":
        raise AnswerFormatError("unbalanced brackets; write a shape like (8, 16, 112, 112)")
    text = re.sub(r"(?<=\d)x(?=\d)", " x ", text.lower())
    parts = [p for p in _SEPARATORS.split(text) if p] if text else []
    bad = [p for p in parts if not p.isdigit()]
    if bad:
        raise AnswerFormatError(f"'{bad[0]}' is not a whole number; write a shape like (8, 16, 112, 112)")
    return tuple(int(p) for p in parts)


def describe(parsed: tuple[int, ...], variant: Variant | None = None) -> str:
    return "(" + ", ".join(map(str, parsed)) + ("," if len(parsed) == 1 else "") + ")"


def _rank_hint(parsed: tuple[int, ...], expected: tuple[int, ...]) -> str | None:
    if len(parsed) != len(expected):
        return f"The shape should have {len(expected)} dimensions; yours has {len(parsed)}."
    return None


def grade(parsed: tuple[int, ...], variant: Variant) -> Verdict:
    return grade_against_known(parsed, variant, parse, lambda a, b, _: a == b, describe(parsed), _rank_hint)
