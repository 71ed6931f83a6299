"""One gradient comparison, for every place the tutor judges gradients:

    check-gradient --code   a backward's gradients against central finite
                            differences (fdcheck.py)
    backward by hand        the gradients an exercise's function returns
                            against autograd's (its `oracle:`)
    grad: true, modules     autograd's gradients through a learner's forward
                            against the reference's (compare.py)

`compare_gradients` checks every gradient's dtype and shape first, so a
transposed gradient is named by its shape ("grad_weight (2nd output) has
shape (3, 4); expected (4, 3)") before any value is looked at; then the
values of each in turn: a nan or inf the expected gradient does not have,
or the worst entry outside the tolerance. The message adds the shape of the
error when it has a known one (the sign flipped, a constant factor such as
a missing 1/N, the transpose) and names the other gradients that are wrong
too. Each gradient also gets a report (largest errors and where) for
check-gradient's table. The caller gives the tolerance per dtype: an
exercise's (`Exercise.tolerance_for` with gradient room) or the finite
differences' own error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from dltutor.codecheck.arrays import Mismatch, Tolerance, compare_arrays

Gradient = np.ndarray | None  # None: no gradient (the output does not depend on it)


@dataclass(frozen=True)
class GradientReport:
    """One gradient's figures, as check-gradient's table shows them."""

    label: str
    shape: tuple[int, ...]  # the expected gradient's
    ok: bool
    max_abs: float
    max_rel: float
    where: tuple[int, ...]  # index of the largest error
    claimed: float | None = None  # both gradients at `where`
    expected: float | None = None
    pattern: str | None = None  # "sign flipped: ...", "off by a constant factor: ..."


@dataclass(frozen=True)
class Judged:
    mismatch: Mismatch | None  # the first problem, None when every gradient is right
    reports: list[GradientReport]  # one per gradient given on either side
    index: int | None = None  # which gradient `mismatch` is about


def compare_gradients(
    got: Sequence[Gradient],
    expected: Sequence[Gradient],
    labels: Sequence[str],
    tolerance: Tolerance,
    absent: str = "",
) -> Judged:
    """`got[i]` against `expected[i]`, labelled `labels[i]`. A gradient on one
    side only counts as zeros on the other; `absent` is added to the message
    when the missing one is the learner's."""
    pairs = {
        i: pair
        for i, (mine, right) in enumerate(zip(got, expected))
        if (pair := _filled(mine, right)) is not None
    }  # the gradients either side has
    wrong: dict[int, Mismatch] = {}
    for i, (mine, right) in pairs.items():  # every dtype and shape before any value
        if mine.dtype != right.dtype or mine.shape != right.shape:
            shape = compare_arrays(mine, right, (0.0, 0.0), labels[i])
            if shape is not None:  # always: the dtypes or shapes differ
                wrong[i] = shape
    reports: dict[int, GradientReport] = {}
    for i, (mine, right) in pairs.items():
        tol = tolerance(right.dtype.name, True)
        problem = wrong.get(i) or compare_arrays(mine, right, tol, labels[i])
        if problem is not None:
            wrong.setdefault(i, problem)
        reports[i] = _report(labels[i], mine, right, tol, problem is None)
    if not wrong:
        return Judged(None, list(reports.values()))
    first = next(iter(wrong))  # the first wrong shape, else the first wrong values
    return Judged(
        _explained(
            wrong[first],
            reports[first].pattern,
            absent if got[first] is None else "",
            [labels[i] for i in wrong if i != first],
        ),
        list(reports.values()),
        first,
    )


def _filled(mine: Gradient, right: Gradient) -> tuple[np.ndarray, np.ndarray] | None:
    """Both sides, a missing one as zeros; None when neither side has it."""
    if right is None:
        return None if mine is None else (mine, np.zeros_like(mine))
    return (np.zeros_like(right) if mine is None else mine), right


