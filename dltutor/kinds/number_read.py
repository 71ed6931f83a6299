"""Reading a learner's number exactly: plain numbers here, arithmetic through mathexpr.

Plain numbers (`42`, `-0.5`, `203,530`, `2.5e-3`, `1.5×10^-3`, `3/4`, `25%`)
are read with the standard library into a Fraction, keeping how many decimals
and significant digits were typed (the near-miss feedback needs them).
Anything else (`50*256 + 256`, `(1/4)^10`, `ln(1000)`) goes to the safe
expression parser with no variables, so SymPy is imported only then. A
rational result stays exact; an irrational one is evaluated to 40 digits,
which no question's precision comes near.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from dltutor.errors import AnswerFormatError
from dltutor.kinds.rounding import as_decimal_text, exponent, significant_digits

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?")
_TIMES_TEN = re.compile(r"\s*(?:x|\*|×|·)\s*10\s*(?:\^|\*\*)\s*\(?([+-]?\d+)\)?$")
MAX_EXPONENT = 400  # beyond float range either way; also keeps Fraction from building huge ints
SHOWN_DIGITS = 20  # read as shows an exact decimal up to this long: 0.25^10 = 9.5367431640625e-7
EVAL_DIGITS = 40  # an irrational answer's digits: far past any asked precision
EVAL_SECONDS = 2.0  # sin(exp(exp(20))) would make SymPy work for hours to get its digits
EXAMPLES = "type e.g. 0.25, 1/4, 2.5e-3 or 50*256 + 256"


@dataclass(frozen=True)
class Number:
    """An answer as read: its exact value and how it was written."""

    value: Fraction
    read_as: str
    decimals: int | None = None  # digits typed after the point (plain decimals only)
    figures: int | None = None  # significant digits typed (plain decimals only)

    def __float__(self) -> float:
        return float(self.value)


def read_number(raw: str) -> Number:
    text = raw.strip().replace("−", "-").replace("–", "-")
    if not text:
        raise AnswerFormatError(f"type a number: {EXAMPLES}")
    if re.search(r"\d\s+\d", text):
        raise AnswerFormatError("type one number (no spaces inside it)")
    percent = text.endswith("%")
    body = text[:-1].strip() if percent else text
    number = _plain(body.lower().replace(" ", "")) or _arithmetic(body, raw)
    if percent:
        value = number.value / 100
        return Number(value, f"{text} {_equals(value, True)}")
    return number


def _plain(text: str) -> Number | None:
    """A number the standard library reads, or None to try arithmetic."""
    scale = 0
    power = _TIMES_TEN.search(text)
    if power:
        text, scale = text[: power.start()], int(power.group(1))
        if abs(scale) > MAX_EXPONENT:
            raise AnswerFormatError("that number is too large or too small to be an answer here")
    top, slash, bottom = text.partition("/")
    if not _is_plain(top) or (slash and not _is_plain(bottom)):
        if "," in text and "(" not in text:  # 1,00 or 2,5: a decimal comma or a typo, not a list
            raise AnswerFormatError(
                f"'{text}' is not a number; write 2.5 for two and a half, and thousands as 203,530 or 203530"
            )
        return None
    numerator = _decimal(top)
    shifted = numerator.scaleb(scale)
    if slash:
        denominator = _decimal(bottom)
        if denominator == 0:
            raise AnswerFormatError("division by zero in the answer")
        value = Fraction(shifted) / Fraction(denominator)
        return Number(value, f"{top}/{bottom} {_equals(value, True)}")
    places = shifted.as_tuple().exponent
    assert isinstance(places, int)  # a finite number: only NaN and infinities have a letter here
    decimals = max(0, -places)
    figures = len(shifted.as_tuple().digits) if shifted else None
    value = Fraction(shifted)
    typed = format(shifted, "f") if value == 0 or -6 <= exponent(value) < 15 else as_decimal_text(value)
    return Number(value, typed, decimals, figures)  # read as keeps the typed zeros: 9.690


def _is_plain(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text) and re.search(r"\d", text))


def _decimal(text: str) -> Decimal:
    exponent_part = re.search(r"e([+-]?\d+)$", text)
    if exponent_part and abs(int(exponent_part.group(1))) > MAX_EXPONENT:
        raise AnswerFormatError("that number is too large or too small to be an answer here")
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise AnswerFormatError(f"'{text}' is not a number this tutor can read") from None


def _arithmetic(text: str, raw: str) -> Number:
    if re.search(r"\d\.?e$", text.lower()):  # 1e is a lost exponent, not 1·e
        raise AnswerFormatError(f"'{raw.strip()}' is missing its exponent: 1e3 means 1000")
    from dltutor.mathexpr import ExprFormatError, parse

    try:
        expr = parse(text, [])
    except ExprFormatError as exc:
        raise AnswerFormatError(
            f"'{raw.strip()}' is not a number: {exc.message}; {EXAMPLES}", exc.position, raw
        ) from None
    except (ValueError, OverflowError, RecursionError):
        raise AnswerFormatError("that number is too large to read") from None
    value, exact = _value_of(expr)
    if value != 0 and abs(exponent(value)) > MAX_EXPONENT:
        raise AnswerFormatError("that number is too large or too small to be an answer here")
    return Number(value, f"{text} {_equals(value, exact)}")


def _equals(value: Fraction, exact: bool) -> str:
    """`= 0.75` for a short exact decimal, `≈ 2.166666667` for anything longer."""
    if exact and significant_digits(value, SHOWN_DIGITS) is not None:
        return f"= {as_decimal_text(value)}"
    return "≈ " + format(float(value), ".10g")


def _value_of(expr: object) -> tuple[Fraction, bool]:
    """The exact value of a rational, or 40 digits of any other real number."""
    import sympy

    if isinstance(expr, sympy.Rational):
        if max(abs(expr.p), expr.q).bit_length() > 4 * MAX_EXPONENT:
            raise AnswerFormatError("that number is too large or too small to be an answer here")
        return Fraction(int(expr.p), int(expr.q)), True
    if not getattr(expr, "is_number", False):
        raise AnswerFormatError(f"the answer is a number, not a formula; {EXAMPLES}")
    with _time_bound(EVAL_SECONDS):
        approx = sympy.N(expr, EVAL_DIGITS)
    if not isinstance(approx, sympy.Float) or not approx.is_finite:
        raise AnswerFormatError("that is not a real number")
    _sign, mantissa, power, bits = approx._mpf_  # check the size before building digits:
    if mantissa and abs(power + bits) > 4 * MAX_EXPONENT:  # exp(exp(100)) has 10^43 of them
        raise AnswerFormatError("that number is too large or too small to be an answer here")
    return Fraction(str(approx)), False


@contextmanager
def _time_bound(seconds: float) -> Iterator[None]:
    """Give up evaluating after `seconds` (main thread only: signals; elsewhere unbounded)."""
    from dltutor.timelimit import time_limit

    with time_limit(
        seconds, lambda: AnswerFormatError("that expression takes too long to evaluate; type its value")
    ):
        yield
