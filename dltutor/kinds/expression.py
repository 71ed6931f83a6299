"""Any expression equal to the reference: `σ(x)(1-σ(x))` or `1/(4cosh(x/2)^2)`.

A multi-line answer is a derivation (dltutor.derivation): every line is checked
against the one before, and its last line is graded as a one-line answer.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.errors import BankError
from dltutor.kinds.base import Verdict, as_text
from dltutor.kinds.symbolic import (
    GIVEN_STEPS,
    VARIABLES,
    check_given_steps,
    check_variables,
    grade_expression,
    read,
    variables,
)

FIELDS = [VARIABLES, GIVEN_STEPS]


def check(question: Question) -> None:
    check_variables(question)
    check_given_steps(question)
    if question.answer is None:
        raise BankError("an expression question needs its answer", question.file, question.line, "answer")


def parse(raw: str, variant: Variant) -> Any:
    from dltutor.derivation import is_derivation, read_derivation

    if is_derivation(raw, variant):
        return read_derivation(raw, variant, variables(variant))
    return read(raw, variant)


def reference(variant: Variant) -> str:
    return as_text(variant.answer)


def grade(parsed: Any, variant: Variant) -> Verdict:
    from dltutor.derivation import DerivationCheck, grade_derivation

    if isinstance(parsed, DerivationCheck):
        return grade_derivation(parsed, variant, grade, "the answer")
    return grade_expression(parsed, read(reference(variant), variant), variant)
