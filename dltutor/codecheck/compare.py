"""Comparing what came back with what the reference gives, in the tutor.

Only arrays are compared: the number of outputs, then each output's dtype,
shape and values (the largest error and where it is, or where a nan or inf
appears that the reference does not have), then the gradients. Each
Mismatch has a `kind` ("error", "count", "dtype", "shape", "nonfinite",
"values", and from probe.py "mutated", "aliased", "again"; a gradient's
kind is "gradient-" + the kind): a known mistake is named only when its
own solution fails the same way (verdicts.py).
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


def compare(expected: Any, got: Any, tolerance: Tolerance, names: list[str],
            output_names: Sequence[str] = ()) -> Mismatch | None:
    """`expected` and `got` have .outputs, .grads, .error (mutation and
    aliasing are probe.py's: judged from data, not from the child's word);
    `output_names` name the outputs in the message when the exercise does."""
    if got.error is not None:
        return Mismatch(f"it raised an exception:\n{got.error}", {"error": got.error}, "error")
    count, want = len(got.outputs), len(expected.outputs)
    if count != want:
        return Mismatch(f"it returned {_values(count)}; expected {_values(want)}",
                        {"outputs": count, "expected_outputs": want}, "count")
    for k, (mine, right) in enumerate(zip(got.outputs, expected.outputs)):
        what = output_label(k, want, output_names)
        problem = compare_arrays(mine, right, tolerance(right.dtype.name, False), what)
        if problem:
            return problem
    for i, right in enumerate(expected.grads or []):
        mine = got.grads[i] if got.grads and i < len(got.grads) else None
        present = right if right is not None else mine
        if present is None:
            continue
        zeros = np.zeros_like(present)
        what = f"the gradient with respect to {names[i] if i < len(names) else f'input {i}'}"
        dtype = present.dtype.name
        problem = compare_arrays(zeros if mine is None else mine, zeros if right is None else right,
                                 tolerance(dtype, True), what)
        if problem:
            note = " (your output does not depend on it)" if mine is None else ""
            return Mismatch(problem.message + note, {**problem.evidence, "gradient": i},
                            "gradient-" + problem.kind)
    return None


def output_label(k: int, count: int, names: Sequence[str] = ()) -> str:
    """`grad_weight (2nd output)` when the exercise names its outputs."""
    if k < len(names):
        return f"{names[k]} ({_ordinal(k + 1)} output)" if count > 1 else names[k]
    return "the output" if count == 1 else f"output {k} of {count}"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")  # exercises return a few values


def compare_arrays(mine: np.ndarray, right: np.ndarray, tol: tuple[float, float],
                   what: str) -> Mismatch | None:
    if mine.dtype != right.dtype:
        return Mismatch(f"{what} has dtype {mine.dtype}; expected {right.dtype}",
                        {"dtype": mine.dtype.name, "expected_dtype": right.dtype.name}, "dtype")
    if mine.shape != right.shape:
        return Mismatch(f"{what} has shape {tuple(mine.shape)}; expected {tuple(right.shape)}",
                        {"shape": list(mine.shape), "expected_shape": list(right.shape)}, "shape")
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
    return _at(what, mine, right, where, "is off", int((~close).sum()),
               largest=float(error[where]))


def _at(what: str, mine: np.ndarray, right: np.ndarray, where: Any, how: str, count: int,
        largest: float | None = None) -> Mismatch:
    index = tuple(int(i) for i in where)
    got, want = mine[index].item(), right[index].item()
    place = f" at index {list(index)}" if index else ""
    text = f"{what}{place} {how}: got {_num(got)}, expected {_num(want)}"
    if largest is not None:
        text += f" (largest error {largest:.3g})"
    text += f"; {count} of {right.size} entries are wrong"
    evidence = {"where": what, "index": list(index), "got": _json(got), "expected": _json(want),
                "wrong_entries": count, "entries": int(right.size)}
    if largest is not None:
        evidence["largest_error"] = largest
    return Mismatch(text, evidence)


def _num(value: Any) -> str:
    return f"{value:.6g}" if isinstance(value, float) else repr(value)


def _json(value: Any) -> Any:
    if isinstance(value, float) and not np.isfinite(value):
        return str(value)
    return value


# the sandbox's harness says CaseError where trusted.run_case raises ValueError
# (an output of the wrong shape for its gradient weights): the same failure
_HARNESS = {"CaseError": "ValueError"}


def _error_type(error: str) -> str:
    """"TypeError" of "TypeError: ..." or of a traceback ending in it."""
    first = error.split(":", 1)[0]
    if first.startswith("Traceback"):
        last = [line for line in error.strip().splitlines() if line and not line[0].isspace()]
        first = last[-1].split(":", 1)[0] if last else ""
    return _HARNESS.get(first, first)


def _values(n: int) -> str:
    return "1 value" if n == 1 else f"{n} values (a tuple)"


def agrees(a: Any, b: Any, tolerance: Tolerance) -> bool:
    """Two results of the same call are the same (both raised, or equal arrays,
    nan where the other has nan): used to recognise a known wrong solution."""
    if (a.error is None) != (b.error is None):
        return False
    if a.error is not None:  # the same exception type, e.g. "RuntimeError: ..."
        return _error_type(a.error) == _error_type(b.error)
    if len(a.outputs) != len(b.outputs):
        return False
    pairs = list(zip(a.outputs, b.outputs)) + [
        (x, y) for x, y in zip(a.grads or [], b.grads or []) if x is not None and y is not None]
    for x, y in pairs:
        if x.dtype != y.dtype or x.shape != y.shape:
            return False
        if x.dtype.kind in "fc":
            if not np.allclose(x, y, *tolerance(x.dtype.name, True), equal_nan=True):
                return False
        elif not np.array_equal(x, y):
            return False
    return True
