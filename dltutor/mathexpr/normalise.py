"""Step 1 of parsing: Unicode and school notation -> a small ASCII alphabet.

Every output character remembers the index of the input character it came
from (`Text.origin`), so later errors can point into what the learner typed.
Only a fixed set of ASCII characters survives; anything else is refused here,
which also keeps comments (#), strings, backslashes and the like away from the
Python tokenizer.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from . import latex
from .errors import ExprFormatError
from .unicode_forms import (ACCENTS, ALLOWED, GREEK, REFUSED, SIMPLE, SUBSCRIPT, SUPERSCRIPT,
                            TRANSPOSE, VULGAR)

MAX_LENGTH = 1000
MAX_GROUPS = 40  # nested LaTeX groups (\frac inside \sqrt inside ...)


@dataclass
class Text:
    """Normalised text plus, for each character, its index in `raw`."""

    raw: str
    chars: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)

    def emit(self, s: str, pos: int) -> None:
        self.chars.append(s)
        self.origin.extend([pos] * len(s))

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def raw_pos(self, i: int) -> int:
        return self.origin[i] if i < len(self.origin) else len(self.raw)


def fail(message: str, pos: int | None, raw: str) -> ExprFormatError:
    return ExprFormatError(message, pos, raw)


def normalise(raw: object, *, formula: bool = False) -> Text:
    """Map `raw` to the ASCII alphabet the tokenizer sees, or raise ExprFormatError."""
    if not isinstance(raw, str):
        raise fail(f"expected text, got {type(raw).__name__}", None, repr(raw))
    if len(raw) > MAX_LENGTH:
        raise fail(f"too long: {len(raw)} characters (the limit is {MAX_LENGTH})", MAX_LENGTH, raw)
    if not raw.strip():
        raise fail("the expression is empty", None, raw)
    reader = Reader(raw, formula)
    reader.run(0, len(raw))
    if reader.bars:
        raise fail("missing closing '|'", reader.bars[-1], raw)
    return reader.out


class Reader:
    """One pass over the raw text; LaTeX groups are read by recursive `run` calls."""

    def __init__(self, raw: str, formula: bool) -> None:
        self.raw, self.formula, self.out = raw, formula, Text(raw)
        self.bars: list[int] = []
        self.depth = 0

    def fail(self, message: str, pos: int | None) -> ExprFormatError:
        return fail(message, pos, self.raw)

    def run(self, start: int, stop: int) -> None:
        self.depth += 1
        if self.depth > MAX_GROUPS:
            raise self.fail(f"nested too deeply (more than {MAX_GROUPS} levels)", start)
        i = start
        while i < stop:
            i = self.one(i)
        self.depth -= 1

    def one(self, i: int) -> int:
        """Normalise the character(s) at raw[i]; return the next index."""
        raw, out, c = self.raw, self.out, self.raw[i]
        if c in "\t\n\r" or (c != " " and unicodedata.category(c) == "Zs"):
            out.emit(" ", i)
        elif c == "_" and raw[i + 1:i + 2] == "{":
            return self.subscript_group(i)
        elif c in ALLOWED:
            out.emit(c, i)
        elif c == "\\":
            return latex.command(self, i)
        elif c in ("=", "∞", "∂") and self.formula:
            out.emit({"=": "=", "∞": "oo", "∂": "$"}[c], i)  # $: formula mode reads it as ∂
        elif c in SIMPLE:
            out.emit(SIMPLE[c], i)
        elif c in GREEK:
            out.emit(GREEK[c], i)
        elif c in SUBSCRIPT:
            out.emit("_" if not out.text.endswith("_") else "", i)
            out.emit(SUBSCRIPT[c], i)
        elif c in SUPERSCRIPT or c == TRANSPOSE:
            return self.superscript(i)
        elif c in VULGAR:
            out.emit(f"({VULGAR[c]})", i)
        elif c == "√":
            return _root(raw, i, out)
        elif c == "|":
            _bar(raw, i, out, self.bars)
        elif c in ACCENTS or _accented(c):
            self.accent(i)
        else:
            raise fail(_refusal(c), i, raw)
        return i + 1

    def subscript_group(self, i: int) -> int:
        """x_{1} -> x_1, w_{ij} -> w_ij: a subscript is part of the name."""
        start, stop, after = latex.group(self, i + 1)
        text = self.raw[start:stop].replace(" ", "")
        if not text.isalnum() or not text.isascii():
            raise self.fail("a subscript in braces may hold only letters and digits", start)
        self.out.emit("_" + text, i)
        return after

    def superscript(self, i: int) -> int:
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

    def accent(self, i: int) -> None:
        """ŷ (one character or y + U+0302) -> yhat; x̄ -> xbar."""
        c = self.raw[i]
        base, marks = (c[:0], c) if c in ACCENTS else (unicodedata.normalize("NFD", c)[0],
                                                      unicodedata.normalize("NFD", c)[1:])
        if c in ACCENTS and not self.out.text[-1:].isalpha():
            raise self.fail(f"accent U+{ord(c):04X} is not on a letter", i)
        self.out.emit(GREEK.get(base, base) + "".join(ACCENTS[m] for m in marks), i)


def _accented(c: str) -> bool:
    """A precomposed letter with accents we know (ŷ, ā), whose base is a Latin or Greek letter."""
    parts = unicodedata.normalize("NFD", c)
    return len(parts) > 1 and (parts[0] in ALLOWED or parts[0] in GREEK) and parts[0].isalpha() \
        and all(m in ACCENTS for m in parts[1:])


def _refusal(c: str) -> str:
    if c in REFUSED:
        return REFUSED[c]
    cat = unicodedata.category(c)
    if cat.startswith("C"):
        return f"control or invisible character U+{ord(c):04X} is not allowed"
    return f"unexpected character {c!r}"


def _root(raw: str, i: int, out: Text) -> int:
    """√(x+1) -> sqrt(x+1); √x, √2, √α -> sqrt(x) etc. (one name or number)."""
    j = i + 1
    while j < len(raw) and raw[j] == " ":
        j += 1
    if j < len(raw) and raw[j] == "(":
        out.emit("sqrt", i)
        return j
    k = j
    while k < len(raw) and (raw[k].isalnum() or raw[k] in "._") and raw[k] not in SUPERSCRIPT:
        k += 1
    if k == j:
        raise fail("'√' must be followed by a number, a name or parentheses", i, raw)
    out.emit("sqrt(", i)
    for m in range(j, k):
        out.emit(GREEK.get(raw[m], raw[m]), m)
    out.emit(")", k - 1)
    return k


def _bar(raw: str, i: int, out: Text, bars: list[int]) -> None:
    """|x| -> abs(x). A bar closes when one is open and it follows an operand."""
    prev = out.text.rstrip()[-1:]
    if bars and (prev.isalnum() or prev in ")]._"):
        bars.pop()
        out.emit(")", i)
    else:
        bars.append(i)
        out.emit("abs(", i)
