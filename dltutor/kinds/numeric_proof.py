"""The numeric self-test `bank validate` runs on every seed of every numeric question.

It grades answers a learner would type and compares the verdicts with the
policy of DESIGN §3:

- declared precision: the reference rounded half-up, rounded half-down, and
  given with three more digits is accepted; one unit off in the last asked
  digit, either way, is rejected;
- no declared precision: the reference is an integer or a decimal of at most
  EXACT_DIGITS significant digits (anything else is an authoring error: declare
  `decimals` or `significant`), its own digits are accepted and one unit off
  in its last digit is not;
- the prompt does not write its own "to 3 decimals": that sentence is generated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

from dltutor.kinds.base import Verdict
from dltutor.kinds.rounding import (
    EXACT_DIGITS,
    Precision,
    as_decimal_text,
    digits_after_point,
    exponent,
    rounded,
    significant_digits,
)

HAND_WRITTEN = re.compile(
    r"\bto (?:\d+|one|two|three|four|five|six) (?:decimals?|significant figures?)\b", re.I
)


def policy_problems(
    reference: Fraction, precision: Precision, prompt: str, grade_text: Callable[[str], Verdict]
) -> list[str]:
    written = HAND_WRITTEN.search(prompt)
    if written:
        return [
            (
                f"the prompt says '{written.group(0)}' itself: declare `decimals` or "
                "`significant` and drop it (the precision sentence is generated)"
            )
        ]
    if precision.exact:
        problem = _not_exact(reference)
        if problem:
            return [problem]
        accepted, rejected = _exact_cases(reference)
    elif precision.significant is not None and reference == 0:
        return ["the answer is 0, which has no significant figures: declare decimals instead"]
    else:
        accepted, rejected = _rounding_cases(reference, precision)
    problems = [
        f"the answer typed as {text!r} grades {verdict}, though {why}"
        for text, want, why in [*((t, True, w) for t, w in accepted), *((t, False, w) for t, w in rejected)]
        for verdict in [grade_text(text).verdict]
        if (verdict == "correct") != want
    ]
    return problems[:1]  # one is enough to find the fault


def _not_exact(reference: Fraction) -> str | None:
    if reference.denominator == 1:
        return None
    digits = significant_digits(reference)
    if digits is not None and digits <= EXACT_DIGITS:
        return None
    return (
        f"the answer {as_decimal_text(reference)} is not exact in {EXACT_DIGITS} significant "
        "digits, and the question declares no precision: add `decimals: N` or `significant: N`"
    )


def _exact_cases(reference: Fraction) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    places = 0
    while (reference * 10**places).denominator != 1:
        places += 1
    unit = Fraction(1, 10**places)
    same = [(as_decimal_text(reference), "it is the exact answer")]
    off = [
        (as_decimal_text(reference + step, places), "it is one unit off in the last digit")
        for step in (unit, -unit)
    ]
    return same, off


def _rounding_cases(
    reference: Fraction, precision: Precision
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    unit = precision.unit(reference)
    places = digits_after_point(unit)
    up, down = rounded(reference, unit, True), rounded(reference, unit, False)
    finer = rounded(reference, unit / 1000, True)
    accepted = [
        (_text(up, places), "it is the answer rounded half-up"),
        (_text(down, places), "it is the answer rounded half-down"),
        (_text(finer, places + 3), "it is the answer given with more digits"),
    ]
    high, low = max(up, down), min(up, down)  # half-up rounds away from 0 for negatives
    rejected = [
        (_text(high + unit, places), "it is one unit off in the last asked digit"),
        (_text(low - unit, places), "it is one unit off in the last asked digit"),
    ]
    return accepted, rejected


def _text(value: Fraction, places: int) -> str:
    """Plain digits, or scientific notation for very large or small values, as people type them."""
    if value != 0 and not -6 <= exponent(value) < 15:
        return as_decimal_text(value)
    return as_decimal_text(value, places)
