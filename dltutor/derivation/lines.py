"""A derivation's text -> its lines, and the optional first line `d/dx (…)`.

A derivation is one expression per line, each optionally starting with `=`.
Blank lines and lines starting with `#` are skipped but keep their numbers, so
"line 3" is the line an editor shows. The first line may name what is being
differentiated: `d/dx (…)`, `∂/∂x (…)`, `Derivative(…, x)` or `diff(…, x)`.
That head is recognised on the text; the function inside it is read by the
same safe parser as any answer (never eval), so its errors point into the
learner's own line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dltutor.errors import AnswerFormatError

MAX_LINES = 60  # a derivation longer than this is not a derivation someone typed by hand

_D_HEAD = re.compile(r"\s*[d∂]\s*/\s*[d∂]\s*([^\W\d][\w₀-₉]*)\s*")
_CALL_HEAD = re.compile(r"\s*(Derivative|diff)\s*\(")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, counting every line of the text
    text: str  # as written, without a leading '='
    offset: int  # where `text` starts inside the written line (for carets)


@dataclass(frozen=True)
class Head:
    """`d/dx (body)`: differentiate body with respect to wrt."""

    body: str
    wrt: str
    body_offset: int  # where body starts inside the line's text


def split_lines(text: str, first_number: int = 1) -> list[Line]:
    lines: list[Line] = []
    for index, written in enumerate(text.splitlines()):
        stripped = written.strip()
        if not stripped or stripped.startswith("#"):
            continue
        lead = len(written) - len(written.lstrip())
        if stripped.startswith("="):
            rest = stripped[1:]
            lead += 1 + len(rest) - len(rest.lstrip())
            stripped = rest.strip()
        lines.append(Line(first_number + index, stripped, lead))
    if len(lines) > MAX_LINES:
        raise AnswerFormatError(f"a derivation of more than {MAX_LINES} lines is too long to check; split it")
    return lines


def find_head(text: str) -> Head | None:
    """The `d/dx (…)` or `Derivative(…, x)` a line starts with, or None."""
    match = _D_HEAD.match(text)
    if match:
        body, start = text[match.end() :], match.end()
        if not body.strip():
            raise AnswerFormatError(f"write what to differentiate after d/d{match.group(1)}", len(text), text)
        return Head(body, match.group(1), start)
    match = _CALL_HEAD.match(text)
    if match:
        return _call_head(text, match.end())
    return None


def _call_head(text: str, start: int) -> Head:
    close = _closing(text, start - 1)
    if close is None or text[close + 1 :].strip():
        raise AnswerFormatError("write Derivative(f, x) with the whole line inside it", start - 1, text)
    comma = _last_top_comma(text, start, close)
    if comma is None:
        raise AnswerFormatError("Derivative(f, x) needs the variable after a comma", close, text)
    wrt = text[comma + 1 : close].strip()
    if not re.fullmatch(r"[^\W\d][\w₀-₉]*", wrt):
        raise AnswerFormatError(f"'{wrt}' is not a variable to differentiate by", comma + 1, text)
    return Head(text[start:comma], wrt, start)


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for index in range(open_at, len(text)):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _last_top_comma(text: str, start: int, end: int) -> int | None:
    depth, found = 0, None
    for index in range(start, end):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(text[index], 0)
        if text[index] == "," and depth == 0:
            found = index
    return found


def has_equals(text: str) -> int | None:
    """Where a second '=' sits in a line (one expression per line), or None."""
    at = text.find("=")
    return at if at >= 0 else None
