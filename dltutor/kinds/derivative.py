"""A derivative: authors write only the function; SymPy computes the reference.

Feedback can then name calculus mistakes: a missing chain-rule factor, a lost
product-rule term, the wrong variable, f instead of f', an antiderivative.
A multi-line answer is a derivation (dltutor.derivation): every line is checked
against the one before, and its last line is graded as a one-line answer.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field
from dltutor.errors import BankError
from dltutor.kinds.base import Verdict
from dltutor.kinds.symbolic import (
    GIVEN_STEPS,
    VARIABLES,
    check_given_steps,
    check_variables,
    grade_expression,
    read,
    variables,
)

COMPUTES_ANSWER = True  # from `function`, by SymPy
FIELDS = [VARIABLES, Field("function", (str,), True), Field("wrt", (str,)), GIVEN_STEPS]


def check(question: Question) -> None:
    check_variables(question)
    check_given_steps(question)
    if question.answer is not None:
        raise BankError(
            "a derivative question computes its answer from `function`; remove `answer`",
            question.file,
            question.line,
            "answer",
        )
    wrt = question.extra.get("wrt")
    names = variables(question)
    if wrt is None and len(names) != 1:
        raise BankError(
            "name the variable to differentiate by with `wrt`", question.file, question.line, "wrt"
        )
    if wrt is not None and wrt not in names:
        raise BankError(
            f"wrt '{wrt}' is not one of the variables {sorted(names)}", question.file, question.line, "wrt"
        )


def wrt_of(variant: Variant | Question) -> str:
    return variant.extra.get("wrt") or next(iter(variables(variant)))


def reference_expr(variant: Variant) -> Any:
    from dltutor.mathexpr import derivative

    return derivative(read(variant.extra["function"], variant), wrt_of(variant))


def reference(variant: Variant) -> str:
    return str(reference_expr(variant))


def parse(raw: str, variant: Variant) -> Any:
    from dltutor.derivation import is_derivation, read_derivation

    if is_derivation(raw, variant):
        return read_derivation(
            raw,
            variant,
            variables(variant),
            function=read(variant.extra["function"], variant),
            wrt=wrt_of(variant),
        )
    return read(raw, variant)


def grade(parsed: Any, variant: Variant) -> Verdict:
    from dltutor.derivation import DerivationCheck, grade_derivation

    if isinstance(parsed, DerivationCheck):
        return grade_derivation(parsed, variant, grade, "the derivative")
    return grade_expression(
        parsed,
        reference_expr(variant),
        variant,
        function=read(variant.extra["function"], variant),
        wrt=wrt_of(variant),
    )
