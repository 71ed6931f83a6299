"""Matrices as people type them, rewritten to the bracket form before parsing.

Rows separated by `;` (`[a, b; c, d]`, `a b; c d`) and entries separated by
spaces when a row has no commas (`[3 1 2]`, `[sin x  cos x]`) become
`[[a, b], [c, d]]` and `[3, 1, 2]`; `[a, b]^T` is a transpose, like `[a, b]ᵀ`.
A space separates entries only between two operands (`[x -1]` stays x − 1), and never after a function name
(`sin x` is sin(x)). Only vector and matrix answers are read this way; a
scalar answer with `;` is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from .normalise import fail
from .tok import Tok
from .unicode_forms import NOT_A_MATRIX

_ENDS = {"num", "name", ")", "]"}
_STARTS = {"num", "name", "("}


def refuse_rows(toks: list[Tok], raw: str) -> None:
    for tok in toks:
        if tok.kind == ";":
            raise fail(NOT_A_MATRIX, tok.pos, raw)


def rows_and_spaces(
    toks: list[Tok], is_function: Callable[[str], bool], declares: Callable[[str], bool] = lambda name: False
) -> list[Tok]:
    """The whole answer (a top-level group) with every bracket group rewritten;
    `^T` is a transpose unless the question declares a T."""
    marked = [
        Tok("name", "_T", t.pos, end=t.end)
        if t.kind == "name" and t.text == "T" and k and toks[k - 1].text == "**" and not declares("T")
        else t
        for k, t in enumerate(toks)
    ]
    out, _ = _group(marked, 0, None, is_function)
    return out


def _group(
    toks: list[Tok], k: int, closer: str | None, is_function: Callable[[str], bool]
) -> tuple[list[Tok], int]:
    """Rewrite from toks[k] to the matching `closer`; return (tokens, index after)."""
    items: list[list[Tok]] = [[]]  # the group's top-level tokens, split at ';'
    while k < len(toks) and toks[k].kind != closer:
        t = toks[k]
        if t.kind in ("(", "["):
            inner, k = _group(toks, k + 1, ")" if t.kind == "(" else "]", is_function)
            items[-1] += [t, *inner, toks[k - 1]]
            continue
        if t.kind == ";":
            items.append([])
        else:
            items[-1].append(t)
        k += 1
    k = min(k + 1, len(toks))
    if closer == ")":
        return items[0] if len(items) == 1 else [t for row in items for t in row], k
    rows = [_spaced(row, is_function) if len(items) > 1 or closer == "]" else row for row in items]
    if len(rows) == 1:
        return rows[0], k
    out: list[Tok] = []
    for r, row in enumerate(rows):
        at = row[0].pos if row else 0
        out += ([Tok(",", ",", at)] if r else []) + [Tok("[", "[", at), *row, Tok("]", "]", at)]
    return ([Tok("[", "[", out[0].pos), *out, Tok("]", "]", out[0].pos)] if closer is None else out), k


def _spaced(row: list[Tok], is_function: Callable[[str], bool]) -> list[Tok]:
    """Entries separated by spaces -> by commas, when the row has no top-level comma."""
    depth = 0
    for t in row:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(t.kind, 0)
        if depth == 0 and t.kind == ",":
            return row
    out: list[Tok] = []
    depth = 0
    for prev, t in zip([None, *row], row):
        if prev is not None and depth == 0 and _separates(prev, t, is_function):
            out.append(Tok(",", ",", t.pos))
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(t.kind, 0)
        out.append(t)
    return out


def _separates(prev: Tok, t: Tok, is_function: Callable[[str], bool]) -> bool:
    spaced = prev.end > 0 and t.pos > prev.end
    after_function = prev.kind == "name" and is_function(prev.text)
    return spaced and prev.kind in _ENDS and t.kind in _STARTS and not after_function
