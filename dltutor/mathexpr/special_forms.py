"""The characters that are more than a one-for-one swap: superscript runs, √,
|x|, accents and braced subscripts (helpers of normalise.Reader).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from . import latex
from .normalise_text import Text, fail
from .unicode_forms import ACCENTS, ALLOWED, GREEK, SUPERSCRIPT, TRANSPOSE

if TYPE_CHECKING:
    from .normalise import Reader


def subscript_group(self: Reader, i: int) -> int:
    """x_{1} -> x_1, w_{ij} -> w_ij: a subscript is part of the name."""
    start, stop, after = latex.group(self, i + 1)
    text = self.raw[start:stop].replace(" ", "")
    if not text.isalnum() or not text.isascii():
        raise self.fail("a subscript in braces may hold only letters and digits", start)
    self.out.emit("_" + text, i)
    return after


def superscript(self: Reader, i: int) -> int:
    """x²³ -> x**(23); e⁻ˣ -> e**(-x); xᵀ -> x**_T (the transpose marker)."""
    raw, j = self.raw, i
    if raw[i] == TRANSPOSE:
        self.out.emit("**_T", i)
        return i + 1
    while j < len(raw) and raw[j] in SUPERSCRIPT:
        j += 1
    self.out.emit("**(", i)
    for k in range(i, j):
        self.out.emit(SUPERSCRIPT[raw[k]], k)
    self.out.emit(")", j - 1)
    return j


def accent(self: Reader, i: int) -> None:
    """ŷ (one character or y + U+0302) -> yhat; x̄ -> xbar."""
    c = self.raw[i]
    base, marks = (
        (c[:0], c)
        if c in ACCENTS
        else (unicodedata.normalize("NFD", c)[0], unicodedata.normalize("NFD", c)[1:])
    )
    if c in ACCENTS and not self.out.text[-1:].isalpha():
        raise self.fail(f"accent U+{ord(c):04X} is not on a letter", i)
    self.out.emit(GREEK.get(base, base) + "".join(ACCENTS[m] for m in marks), i)


def accented(c: str) -> bool:
    """A precomposed letter with accents we know (ŷ, ā), whose base is a Latin or Greek letter."""
    parts = unicodedata.normalize("NFD", c)
    return (
        len(parts) > 1
        and (parts[0] in ALLOWED or parts[0] in GREEK)
        and parts[0].isalpha()
        and all(m in ACCENTS for m in parts[1:])
    )


def root(raw: str, i: int, out: Text) -> int:
    """√(x+1) -> sqrt(x+1); √x, √2, √α -> sqrt(x) etc. (one name or number)."""
    j = i + 1
    while j < len(raw) and raw[j] == " ":
        j += 1
    if j < len(raw) and raw[j] == "(":
        out.emit(" sqrt", i)  # the space: ln√x must not read as the name lnsqrt
        return j
    k = j
    while k < len(raw) and (raw[k].isalnum() or raw[k] in "._") and raw[k] not in SUPERSCRIPT:
        k += 1
    if k == j:
        raise fail("'√' must be followed by a number, a name or parentheses", i, raw)
    out.emit(" sqrt(", i)
    for m in range(j, k):
        out.emit(GREEK.get(raw[m], raw[m]), m)
    out.emit(")", k - 1)
    return k


def bar(raw: str, i: int, out: Text, bars: list[int]) -> None:
    """|x| -> abs(x). A bar closes when one is open and it follows an operand."""
    prev = out.text.rstrip()[-1:]
    if bars and (prev.isalnum() or prev in ")]._"):
        bars.pop()
        out.emit(")", i)
    else:
        bars.append(i)
        out.emit(" abs(", i)
