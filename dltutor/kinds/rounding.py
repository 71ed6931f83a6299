"""The rounding policy of numeric answers (DESIGN §3), decided in exact arithmetic.

A reference is exact (no precision declared) or asks for `decimals` or
`significant` figures. An answer is accepted when it lies within half a unit of
the last asked digit of the reference: every correct rounding passes (both
neighbours of a half-way tie), and so does a more precise answer. An exact
reference accepts only its own value.

References come from float arithmetic, so they are snapped first: to
SNAP_DIGITS significant digits (9.6875000000000002 is the tie 9.6875), and,
unless figures are asked, to zero below ZERO_NOISE (-1.8e-16 is 0). Learners'
answers are never snapped: their digits are compared as typed, as Fractions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache

SNAP_DIGITS = 12  # float arithmetic keeps ~15 good digits; 12 leaves room for accumulated error
ZERO_NOISE = Fraction(1, 10**12)  # a reference this close to 0 is 0 (noise of cancelling terms)
EXACT_DIGITS = 4  # an exact non-integer reference has at most this many significant digits


@dataclass(frozen=True)
class Precision:
    decimals: int | None = None
    significant: int | None = None

    @property
    def exact(self) -> bool:
        return self.decimals is None and self.significant is None

    def unit(self, reference: Fraction) -> Fraction:
        """One unit of the last asked digit (0 for exact references and a 0 asked in figures)."""
        if self.decimals is not None:
            return Fraction(1, 10**self.decimals)
        if self.significant is None or reference == 0:
            return Fraction(0)
        return Fraction(10) ** (exponent(reference) - self.significant + 1)

    def sentence(self) -> str | None:
        """The prompt's precision sentence, generated so prompt and grader agree."""
        if self.decimals == 0:
            return "Round it to a whole number."
        if self.decimals is not None:
            return f"Give it to {plural(self.decimals, 'decimal')}."
        if self.significant is not None:
            return f"Give it to {plural(self.significant, 'significant figure')}."
        return None


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def exponent(value: Fraction) -> int:
    """floor(log10 |value|) for a non-zero value, exactly (integer arithmetic: validate calls
    this on every graded answer)."""
    top, bottom = abs(value.numerator), value.denominator
    # bit lengths, not str(): a 5000-digit int has no str() by default
    guess = (top.bit_length() - bottom.bit_length()) * 30103 // 100000
    while not _at_least(top, bottom, guess):
        guess -= 1
    while _at_least(top, bottom, guess + 1):
        guess += 1
    return guess


def _at_least(top: int, bottom: int, power: int) -> bool:
    """top/bottom >= 10**power."""
    return top >= bottom * 10**power if power >= 0 else top * 10**-power >= bottom


def snap(value: int | float | Fraction, precision: Precision) -> Fraction:
    """The reference an author meant, without the noise of float arithmetic."""
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    return _snap_float(value, precision.significant is None)


@lru_cache(maxsize=4096)  # every grade snaps the reference and each wrong answer again
def _snap_float(value: float, near_zero_is_zero: bool) -> Fraction:
    with localcontext() as ctx:
        ctx.prec = SNAP_DIGITS
        snapped = Fraction(+Decimal(repr(value)))
    if near_zero_is_zero and abs(snapped) < ZERO_NOISE:
        return Fraction(0)
    return snapped


def accepts(answer: Fraction, reference: Fraction, precision: Precision) -> bool:
    return abs(answer - reference) <= precision.unit(reference) / 2


def rounded(reference: Fraction, unit: Fraction, half_up: bool = True) -> Fraction:
    """The reference rounded to a multiple of `unit`; a tie goes away from or towards 0."""
    if unit == 0:
        return reference
    quotient = reference / unit
    whole, rest = divmod(abs(quotient.numerator), quotient.denominator)
    twice = 2 * rest
    up = twice > quotient.denominator or (twice == quotient.denominator and half_up)
    magnitude = whole + (1 if up else 0)
    return (magnitude if quotient >= 0 else -magnitude) * unit


def truncated(value: Fraction, unit: Fraction) -> Fraction:
    whole = abs(value) // unit
    return (whole if value >= 0 else -whole) * unit


def digits_after_point(unit: Fraction) -> int:
    """How many decimals a multiple of `unit` (a power of ten) needs."""
    return max(0, -exponent(unit)) if unit else 0


def as_decimal_text(value: Fraction, decimals: int | None = None) -> str:
    """A decimal as a learner writes it: `9.688`, `0`, `8.67e-19`; exact when `decimals` is None
    and the value is a finite decimal, else rounded to SNAP_DIGITS significant digits."""
    if value == 0:
        return "0"
    if decimals is not None:
        with localcontext() as ctx:
            ctx.prec = 1000  # quantize needs room for every digit of a large multiple
            text = format(_decimal(value).quantize(Decimal(1).scaleb(-decimals)), "f")
        return "0" if not text.strip("-0.") else text
    number = _decimal(value).normalize()
    size = exponent(value)
    return format(number, "f") if -6 <= size < 15 else format(number, "e").replace("e+", "e")


def _decimal(value: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 40
        return Decimal(value.numerator) / Decimal(value.denominator)


def significant_digits(value: Fraction, limit: int = SNAP_DIGITS) -> int | None:
    """How many significant digits the value needs, or None if it is no finite decimal
    within `limit` digits."""
    if value == 0:
        return 1
    bottom, places = value.denominator, 0
    while bottom % 10 == 0:
        bottom, places = bottom // 10, places + 1
    while bottom % 2 == 0 or bottom % 5 == 0:  # 1/8 needs 3 decimals, 1/5 one
        bottom, places = bottom // (2 if bottom % 2 == 0 else 5), places + 1
    if bottom != 1:
        return None  # a repeating decimal
    digits = abs(value.numerator * 10**places // value.denominator)
    while digits % 10 == 0:
        digits //= 10
    count = len(str(digits)) if digits.bit_length() < 4 * limit else limit + 1
    return count if count <= limit else None
