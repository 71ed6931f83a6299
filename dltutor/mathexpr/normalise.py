"""Step 1 of parsing: Unicode and school notation -> a small ASCII alphabet.

Every output character remembers the index of the input character it came
from (`Text.origin`), so later errors can point into what the learner typed.
Only a fixed set of ASCII characters survives; anything else is refused here,
which also keeps comments (#), strings, backslashes and the like away from the
Python tokenizer.
"""

from __future__ import annotations

import unicodedata

from . import latex
from . import special_forms as forms
from .errors import ExprFormatError
from .normalise_text import Text, fail  # re-exported: the parser's steps use them
from .unicode_forms import ACCENTS, ALLOWED, GREEK, REFUSED, SIMPLE, SUBSCRIPT, SUPERSCRIPT, TRANSPOSE, VULGAR

MAX_LENGTH = 1000
MAX_GROUPS = 40  # nested LaTeX groups (\frac inside \sqrt inside ...)


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
        elif c == "_" and raw[i + 1 : i + 2] == "{":
            return forms.subscript_group(self, i)
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
            return forms.superscript(self, i)
        elif c in VULGAR:
            out.emit(f"({VULGAR[c]})", i)
        elif c == "√":
            return forms.root(raw, i, out)
        elif c == "|":
            forms.bar(raw, i, out, self.bars)
        elif c in ACCENTS or forms.accented(c):
            forms.accent(self, i)
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
