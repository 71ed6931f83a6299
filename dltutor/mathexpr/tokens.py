"""Step 2 of parsing: Python's tokens of the normalised text, checked.

Works on Python's token stream, never on regexes over the text: brackets are
checked, numbers converted exactly, and anything we never accept refused.
(`application.py` then resolves names and adds implicit products.)
`program` writes the result as a small program for `ast.parse` in which every name and number
is a placeholder `n<i>` pointing at a resolved `Tok`, so Python keywords
(`lambda`) and SymPy's special names (`E`, `I`, `S`) cannot mean anything else.
"""

from __future__ import annotations

import io
import re
import tokenize

import sympy as sp

from .normalise import Text, fail
from .tok import Tok

MAX_DEPTH = 40
MAX_DIGITS = 40
MAX_EXPONENT10 = 300
_NUMBER = re.compile(r"(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?")
_OPS = {"+", "-", "*", "/", "**", "(", ")", "[", "]", ",", ";"}


def check_brackets(src: Text) -> None:
    """Balanced (), [] and bounded nesting -- before Python's parser sees a deep nest."""
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(src.text):
        if c in "([":
            stack.append((c, i))
            if len(stack) > MAX_DEPTH:
                raise fail(f"nested too deeply (more than {MAX_DEPTH} levels)", src.raw_pos(i), src.raw)
        elif c in ")]":
            if not stack:
                raise fail(f"unmatched closing '{c}'", src.raw_pos(i), src.raw)
            opener, at = stack.pop()
            if (opener, c) not in (("(", ")"), ("[", "]")):
                raise fail(f"'{opener}' closed by '{c}'", src.raw_pos(i), src.raw)
    if stack:
        opener, at = stack[-1]
        closer = ")" if opener == "(" else "]"
        raise fail(f"missing closing '{closer}' for this '{opener}'", src.raw_pos(at), src.raw)


def raw_tokens(src: Text) -> list[Tok]:
    """Python's tokens, with positions in the raw text; refuses what we never accept."""
    toks: list[Tok] = []
    try:
        for t in tokenize.generate_tokens(io.StringIO(src.text).readline):
            pos = src.raw_pos(t.start[1])
            end = src.raw_pos(t.end[1] - 1) + 1
            if (
                t.type
                in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT)
                or not t.string.strip()
            ):
                continue
            if t.type == tokenize.NUMBER:
                toks.append(Tok("num", t.string, pos, number(t.string, pos, src.raw), end))
            elif t.type == tokenize.NAME:
                toks.append(Tok("name", t.string, pos, end=end))
            elif t.string in _OPS or t.string in ("=", "$"):
                toks.append(Tok(t.string if t.string in "()[],;=$" else "op", t.string, pos, end=end))
            elif t.string == ".":
                raise fail("'.' can only be part of a number (attributes are not allowed)", pos, src.raw)
            else:
                raise fail(f"'{t.string}' is not an operator you can use here", pos, src.raw)
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        raise fail(f"could not read the expression ({exc})", None, src.raw) from None
    return toks


def number(text: str, pos: int, raw: str) -> sp.Rational:
    """An exact rational from a decimal literal; no hex, complex or '_' digits."""
    m = _NUMBER.fullmatch(text)
    if not m or not (m.group(1) or m.group(2)):
        imaginary = text[-1:] in "jJ"
        hint = "imaginary numbers are not supported" if imaginary else "not a decimal number"
        raise fail(f"{text!r}: {hint}", pos, raw)
    whole, frac, exp10 = m.group(1), m.group(2) or "", m.group(3)
    if len((whole + frac).lstrip("0")) > MAX_DIGITS:
        raise fail(f"number too long (more than {MAX_DIGITS} digits)", pos, raw)
    shift = (int(exp10) if exp10 and len(exp10) < 6 else (10**6 if exp10 else 0)) - len(frac)
    if abs(shift) > MAX_EXPONENT10:
        raise fail(f"number out of range (10^{MAX_EXPONENT10} at most)", pos, raw)
    digits = int(whole + frac or "0")
    return sp.Rational(digits * 10**shift) if shift >= 0 else sp.Rational(digits, 10**-shift)


def program(toks: list[Tok]) -> tuple[str, list[tuple[int, int]], list[Tok]]:
    """The text for ast.parse, (offset, raw position) pairs, and the placeholder table."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    table: list[Tok] = []
    at = 0
    for tok in toks:
        text = tok.text
        if tok.kind in ("num", "atom", "func"):
            text = f"n{len(table)}"
            table.append(tok)
        offsets.append((at, tok.pos))
        parts.append(text)
        at += len(text) + 1
    return " ".join(parts), offsets, table
