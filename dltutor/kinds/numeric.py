"""A number, within a relative and absolute tolerance.

Accepted: `42`, `-0.5`, `203,530`, `1e-3`, `1.5×10^-3`, `3/4`, Unicode minus.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field, read_fields
from dltutor.errors import AnswerFormatError
from dltutor.kinds.base import Verdict, check_answers_read, grade_against_known

FIELDS = [Field("tolerance", (dict,), default={}),
          # the declared precision (DESIGN §3): the prompt's "to N decimals" comes from it
          Field("decimals", (int,), default=None), Field("significant", (int,), default=None)]
TOLERANCE_FIELDS = [Field("rel", (float,)), Field("abs", (float,))]
_DEFAULT_REL = 1e-9  # exact unless the author allows rounding: 203,500 is not 203,530
_NUMBER = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?"
_MAX_EXPONENT = 400  # beyond float range either way; also keeps Fraction from building huge ints
_TIMES_TEN = re.compile(r"\s*(?:x|\*|×|·)\s*10\s*(?:\^|\*\*)\s*\(?([+-]?\d+)\)?$")


def tolerance(variant: Variant | Question) -> tuple[float, float]:
    decimals, significant = variant.extra.get("decimals"), variant.extra.get("significant")
    if decimals is not None:  # interim: half a unit of the last digit, widened by a hair
        return 0.0, 0.5 * 10.0 ** -decimals * (1 + 1e-9)
    if significant is not None:
        return 0.5 * 10.0 ** (1 - significant) * (1 + 1e-9), 0.0
    given = variant.extra["tolerance"] or {}
    return float(given.get("rel", _DEFAULT_REL)), float(given.get("abs", 0.0))


def check(question: Question) -> None:
    if question.extra["tolerance"]:
        read_fields(question.extra["tolerance"], TOLERANCE_FIELDS, "tolerance", question.file,
                    question.line)
    if not question.params:
        check_answers_read(question, parse)


def parse(raw: str, variant: Variant | Question | None = None) -> float:
    text = raw.strip().replace("−", "-").replace("–", "-").lower()
    if not text:
        raise AnswerFormatError("type a number, e.g. 0.25, 1/4 or 2.5e-3")
    if re.search(r"[\d.]\s+[\d.]", text):
        raise AnswerFormatError("type one number (no spaces inside it)")
    text = text.replace(" ", "")
    scale = 0
    power = _TIMES_TEN.search(text)
    if power:
        text, scale = text[:power.start()], int(power.group(1))
        if abs(scale) > _MAX_EXPONENT:
            raise AnswerFormatError("that number is too large or too small to be an answer here")
    numerator, slash, denominator = text.partition("/")
    value = _plain(numerator, raw)
    if slash:
        bottom = _plain(denominator, raw)
        if bottom == 0:
            raise AnswerFormatError("division by zero in the answer")
        value = value / bottom
    result = float(value) * 10.0 ** scale
    if not math.isfinite(result):
        raise AnswerFormatError("that number is too large")
    return result


def _plain(text: str, raw: str) -> Fraction:
    if not re.fullmatch(_NUMBER, text) or not re.search(r"\d", text):
        raise AnswerFormatError(f"'{raw.strip()}' is not a number; type e.g. 0.25, 1/4 or 2.5e-3")
    exponent = re.search(r"e([+-]?\d+)$", text)
    if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
        raise AnswerFormatError("that number is too large or too small to be an answer here")
    try:
        return Fraction(text.replace(",", ""))
    except (ValueError, OverflowError):
        raise AnswerFormatError(f"'{raw.strip()}' is not a number this tutor can read") from None


def close(a: float, b: float, rel: float, abs_: float) -> bool:
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b))) + 1e-300


def describe(parsed: float, variant: Variant | None = None) -> str:
    return format(parsed, ".10g")


def grade(parsed: float, variant: Variant) -> Verdict:
    rel, abs_ = tolerance(variant)
    return grade_against_known(parsed, variant, parse,
                               lambda a, b, _: close(a, b, rel, abs_), describe(parsed))
