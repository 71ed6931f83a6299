"""The one gradient comparison (codecheck/gradients.py), as a table: each
wrong gradient and what the learner is told about it. Shapes come before
values, the first wrong gradient is described at its worst entry, a known
shape of error is named, and the other wrong gradients are listed."""

from __future__ import annotations

import numpy as np
import pytest

from dltutor.codecheck.gradients import compare_gradients

RNG = np.random.default_rng(12)  # seeded: the same table every run
X = RNG.standard_normal((4, 3))
W = RNG.standard_normal((5, 3))
SQUARE = RNG.standard_normal((3, 3))
B = RNG.standard_normal(5)
LABELS = ["grad_x (1st output)", "grad_weight (2nd output)", "grad_bias (3rd output)"]


def tolerance(dtype: str, gradient: bool) -> tuple[float, float]:
    return {"float32": (1e-3, 1e-4), "float64": (1e-6, 1e-8)}[dtype]


def judged(*got: np.ndarray | None, expected=(X, W, B)):
    return compare_gradients(list(got), list(expected), LABELS[: len(got)], tolerance)


@pytest.mark.parametrize(
    "got, starts, pattern",
    [
        ((X, W.T, B), "grad_weight (2nd output) has shape (3, 5); expected (5, 3)", "transposed"),
        ((X, W, np.tile(B, (4, 1))), "grad_bias (3rd output) has shape (4, 5); expected (5,)", None),
        ((-X, W, B), "grad_x (1st output) at index", "sign flipped: it is the negative"),
        (
            (X, 4 * W, B),
            "grad_weight (2nd output) at index",
            "it is 4 times the true gradient (a missing 1/4",
        ),
        ((X, W, B / 4), "grad_bias (3rd output) at index", "it is 1/4 of the true gradient"),
        ((X, W, 0.6 * B), "grad_bias (3rd output) at index", "it is 0.6 times the true gradient"),
        ((X + 1, W, B), "grad_x (1st output) at index", None),
        ((X, W.astype(np.float32), B), "grad_weight (2nd output) has dtype float32", None),
    ],
)
def test_each_wrong_gradient_is_named_with_its_error(got, starts, pattern):
    result = judged(*got)
    assert result.mismatch is not None and result.mismatch.message.startswith(starts)
    if pattern:
        assert pattern in result.mismatch.message
    else:
        assert "factor" not in result.mismatch.message and "sign" not in result.mismatch.message
    assert [r.ok for r in result.reports] == [g is e for g, e in zip(got, (X, W, B))]


def test_a_transposed_square_gradient_is_named_by_its_values():
    result = compare_gradients([SQUARE.T], [SQUARE], ["grad_weight"], tolerance)
    assert "transposed: it is the transpose of the true gradient" in result.mismatch.message


def test_a_wrong_shape_is_reported_before_wrong_values_elsewhere():
    result = judged(2 * X, W, B[:3])
    assert result.mismatch.message.startswith("grad_bias (3rd output) has shape (3,)")
    assert result.mismatch.message.endswith("Also wrong: grad_x (1st output)")
    assert result.index == 2 and result.mismatch.kind == "shape"


def test_the_worst_entry_is_the_one_shown():
    off = X.copy()
    off[1, 2] += 0.5
    off[3, 0] += 2.0
    result = judged(off, W, B)
    assert "grad_x (1st output) at index [3, 0] is off" in result.mismatch.message
    assert "2 of 12 entries are wrong" in result.mismatch.message
    assert result.reports[0].where == (3, 0) and result.reports[0].max_abs == pytest.approx(2.0)


def test_a_missing_gradient_counts_as_zeros_and_says_so():
    result = compare_gradients([X, None], [X, W], LABELS[:2], tolerance, absent=" (None)")
    assert result.mismatch.message.startswith("grad_weight (2nd output) at index")
    assert " (None)" in result.mismatch.message and result.index == 1


def test_float32_gradients_get_float32_room():
    close = (X * (1 + 5e-5)).astype(np.float32)
    assert compare_gradients([close], [X.astype(np.float32)], ["g"], tolerance).mismatch is None
    assert compare_gradients([X * (1 + 5e-5)], [X], ["g"], tolerance).mismatch is not None
