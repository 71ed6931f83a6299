"""Arrays against arrays, in the tutor: the building block of every comparison.

`compare_arrays` checks one returned array against the expected one: dtype,
shape, then values (where a nan or inf appears that the expected array does
not have, or the largest error outside the tolerance and where it is).
`output_label` names a returned value in messages. A Mismatch's `kind`
("dtype", "shape", "nonfinite", "values", ...) lets verdicts.py recognise
a known mistake only when its own solution fails the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Tolerance = Callable[[str, bool], tuple[float, float]]  # (dtype, gradient) -> (rtol, atol)


@dataclass(frozen=True)
class Mismatch:
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    kind: str = "values"


def output_label(k: int, count: int, names: Sequence[str] = ()) -> str:
    """`grad_weight (2nd output)` when the exercise names its outputs."""
    if k < len(names):
        return f"{names[k]} ({_ordinal(k + 1)} output)" if count > 1 else names[k]
    return "the output" if count == 1 else f"output {k} of {count}"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")  # exercises return a few values


def compare_arrays(
    mine: np.ndarray, right: np.ndarray, tol: tuple[float, float], what: str
) -> Mismatch | None:
    if mine.dtype != right.dtype:
        return Mismatch(
            f"{what} has dtype {mine.dtype}; expected {right.dtype}",
            {"dtype": mine.dtype.name, "expected_dtype": right.dtype.name},
            "dtype",
        )
    if mine.shape != right.shape:
        return Mismatch(
            f"{what} has shape {tuple(mine.shape)}; expected {tuple(right.shape)}",
            {"shape": list(mine.shape), "expected_shape": list(right.shape)},
            "shape",
        )
    if right.dtype.kind not in "fc":
        wrong = mine != right
        if not wrong.any():
            return None
        return _at(what, mine, right, np.argwhere(wrong)[0], "differs", int(wrong.sum()))
    bad_float = ~np.isfinite(mine) & np.isfinite(right)
    if bad_float.any():
        where = np.argwhere(bad_float)[0]
        kinds = sorted({"nan" if np.isnan(v) else "inf" for v in mine[bad_float].ravel()[:1000]})
        found = _at(what, mine, right, where, f"is {'/'.join(kinds)}", int(bad_float.sum()))
        return Mismatch(found.message, found.evidence, "nonfinite")
    rtol, atol = tol
    if not np.isfinite(rtol + atol):  # values are a checker's business
        return None
    close = np.isclose(mine, right, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    error = np.where(close, 0.0, np.abs(mine.astype(np.float64) - right.astype(np.float64)))
    error = np.nan_to_num(error, nan=np.inf)
    where = np.unravel_index(int(np.argmax(error)), error.shape)
    return _at(what, mine, right, where, "is off", int((~close).sum()), largest=float(error[where]))


def _at(
    what: str,
    mine: np.ndarray,
    right: np.ndarray,
    where: Any,
    how: str,
    count: int,
    largest: float | None = None,
) -> Mismatch:
    index = tuple(int(i) for i in where)
    got, want = mine[index].item(), right[index].item()
    place = f" at index {list(index)}" if index else ""
    text = f"{what}{place} {how}: got {_num(got)}, expected {_num(want)}"
    if largest is not None:
        text += f" (largest error {largest:.3g})"
    text += f"; {count} of {right.size} entries are wrong"
    evidence = {
        "where": what,
        "index": list(index),
        "got": _json(got),
        "expected": _json(want),
        "wrong_entries": count,
        "entries": int(right.size),
    }
    if largest is not None:
        evidence["largest_error"] = largest
    return Mismatch(text, evidence)


def _num(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else repr(value)


def _json(value: Any) -> Any:
    if isinstance(value, float) and not np.isfinite(value):
        return str(value)
    return value


def values_text(n: int) -> str:
    """How many values a call returned, as a learner reads it."""
    return "1 value" if n == 1 else f"{n} values (a tuple)"
