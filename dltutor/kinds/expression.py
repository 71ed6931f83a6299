"""Any expression equal to the reference: `σ(x)(1-σ(x))` or `1/(4cosh(x/2)^2)`."""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.errors import BankError
from dltutor.kinds.base import Verdict, as_text
from dltutor.kinds.symbolic import VARIABLES, check_variables, grade_expression, read

FIELDS = [VARIABLES]


def check(question: Question) -> None:
    check_variables(question)
    if question.answer is None:
        raise BankError("an expression question needs its answer", question.file, question.line,
                        "answer")


def parse(raw: str, variant: Variant) -> Any:
    return read(raw, variant)


def reference(variant: Variant) -> str:
    return as_text(variant.answer)


def grade(parsed: Any, variant: Variant) -> Verdict:
    return grade_expression(parsed, read(reference(variant), variant), variant)
