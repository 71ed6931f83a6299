"""What the symbolic kinds share: declared variables, and grading one expression.

An answer is right when it equals the reference as a function on the declared
domains (dltutor.mathexpr decides, numerically, never by eval). A wrong answer
that matches a listed one gets its feedback; otherwise the mistake is named
when one fits, and a point where the two differ is given as evidence.
SymPy is imported only when an answer is read, never when a bank is loaded.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.bank.schema import Field
from dltutor.errors import AnswerFormatError, BankError
from dltutor.kinds.base import Verdict, as_text, correct, incorrect

VARIABLES = Field("variables", (dict,), default=None)
# the first lines of a derivation the learner continues (derivative and expression questions)
GIVEN_STEPS = Field("given_steps", (list,), default=None, items=(str,))
DEFAULT_VARIABLES = {"x": "real"}


def variables(item: Variant | Question) -> dict[str, str]:
    return dict(item.extra.get("variables") or DEFAULT_VARIABLES)


def check_variables(question: Question) -> None:
    for name, domain in variables(question).items():
        if not isinstance(name, str) or not isinstance(domain, str):
            raise BankError(
                "variables map each name to a domain such as real, positive or '(0, 1)'",
                question.file,
                question.line,
                "variables",
            )


def check_given_steps(question: Question) -> None:
    """Shape only (loading a bank must stay cheap): that the steps hold is proved by
    grading the reference through them, which `bank validate` does."""
    steps = question.extra.get("given_steps")
    if steps is not None and (not steps or any(not s.strip() or "\n" in s for s in steps)):
        raise BankError(
            "given_steps is a list of lines, one expression each (the first may be d/dx (…))",
            question.file,
            question.line,
            "given_steps",
        )


def read(text: str, item: Variant | Question) -> Any:
    from dltutor.mathexpr import parse

    return parse(text, variables(item))


def decided(result: Any) -> Any:
    """An undecidable comparison is no verdict: never call a right answer wrong."""
    if result.method == "undecided":
        raise AnswerFormatError(
            "this form could not be evaluated reliably at any point tried "
            "(it cancels exactly, overflows or is undefined there); write "
            "it in a simpler form"
        )
    return result


def evidence(result: Any) -> dict[str, Any]:
    if result.counterexample is None:
        return {}
    return {
        "counterexample": result.counterexample,
        "answer_value": result.answer_value,
        "reference_value": result.reference_value,
    }


def read_as(expr: Any) -> dict[str, Any]:
    from dltutor.mathexpr import pretty

    return {"read_as_pretty": pretty(expr)}


def grade_expression(
    parsed: Any, reference: Any, variant: Variant, *, function: Any = None, wrt: str | None = None
) -> Verdict:
    from dltutor.mathexpr import diagnose, equivalent

    names = variables(variant)
    result = decided(equivalent(parsed, reference, names))
    if result.equal:
        return Verdict("correct", 1.0, str(parsed), evidence=read_as(parsed))
    for wrong in variant.wrong:
        if equivalent(parsed, read(as_text(wrong.answer), variant), names).equal:
            return incorrect(
                str(parsed), wrong.feedback, wrong.mistake, **evidence(result), **read_as(parsed)
            )
    mistake = diagnose(parsed, reference, names, function=function, wrt=wrt)
    return incorrect(
        str(parsed),
        mistake.message if mistake else None,
        mistake.name if mistake else None,
        **evidence(result),
        **read_as(parsed),
    )


__all__ = [
    "VARIABLES",
    "GIVEN_STEPS",
    "check_given_steps",
    "check_variables",
    "correct",
    "grade_expression",
    "read",
    "variables",
]
