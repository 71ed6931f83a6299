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

from .errors import ExprFormatError

MAX_LENGTH = 1000

GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφϕχψωΓΔΘΛΞΠΣΦΨΩµ",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi "
    "rho sigma sigma tau upsilon phi phi chi psi omega Gamma Delta Theta Lambda Xi Pi "
    "Sigma Phi Psi Omega mu".split()))
SIMPLE = {"−": "-", "–": "-", "—": "-", "‐": "-", "·": "*", "⋅": "*", "×": "*", "∙": "*",
          "•": "*", "∗": "*", "÷": "/", "∕": "/", "^": "**", "ℯ": "e", "π": "pi",
          "（": "(", "）": ")"}
SUPERSCRIPT = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁽⁾", "0123456789+-()"))
SUBSCRIPT = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789"))
ALLOWED = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 +-*/().,_[]")
REFUSED = {"!": "factorials are not supported", "'": "quotes are not allowed",
           '"': "quotes are not allowed", "=": "'=' is not allowed in an answer",
           "∞": "infinity is not a value you can use here",
           "∂": "'∂' can only be used in lesson formulas"}


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
    out, bars, i = Text(raw), [], 0
    while i < len(raw):
        i = _one(raw, i, out, bars, formula)
    if bars:
        raise fail("missing closing '|'", bars[-1], raw)
    return out


def _one(raw: str, i: int, out: Text, bars: list[int], formula: bool) -> int:
    """Normalise the character(s) at raw[i]; return the next index."""
    c = raw[i]
    if c in "\t\n\r" or (c != " " and unicodedata.category(c) == "Zs"):
        out.emit(" ", i)
    elif c in ALLOWED:
        out.emit(c, i)
    elif c == "=" and formula:
        out.emit(c, i)
    elif c == "∞" and formula:
        out.emit("oo", i)
    elif c == "∂" and formula:
        out.emit("$", i)  # the tokenizer's error token; formula mode reads it as ∂
    elif c in SIMPLE:
        out.emit(SIMPLE[c], i)
    elif c in GREEK:
        out.emit(GREEK[c], i)
    elif c in SUBSCRIPT:
        out.emit("_" if not out.text.endswith("_") else "", i)
        out.emit(SUBSCRIPT[c], i)
    elif c in SUPERSCRIPT:
        return _superscript(raw, i, out)
    elif c == "√":
        return _root(raw, i, out)
    elif c == "|":
        _bar(raw, i, out, bars)
    else:
        raise fail(_refusal(c), i, raw)
    return i + 1


def _refusal(c: str) -> str:
    if c in REFUSED:
        return REFUSED[c]
    cat = unicodedata.category(c)
    if cat.startswith("C"):
        return f"control or invisible character U+{ord(c):04X} is not allowed"
    return f"unexpected character {c!r}"


def _superscript(raw: str, i: int, out: Text) -> int:
    """x²³ -> x**23; x⁻¹ -> x**-1; x⁽ⁿ⁺¹⁾-style runs keep their parentheses."""
    j = i
    while j < len(raw) and raw[j] in SUPERSCRIPT:
        j += 1
    out.emit("**", i)
    for k in range(i, j):
        out.emit(SUPERSCRIPT[raw[k]], k)
    return j


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
