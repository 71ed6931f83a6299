"""What a wrong number is near, for the feedback when no listed mistake explains it.

In order: off by a power of ten (a percentage, a slipped decimal point), the
right size with the wrong sign, cut off instead of rounded, a rounded answer
to an exact question, and right to fewer decimals or figures than asked. The
messages say what kind of slip it is and never give the answer away.
"""

from __future__ import annotations

from fractions import Fraction

from dltutor.kinds.number_read import Number
from dltutor.kinds.rounding import (
    Precision,
    accepts,
    exponent,
    plural,
    rounded,
    significant_digits,
    truncated,
)

_FACTORS = {
    100: "a percentage?",
    1000: "check the decimal point (or a unit: milli, kilo)?",
    10: "check the decimal point.",
}
_SAME_SIZE = Fraction(1, 100)  # a factor is named only when the rest agrees to 1 %


def near_miss(answer: Number, reference: Fraction, precision: Precision) -> str | None:
    x, r = answer.value, reference
    if r == 0 or x == 0:
        return None
    for check in (_power_of_ten, _sign, _cut_off, _rounded_exact, _fewer_digits):
        message = check(answer, r, precision)
        if message:
            return message
    return None


def _power_of_ten(answer: Number, r: Fraction, precision: Precision) -> str | None:
    for factor, why in _FACTORS.items():
        for scale in (Fraction(factor), Fraction(1, factor)):
            if abs(answer.value / (scale * r) - 1) <= _SAME_SIZE:
                return f"Off by a factor of {factor}: {why}"
    return None


def _sign(answer: Number, r: Fraction, precision: Precision) -> str | None:
    if accepts(-answer.value, r, precision):
        return "Right size, wrong sign."
    return None


def _cut_off(answer: Number, r: Fraction, precision: Precision) -> str | None:
    typed = answer.decimals
    if typed is None or (precision.exact and significant_digits(r) is not None and typed >= _decimals_of(r)):
        return None
    unit = Fraction(1, 10**typed)
    if answer.value == truncated(r, unit) and answer.value not in _roundings(r, unit):
        return "Cut off rather than rounded? Round the last digit up when the next one is 5 or more."
    return None


def _rounded_exact(answer: Number, r: Fraction, precision: Precision) -> str | None:
    figures, needed = significant_digits(answer.value), significant_digits(r)
    if not precision.exact or figures is None or needed is None or figures >= needed:
        return None
    unit = Fraction(10) ** (exponent(r) - figures + 1)
    if answer.value in _roundings(r, unit):
        return "This answer is exact: give all its digits, without rounding."
    return None


def _fewer_digits(answer: Number, r: Fraction, precision: Precision) -> str | None:
    if precision.decimals is not None:
        asked, noun = precision.decimals, "decimal"
        unit_at = lambda k: Fraction(1, 10**k)  # noqa: E731
    elif precision.significant is not None:
        asked, noun = precision.significant, "significant figure"
        unit_at = lambda k: Fraction(10) ** (exponent(r) - k + 1)  # noqa: E731
    else:
        return None
    agree = next((k for k in range(asked - 1, 0, -1) if abs(answer.value - r) <= unit_at(k) / 2), None)
    if agree is None:
        return None
    typed = answer.decimals if precision.decimals is not None else answer.figures
    if typed is not None and typed < asked:
        return f"Right to {plural(agree, noun)}; the question asks for {asked}."
    return f"Right to {plural(agree, noun)}, not to {asked}: check the last digits."


def _roundings(r: Fraction, unit: Fraction) -> set[Fraction]:
    return {rounded(r, unit, half_up=True), rounded(r, unit, half_up=False)}


def _decimals_of(r: Fraction) -> int:
    k = 0
    while (r * 10**k).denominator != 1:
        k += 1
    return k
