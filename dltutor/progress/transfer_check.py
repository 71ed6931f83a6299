"""Checking an export file whole before any of it is imported.

Every complaint is one line naming the file and the first thing wrong, and
ends in "nothing was imported": a file is taken entirely or not at all.
Numbers and times are range-checked (RANGES, YEARS) as well as typed: a
card with stability 0 or -1e308, or a step of 2**62, would make every later
`progress` or review crash, so the store never takes one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from operator import itemgetter
from typing import Any

from dltutor.errors import DltutorError
from dltutor.progress.clock import parse

_TEXT, _INT, _NUMBER = (str,), (int,), (int, float)
_OPTIONAL = type(None)
ATTEMPT_FIELDS = {
    "question_id": _TEXT,
    "topic": _TEXT,
    "kind": _TEXT,
    "seed": _INT,
    "answer": _TEXT,
    "verdict": _TEXT,
    "score": _NUMBER,
    "mistake": (str, _OPTIONAL),
    "hints_used": _INT,
    "try_number": _INT,
    "seconds": (int, float, _OPTIONAL),
    "answered_at": _TEXT,
}
CARD_FIELDS = {
    "question_id": _TEXT,
    "topic": _TEXT,
    "state": _INT,
    "step": (int, _OPTIONAL),
    "stability": (int, float, _OPTIONAL),
    "difficulty": (int, float, _OPTIONAL),
    "due": _TEXT,
    "last_review": (str, _OPTIONAL),
    "reps": _INT,
    "lapses": _INT,
    "last_seed": (int, _OPTIONAL),
}
_TIMES = {"answered_at", "due", "last_review"}
_SQLITE_INT = 2**63  # SQLite integers are signed 64-bit
_ALLOWED = {"state": (1, 2, 3), "verdict": ("correct", "incorrect")}  # fsrs.State; graded verdicts
# inclusive bounds of what dltutor itself writes: FSRS keeps stability in
# [0.001, 36500] days (its maximum interval) and difficulty in [1, 10]
RANGES = {
    "stability": (0.001, 36500.0),
    "difficulty": (1.0, 10.0),
    "step": (0, 1000),
    "reps": (0, 10**6),
    "lapses": (0, 10**6),
    "score": (0.0, 1.0),
    "hints_used": (0, 1000),
    "try_number": (0, 10**6),
    "seconds": (0.0, 10.0**7),
    "seed": (0, 2**62),
    "last_seed": (0, 2**62),
}
YEARS = (1970, 2999)  # times outside these are nobody's review history
# what exports hold: UTC (no offset to move the year), so _is_time needs no more
_PLAIN_TIME = re.compile(
    r"(?:19[7-9][0-9]|2[0-9]{3})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"
    r"(?:\.[0-9]{1,6})?(?:\+00:00|Z)?"
)


def check_export(data: Any, name: str, marker: str, version: int) -> None:
    if not isinstance(data, dict) or data.get("format") != marker:
        _fail(f'{name} is not a dltutor progress export (no "format": "{marker}")')
    found = data.get("version")
    if not isinstance(found, int) or isinstance(found, bool):
        _fail(f"{name} has no export version")
    if found > version:
        _fail(
            f"{name} comes from a newer dltutor (export version {found}; this one reads up "
            f"to {version}); upgrade dltutor to import it"
        )
    for key, fields in (("attempts", ATTEMPT_FIELDS), ("cards", CARD_FIELDS)):
        items = data.get(key)
        if not isinstance(items, list):
            _fail(f"{name} has no list of {key}")
        if _plainly_valid(items, fields):
            continue
        for number, item in enumerate(items, start=1):
            problem = _check_item(item, fields)
            if problem:
                _fail(f"{name}: {key[:-1]} {number} {problem}")


def _check_item(item: Any, fields: dict[str, tuple[type, ...]]) -> str | None:
    if not isinstance(item, dict):
        return "is not an object"
    for field, types in fields.items():
        if field not in item:
            return f"has no '{field}'"
        value = item[field]
        typed = isinstance(value, types) and not isinstance(value, bool)
        if not typed:
            return f"has a '{field}' of the wrong type"
        if field in _TIMES and value is not None and not _is_time(value):
            return f"has a '{field}' that is not an ISO 8601 time in {YEARS[0]}..{YEARS[1]}"
        if field in _ALLOWED and value not in _ALLOWED[field]:
            return f"has an unknown '{field}' {value!r}"
        if isinstance(value, int) and not -_SQLITE_INT <= value < _SQLITE_INT:
            return f"has a '{field}' too large to store"
        if isinstance(value, float) and not math.isfinite(value):
            return f"has a '{field}' that is not a finite number"
        low, high = RANGES.get(field, (None, None))
        if value is not None and low is not None and not low <= value <= high:
            return f"has a '{field}' of {value!r}, outside {low}..{high}"
    if "stability" in fields and (item["stability"] is None or item["difficulty"] is None):
        return "has no stability or difficulty"  # a card exists once reviewed: FSRS needs both
    return None


def _plainly_valid(items: list, fields: dict[str, tuple[type, ...]]) -> bool:
    """The whole list at once, column by column: True only for what _check_item
    accepts item by item (never more), so a False just means "look closer".
    An export of 100,000 answers is checked in milliseconds, not seconds."""
    if not items:
        return True
    if set(map(type, items)) != {dict}:
        return False
    try:
        rows = list(map(itemgetter(*fields), items))
    except KeyError:
        return False
    columns = dict(zip(fields, zip(*rows)))
    if not all(_plain_column(field, columns[field], types) for field, types in fields.items()):
        return False
    return "stability" not in fields or (
        None not in columns["stability"] and None not in columns["difficulty"]
    )


def _plain_column(field: str, column: Sequence, types: tuple[type, ...]) -> bool:
    if not set(map(type, column)) <= set(types):  # exact types: a bool is no number
        return False
    values = [value for value in column if value is not None]
    if field in _ALLOWED and not set(values) <= set(_ALLOWED[field]):
        return False
    if field in _TIMES:
        return all(map(_PLAIN_TIME.fullmatch, values)) and _all_dates(values)
    if not all(map(math.isfinite, (v for v in values if type(v) is float))):
        return False
    if values and (int in types or float in types):
        low, high = RANGES.get(field, (-_SQLITE_INT, _SQLITE_INT - 1))
        return low <= min(values) and max(values) <= high
    return True


def _all_dates(texts: list[str]) -> bool:
    try:
        list(map(datetime.fromisoformat, texts))  # no day 31 of April
    except ValueError:
        return False
    return True


def _is_time(text: str) -> bool:
    try:
        moment = parse(text)
        utc = moment.astimezone(timezone.utc)  # an offset can push a year over the edge
    except (ValueError, OverflowError):
        return False
    return YEARS[0] <= utc.year <= YEARS[1]


def _fail(message: str) -> None:
    raise DltutorError(f"{message}; nothing was imported")
