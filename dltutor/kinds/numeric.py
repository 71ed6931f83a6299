"""A number, graded by correct rounding (DESIGN §3).

Learners may type `42`, `-0.5`, `203,530`, `1e-3`, `1.5×10^-3`, `3/4`, `25%`,
a Unicode minus, or arithmetic read by the safe expression parser:
`50*256 + 256`, `(1/4)^10`, `0.25^10`, `ln(1000)` (read as shows the value).

A question declares `decimals: N` or `significant: N` when its answer is not
exact; the prompt's "Give it to N decimals." is generated from it
(`bank.variants`). An answer within half a unit of the last asked digit of the
reference is right: every correct rounding, both neighbours of a half-way tie,
and any more precise answer. Without a declared precision the answer is exact:
an integer, or a decimal of at most 4 significant digits (`bank validate`
checks this on every seed). All comparisons are exact (`kinds.rounding`).
`tolerance: {rel, abs}` is the older form, still read for other banks.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field, read_fields
from dltutor.errors import BankError
from dltutor.kinds.base import Verdict, check_answers_read, correct, incorrect
from dltutor.kinds.near_miss import near_miss
from dltutor.kinds.number_read import Number, read_number
from dltutor.kinds.numeric_proof import policy_problems
from dltutor.kinds.rounding import Precision, accepts, as_decimal_text, digits_after_point, rounded, snap

FIELDS = [
    Field("tolerance", (dict,), default={}),
    Field("decimals", (int,), default=None),
    Field("significant", (int,), default=None),
]
TOLERANCE_FIELDS = [Field("rel", (float, int)), Field("abs", (float, int))]


def precision(variant: Variant | Question) -> Precision:
    return Precision(variant.extra.get("decimals"), variant.extra.get("significant"))


def check(question: Question) -> None:
    decimals, significant = question.extra["decimals"], question.extra["significant"]
    where = (question.file, question.line)
    if decimals is not None and significant is not None:
        raise BankError(
            f"question '{question.id}': declare decimals or significant, not both", *where, "significant"
        )
    if question.extra["tolerance"] and (decimals is not None or significant is not None):
        raise BankError(
            f"question '{question.id}': a declared precision replaces tolerance; drop tolerance",
            *where,
            "tolerance",
        )
    if (decimals is not None and decimals < 0) or (significant is not None and significant < 1):
        raise BankError(
            f"question '{question.id}': decimals must be 0 or more, significant 1 or more",
            *where,
            "decimals" if decimals is not None else "significant",
        )
    if question.extra["tolerance"]:
        read_fields(question.extra["tolerance"], TOLERANCE_FIELDS, "tolerance", *where)
    if not question.params:
        check_answers_read(question, parse)


def parse(raw: str, variant: Variant | Question | None = None) -> Number:
    return read_number(raw)


def describe(parsed: Number, variant: Variant | None = None) -> str:
    return parsed.read_as


def reference_value(variant: Variant | Question) -> Fraction:
    """The reference as the author meant it: float noise snapped away (0, not -1.8e-16)."""
    return value_of(variant.answer, precision(variant))


def value_of(answer: Any, declared: Precision) -> Fraction:
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        return snap(answer, declared)
    return read_number(str(answer)).value


def grade(parsed: Number, variant: Variant) -> Verdict:
    declared, reference = precision(variant), reference_value(variant)
    same = _same(variant, declared)
    if same(parsed.value, reference):
        return correct(parsed.read_as)
    for wrong in variant.wrong:
        if same(parsed.value, value_of(wrong.answer, declared)):
            return incorrect(parsed.read_as, wrong.feedback, wrong.mistake)
    return incorrect(parsed.read_as, near_miss(parsed, reference, declared))


def _same(variant: Variant, declared: Precision) -> Callable[[Fraction, Fraction], bool]:
    """Whether an answer agrees with a known value (the reference or a listed wrong answer)
    at the question's precision; significant figures count from the known value's size."""
    given = variant.extra.get("tolerance")
    if given and declared.exact:  # the older form: relative or absolute, still exact arithmetic
        rel, abs_ = Fraction(str(given.get("rel", 0))), Fraction(str(given.get("abs", 0)))
        return lambda a, b: abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))
    return lambda answer, known: accepts(answer, known, declared)


def reference(variant: Variant) -> str:
    """The reference as a learner would type it in full (the grader's own input in validate)."""
    return as_decimal_text(reference_value(variant))


def answer_text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return as_decimal_text(snap(value, Precision()))
    return str(value)


def answer_number(variant: Variant) -> int | float:
    """The reference as a JSON number (`bank show`)."""
    value = reference_value(variant)
    return int(value) if value.denominator == 1 else float(value)


def shown(variant: Variant) -> str:
    """The reference as a learner reads it: rounded as asked; a tie names both neighbours."""
    value, declared = reference_value(variant), precision(variant)
    unit = declared.unit(value)
    if not unit:
        return as_decimal_text(value)
    places = digits_after_point(unit)
    up, down = (as_decimal_text(rounded(value, unit, half), places) for half in (True, False))
    if up == down:
        return up
    return f"{up} (or {down}: {as_decimal_text(value)} is half-way)"


def self_test(variant: Variant) -> list[str]:
    """`bank validate`: the rounding policy holds for this variant (see `numeric_proof`)."""
    if variant.extra.get("tolerance"):
        return []  # the older form promises no rounding policy
    return policy_problems(
        reference_value(variant),
        precision(variant),
        variant.question.prompt,
        lambda text: grade(parse(text), variant),
    )
