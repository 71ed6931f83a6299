"""check_steps(): each line of a derivation against the last readable line before it.

The comparison is mathexpr's bounded numeric equivalence on the declared
domains (no eval, never waits for the symbolic worker: confirm=0), so a
10-line derivation costs nine equivalence checks. Lines after the first break
are still compared with each other, so a learner sees whether the rest of
the work follows. Only the first break is diagnosed (diagnose() costs more
than a comparison and one named mistake is what a learner can act on).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dltutor.errors import AnswerFormatError

from .lines import Line, find_head, has_equals
from .model import DerivationCheck, Step

PER_LINE_SECONDS = 3.0  # mathexpr's bound for one comparison
TOTAL_SECONDS = 20.0  # the whole derivation: lines left after this are not compared


def check_steps(
    lines: list[Line],
    variables: Mapping[str, str],
    *,
    given: int = 0,
    function: Any = None,
    wrt: str | None = None,
) -> DerivationCheck:
    """Check a derivation. `given` first lines were written by the question.
    `function`/`wrt` say what is differentiated when no line starts `d/dx (…)`;
    they only help name a mistake, they are never a line to compare with."""
    if not lines:
        raise AnswerFormatError("the derivation is empty: write one expression per line")
    steps: list[Step] = []
    previous: Step | None = None
    deadline = time.monotonic() + TOTAL_SECONDS
    for index, line in enumerate(lines):
        step = read_line(line, variables, first=index == 0, given=index < given)
        if step.wrt is not None:
            function, wrt = step.expr, step.wrt
        if step.status != "unreadable":
            step = _compare(step, previous, variables, deadline) if previous else step
            previous = step
        steps.append(step)
    check = DerivationCheck(tuple(steps), dict(variables), function, wrt)
    return _diagnose_first_break(check)


def read_line(line: Line, variables: Mapping[str, str], *, first: bool, given: bool) -> Step:
    from dltutor.mathexpr import derivative, parse

    try:
        head = find_head(line.text)
        if head is not None and not first:
            raise AnswerFormatError(
                "only the first line may say d/dx (…); write what it equals here", 0, line.text
            )
        if head is not None:
            at = has_equals(head.body)
            if at is not None:
                raise AnswerFormatError(
                    "one expression per line: write what d/dx (…) equals on the next line",
                    head.body_offset + at,
                    line.text,
                )
            wrt = _variable(head.wrt, variables, line.text, head.body_offset)
            function = _parse_at(head.body, head.body_offset, line.text, variables)
            return Step(line.number, line.text, "start", given, function, derivative(function, wrt), wrt)
        at = has_equals(line.text)
        if at is not None:
            raise AnswerFormatError(
                "one expression per line: put each '=' step on a line of its own", at, line.text
            )
        expr = parse(line.text, variables)
        return Step(line.number, line.text, "start", given, expr, expr)
    except AnswerFormatError as exc:
        return Step(line.number, line.text, "unreadable", given, message=exc.message, position=exc.position)


def _parse_at(text: str, offset: int, line: str, variables: Mapping[str, str]) -> Any:
    from dltutor.mathexpr import parse

    try:
        return parse(text, variables)
    except AnswerFormatError as exc:
        where = None if exc.position is None else exc.position + offset
        raise AnswerFormatError(exc.message, where, line) from None


def _variable(name: str, variables: Mapping[str, str], line: str, offset: int) -> str:
    """The declared variable `name` stands for (d/dθ and d/dtheta are the same)."""
    from dltutor.mathexpr import parse

    try:
        symbol = parse(name, variables)
    except AnswerFormatError:
        symbol = None
    if symbol is None or not symbol.is_Symbol:
        known = ", ".join(variables) or "none"
        raise AnswerFormatError(
            f"d/d{name}: {name} is not a variable here (variables: {known})", max(offset - 1, 0), line
        )
    return symbol.name


def _compare(step: Step, previous: Step, variables: Mapping[str, str], deadline: float) -> Step:
    from dltutor.mathexpr import equivalent

    left = min(PER_LINE_SECONDS, deadline - time.monotonic())
    if left <= 0.05:
        return replace(
            step,
            status="undecided",
            compared_with=previous.line,
            message=f"line {step.line} was not compared: the derivation took too long to check; shorten it",
        )
    result = equivalent(step.value, previous.value, dict(variables), timeout=left, confirm=0)
    if result.method == "undecided":
        return replace(
            step,
            status="undecided",
            compared_with=previous.line,
            message=f"line {step.line} and line {previous.line} could not be "
            "evaluated reliably at any point tried; write them more simply",
        )
    if result.equal:
        return replace(step, status="equal", compared_with=previous.line)
    return replace(
        step,
        status="differs",
        compared_with=previous.line,
        counterexample=result.counterexample,
        this_value=result.answer_value,
        previous_value=result.reference_value,
    )


def _diagnose_first_break(check: DerivationCheck) -> DerivationCheck:
    from dltutor.mathexpr import diagnose

    brk = check.first_break
    if brk is None:
        return check
    previous = next(s for s in check.steps if s.line == brk.compared_with)
    mistake = diagnose(brk.value, previous.value, check.variables, function=check.function, wrt=check.wrt)
    if mistake is None:
        return check
    named = replace(brk, mistake=mistake.name, message=mistake.message)
    steps = tuple(named if s is brk else s for s in check.steps)
    return replace(check, steps=steps)
