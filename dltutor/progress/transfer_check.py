"""Checking an export file whole before any of it is imported.

Every complaint is one line naming the file and the first thing wrong, and
ends in "nothing was imported": a file is taken entirely or not at all.
Numbers and times are range-checked (RANGES, YEARS) as well as typed: a
card with stability 0 or -1e308, or a step of 2**62, would make every later
`progress` or review crash, so the store never takes one.
"""

from __future__ import annotations

import math
from datetime import timezone
from typing import Any

from dltutor.errors import DltutorError
from dltutor.progress.clock import parse

_TEXT, _INT, _NUMBER = (str,), (int,), (int, float)
_OPTIONAL = type(None)
ATTEMPT_FIELDS = {
    "question_id": _TEXT, "topic": _TEXT, "kind": _TEXT, "seed": _INT, "answer": _TEXT,
    "verdict": _TEXT, "score": _NUMBER, "mistake": (str, _OPTIONAL), "hints_used": _INT,
    "try_number": _INT, "seconds": (int, float, _OPTIONAL), "answered_at": _TEXT,
}
CARD_FIELDS = {
    "question_id": _TEXT, "topic": _TEXT, "state": _INT, "step": (int, _OPTIONAL),
    "stability": (int, float, _OPTIONAL), "difficulty": (int, float, _OPTIONAL), "due": _TEXT,
    "last_review": (str, _OPTIONAL), "reps": _INT, "lapses": _INT, "last_seed": (int, _OPTIONAL),
}
_TIMES = {"answered_at", "due", "last_review"}
_SQLITE_INT = 2**63  # SQLite integers are signed 64-bit
_ALLOWED = {"state": (1, 2, 3), "verdict": ("correct", "incorrect")}  # fsrs.State; graded verdicts
# inclusive bounds of what dltutor itself writes: FSRS keeps stability in
# [0.001, 36500] days (its maximum interval) and difficulty in [1, 10]
RANGES = {"stability": (0.001, 36500.0), "difficulty": (1.0, 10.0), "step": (0, 1000),
          "reps": (0, 10**6), "lapses": (0, 10**6), "score": (0.0, 1.0),
          "hints_used": (0, 1000), "try_number": (0, 10**6), "seconds": (0.0, 10.0**7),
          "seed": (0, 2**62), "last_seed": (0, 2**62)}
YEARS = (1970, 2999)  # times outside these are nobody's review history


def check_export(data: Any, name: str, marker: str, version: int) -> None:
    if not isinstance(data, dict) or data.get("format") != marker:
        _fail(f"{name} is not a dltutor progress export (no \"format\": \"{marker}\")")
    found = data.get("version")
    if not isinstance(found, int) or isinstance(found, bool):
        _fail(f"{name} has no export version")
    if found > version:
        _fail(f"{name} comes from a newer dltutor (export version {found}; this one reads up "
              f"to {version}); upgrade dltutor to import it")
    for key, fields in (("attempts", ATTEMPT_FIELDS), ("cards", CARD_FIELDS)):
        items = data.get(key)
        if not isinstance(items, list):
            _fail(f"{name} has no list of {key}")
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


def _is_time(text: str) -> bool:
    try:
        moment = parse(text)
        utc = moment.astimezone(timezone.utc)  # an offset can push a year over the edge
    except (ValueError, OverflowError):
        return False
    return YEARS[0] <= utc.year <= YEARS[1]


def _fail(message: str) -> None:
    raise DltutorError(f"{message}; nothing was imported")
