"""Step 2 of parsing: tokens, names and implicit products.

Works on Python's token stream, never on regexes over the text: numbers are
checked and converted exactly, every name is resolved (variable, parameter,
constant, function, or a run of declared variables such as `xy`), and a `*` is
inserted wherever two operands touch (`2x`, `x(1-x)`, `σ(x)(1-σ(x))`).
The result is a small program for `ast.parse` in which every name and number
is a placeholder `n<i>` pointing at a resolved `Tok`, so Python keywords
(`lambda`) and SymPy's special names (`E`, `I`, `S`) cannot mean anything else.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .normalise import Text, fail
from .names import Scope

MAX_DEPTH = 40
MAX_DIGITS = 40
MAX_EXPONENT10 = 300
_NUMBER = re.compile(r"(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?")
_OPS = {"+", "-", "*", "/", "**", "(", ")", "[", "]", ","}
_OPERAND_END = {"num", "atom", ")", "]"}
_OPERAND_START = {"num", "atom", "func", "("}


@dataclass
class Tok:
    kind: str  # num | atom | func | op | ( | ) | [ | ] | , | = | $
    text: str  # the source text (for messages)
    pos: int  # index into the raw text
    value: Any = None  # SymPy value (num, atom) or function spec (func)


def check_brackets(src: Text) -> None:
    """Balanced (), [] and bounded nesting -- before Python's parser sees a deep nest."""
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(src.text):
        if c in "([":
            stack.append((c, i))
            if len(stack) > MAX_DEPTH:
                raise fail(f"nested too deeply (more than {MAX_DEPTH} levels)",
                           src.raw_pos(i), src.raw)
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
            if t.type in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT,
                          tokenize.DEDENT) or not t.string.strip():
                continue
            if t.type == tokenize.NUMBER:
                toks.append(Tok("num", t.string, pos, number(t.string, pos, src.raw)))
            elif t.type == tokenize.NAME:
                toks.append(Tok("name", t.string, pos))
            elif t.string in _OPS or t.string in ("=", "$"):
                toks.append(Tok(t.string if t.string in "()[],=$" else "op", t.string, pos))
            elif t.string == ".":
                raise fail("'.' can only be part of a number (attributes are not allowed)",
                           pos, src.raw)
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


def resolve(toks: list[Tok], scope: Scope, raw: str) -> list[Tok]:
    """Turn each name into atoms/functions (splitting `xy`) and add implicit `*`."""
    out: list[Tok] = []
    for k, tok in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        pieces = scope.resolve(tok, nxt, raw) if tok.kind == "name" else [tok]
        for piece in pieces:
            _append(out, piece, raw)
    for k, tok in enumerate(out):
        nxt = out[k + 1] if k + 1 < len(out) else None
        if tok.kind == "func" and (nxt is None or nxt.kind != "("):
            raise fail(f"{tok.text} needs parentheses, as in {tok.text}(x)", tok.pos, raw)
    return out


def _append(out: list[Tok], tok: Tok, raw: str) -> None:
    prev = out[-1] if out else None
    if prev is not None and prev.kind in _OPERAND_END and tok.kind in _OPERAND_START:
        if tok.kind == "num":
            raise fail(f"missing operator before {tok.text} (a number cannot follow "
                       f"'{prev.text}' directly)", tok.pos, raw)
        out.append(Tok("op", "*", tok.pos))
    out.append(tok)


def program(toks: list[Tok]) -> tuple[str, list[tuple[int, int]], list[Tok]]:
    """The text for ast.parse, (offset, raw position) pairs, and the placeholder table."""
    parts, offsets, table, at = [], [], [], 0
    for tok in toks:
        text = tok.text
        if tok.kind in ("num", "atom", "func"):
            text = f"n{len(table)}"
            table.append(tok)
        offsets.append((at, tok.pos))
        parts.append(text)
        at += len(text) + 1
    return " ".join(parts), offsets, table


def function_powers(toks: list[Tok], is_function: Any) -> list[Tok]:
    """sin^2(x) -> (sin(x))^2, the textbook notation for a power of a function."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        t = toks[k]
        if (t.kind == "name" and is_function(t.text) and k + 3 < len(toks)
                and toks[k + 1].text == "**" and toks[k + 2].kind == "num"
                and toks[k + 2].value.is_Integer and toks[k + 2].value > 0
                and toks[k + 3].kind == "("):
            end = _matching(toks, k + 3)
            inner = function_powers(toks[k + 4:end], is_function)
            out += [Tok("(", "(", t.pos), t, toks[k + 3], *inner, toks[end],
                    Tok(")", ")", t.pos), toks[k + 1], toks[k + 2]]
            k = end + 1
            continue
        out.append(t)
        k += 1
    return out


def _matching(toks: list[Tok], start: int) -> int:
    depth = 0
    for i in range(start, len(toks)):
        depth += {"(": 1, ")": -1}.get(toks[i].kind, 0)
        if depth == 0:
            return i
    return len(toks) - 1  # unreachable: brackets were checked before tokenizing
