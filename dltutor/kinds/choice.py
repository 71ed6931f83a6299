"""Multiple choice, single or multiple answer, answered with letters: `b` or `a, c`."""

from __future__ import annotations

import re
import string

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field
from dltutor.errors import AnswerFormatError, BankError
from dltutor.kinds.base import Verdict, check_answers_read, grade_against_known

FIELDS = [Field("choices", (list,), True, items=(str, int, float)), Field("multiple", (bool,), default=None)]
_SPLIT = re.compile(r"[\s,;/&]+|\band\b")


def letters(variant: Variant | Question) -> str:
    return string.ascii_lowercase[: len(variant.extra["choices"])]


def is_multiple(variant: Variant | Question) -> bool:
    if variant.extra.get("multiple") is not None:
        return bool(variant.extra["multiple"])
    return isinstance(variant.answer, list) and len(variant.answer) > 1


def check(question: Question) -> None:
    if not 2 <= len(question.extra["choices"]) <= 26:
        raise BankError("a choice question needs 2 to 26 choices", question.file, question.line, "choices")
    check_answers_read(question, parse)


def parse(raw: str, variant: Variant | Question) -> frozenset[str]:
    text = raw.strip().lower()
    tokens = [t.strip(").") for t in _SPLIT.split(text) if t.strip(").")]
    if not tokens:
        raise AnswerFormatError(f"answer with a letter from {_span(variant)}")
    picked = frozenset(letter for token in tokens for letter in _letters(token, variant))
    if len(picked) > 1 and not is_multiple(variant):
        raise AnswerFormatError("pick exactly one letter")
    return picked


def _letters(token: str, variant: Variant | Question) -> list[str]:
    valid = letters(variant)
    if token.isdigit() and 1 <= int(token) <= len(valid):
        return [valid[int(token) - 1]]
    if len(token) == 1 and token in valid:
        return [token]
    if len(token) > 1 and all(ch in valid for ch in token):  # "acde" for a, c, d and e
        if not is_multiple(variant):
            raise AnswerFormatError("pick exactly one letter")
        if len(set(token)) < len(token):
            raise AnswerFormatError(
                f"'{token}' names a letter twice; separate letters with commas, e.g. a, c"
            )
        return list(token)
    raise AnswerFormatError(f"'{token}' is not a choice; answer with a letter from {_span(variant)}")


def _span(variant: Variant | Question) -> str:
    valid = letters(variant)
    return f"{valid[0]} to {valid[-1]}"


def describe(parsed: frozenset[str], variant: Variant) -> str:
    choices = variant.extra["choices"]
    return "; ".join(f"{letter}) {choices[ord(letter) - 97]}" for letter in sorted(parsed))


def _missing_or_extra(parsed: frozenset[str], expected: frozenset[str]) -> str | None:
    if len(expected) < 2:
        return None
    missing, extra = len(expected - parsed), len(parsed - expected)
    return f"{missing} correct choice(s) missing, {extra} wrong choice(s) picked."


def grade(parsed: frozenset[str], variant: Variant) -> Verdict:
    return grade_against_known(
        parsed, variant, parse, lambda a, b, _: a == b, describe(parsed, variant), _missing_or_extra
    )
