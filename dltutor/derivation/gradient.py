"""`check-gradient --steps`: a derivation file checked line by line, its last line graded.

The function comes from the first line (`d/dx (…)`, `∂/∂x (…)`,
`Derivative(…, x)`) or from the FUNCTION argument, never both. Its variables
are read off it (all real), as plain `check-gradient` does, and the last line
is graded by that same one-shot check, so both commands give one verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dltutor.errors import AnswerFormatError, DltutorError

from .check import check_steps
from .lines import Head, find_head, has_equals, split_lines
from .model import DerivationCheck, UnreadableStep
from .summary import summary

if TYPE_CHECKING:
    from dltutor.gradcheck import GradientCheck


@dataclass(frozen=True)
class GradientSteps:
    check: DerivationCheck
    graded: GradientCheck  # the last line's one-shot check
    feedback: str

    @property
    def correct(self) -> bool:
        return self.graded.verdict == "correct"


def check_derivation(text: str, function: str | None = None, wrt: str | None = None) -> GradientSteps:
    """Raises UnreadableStep (an AnswerFormatError) when a line cannot be read."""
    from dltutor.gradcheck import check_gradient

    lines = split_lines(text)
    if not lines:
        raise AnswerFormatError("the derivation is empty: write one expression per line")
    head = _head(lines[0].text)
    if head is not None and function is not None:
        raise DltutorError(
            "give the function once: either as FUNCTION or as the first line d/dx (…), not both"
        )
    if head is not None and wrt and wrt != head.wrt:
        raise DltutorError(
            f"--wrt {wrt} differs from the first line's d/d{head.wrt}: the first line names the variable"
        )
    source = head.body if head is not None else function
    if source is None:
        raise DltutorError(
            "say what is differentiated: start the derivation with d/dx (…), "
            "∂/∂x (…) or Derivative(…, x), or give the FUNCTION"
        )
    names = check_gradient(source).wrt  # the function's variables, as check-gradient reads them
    variables = dict.fromkeys(names, "real")
    wrt = head.wrt if head is not None else _one_variable(wrt, names)
    from dltutor.mathexpr import parse

    check = check_steps(
        lines, variables, function=parse(source, variables) if head is None else None, wrt=wrt
    )
    if check.unreadable is not None:
        raise UnreadableStep(check.unreadable, check)
    last = check.steps[-1]
    if last.wrt is not None:
        raise AnswerFormatError(
            "the derivation stops at d/dx (…): write the derivative on the lines after it",
            len(last.text),
            last.text,
        )
    graded = check_gradient(source, last.text, [check.wrt or wrt])
    return GradientSteps(check, graded, summary(check, graded.verdict == "correct", "the derivative"))


def _head(text: str) -> Head | None:
    try:
        head = find_head(text)
    except AnswerFormatError as exc:
        raise AnswerFormatError(f"line 1: {exc.message}", exc.position, exc.text) from None
    at = has_equals(head.body) if head is not None else None
    if head is not None and at is not None:  # the variables are read from it, so say it before that
        raise AnswerFormatError(
            "line 1: one expression per line: write what d/dx (…) equals on the next line",
            head.body_offset + at,
            text,
        )
    return head


def _one_variable(wrt: str | None, names: list[str]) -> str:
    if wrt:
        return wrt
    if len(names) != 1:
        raise DltutorError(
            f"the function has several variables ({', '.join(names)}): say which "
            "with --wrt, or start the derivation with d/dx (…)"
        )
    return names[0]