def _explained(problem: Mismatch, pattern: str | None, absent: str, others: list[str]) -> Mismatch:
    text = problem.message + absent + (f"; {pattern}" if pattern else "")
    evidence = dict(problem.evidence)
    if pattern:
        evidence["pattern"] = pattern
    if others:
        text += f". Also wrong: {', '.join(others)}"
        evidence["also_wrong"] = others
    return Mismatch(text, evidence, problem.kind)


def _report(
    label: str, mine: np.ndarray, right: np.ndarray, tol: tuple[float, float], ok: bool
) -> GradientReport:
    if mine.shape != right.shape or mine.dtype.kind not in "fc" or right.dtype.kind not in "fc":
        return GradientReport(
            label,
            tuple(right.shape),
            ok,
            float("inf"),
            float("inf"),
            (),
            pattern=None if ok else _pattern(mine, right, tol),
        )
    error = np.nan_to_num(np.abs(mine.astype(np.float64) - right.astype(np.float64)), nan=np.inf)
    if error.size == 0:
        return GradientReport(label, tuple(right.shape), ok, 0.0, 0.0, ())
    where = tuple(int(i) for i in np.unravel_index(int(np.argmax(error)), error.shape))
    relative = error / np.maximum(np.abs(right.astype(np.float64)), 1e-12)
    return GradientReport(
        label,
        tuple(right.shape),
        ok,
        float(error.max()),
        float(relative.max()),
        where,
        float(mine[where].real),
        float(right[where].real),
        None if ok else _pattern(mine, right, tol),
    )


def _pattern(mine: np.ndarray, right: np.ndarray, tol: tuple[float, float]) -> str | None:
    """A known shape of error: the transpose, the sign, a constant factor."""
    if mine.dtype.kind != "f" or right.dtype.kind != "f" or not np.isfinite(mine).all():
        return None
    rtol, atol = tol
    if not np.isfinite(rtol + atol):
        return None
    if mine.ndim >= 2 and mine.shape == right.shape[::-1] and mine.shape != right.shape:
        if np.allclose(mine.transpose(), right, rtol=rtol, atol=atol):
            return "transposed: it is the transpose of the true gradient"
        return None
    if mine.shape != right.shape:
        return None
    if (
        mine.ndim >= 2
        and mine.shape == mine.shape[::-1]
        and np.allclose(mine.transpose(), right, rtol=rtol, atol=atol)
    ):
        return "transposed: it is the transpose of the true gradient"
    return _factor(mine.astype(np.float64), right.astype(np.float64), rtol, atol)


def _factor(mine: np.ndarray, right: np.ndarray, rtol: float, atol: float) -> str | None:
    """`mine` = s · `right` for one constant s (least squares), named."""
    norm = float(np.dot(right.ravel(), right.ravel()))
    if norm == 0.0:
        return None
    scale = float(np.dot(mine.ravel(), right.ravel())) / norm
    if (
        abs(scale) < 1e-9
        or abs(scale - 1) < 1e-3
        or not np.allclose(mine, scale * right, rtol=rtol, atol=atol * max(1.0, abs(scale)))
    ):
        return None
    if abs(scale + 1) < 1e-3:
        return "sign flipped: it is the negative of the true gradient"
    sign = "−" if scale < 0 else ""
    whole, inverse = round(abs(scale)), round(1 / abs(scale))
    if whole >= 2 and abs(abs(scale) - whole) < 1e-3 * whole:
        return (
            f"off by a constant factor: it is {sign}{whole} times the true gradient "
            f"(a missing 1/{whole}, such as the 1/N of a mean?)"
        )
    if inverse >= 2 and abs(1 / abs(scale) - inverse) < 1e-3 * inverse:
        return (
            f"off by a constant factor: it is {sign}1/{inverse} of the true gradient "
            f"(an extra 1/{inverse}, such as a mean where a sum belongs?)"
        )
    return f"off by a constant factor: it is {scale:.4g} times the true gradient"
