"""Comparing what came back with what the reference gives, in the tutor.

Only arrays are compared: the number of outputs, then each output's dtype,
shape and values (arrays.py), then the gradients (gradients.py: the one
gradient comparison, shared with check-gradient --code). Each Mismatch has
a `kind` ("error", "count", "dtype", "shape", "nonfinite", "values", and
from probe.py "mutated", "aliased", "again"; a gradient's kind is
"gradient-" + the kind): a known mistake is named only when its own
solution fails the same way (verdicts.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dltutor.codecheck.arrays import Mismatch, Tolerance, compare_arrays, output_label, values_text
from dltutor.codecheck.gradients import compare_gradients

__all__ = ["Mismatch", "Tolerance", "agrees", "compare", "compare_arrays", "output_label"]


def compare(
    expected: Any,
    got: Any,
    tolerance: Tolerance,
    names: list[str],
    output_names: Sequence[str] = (),
    gradients: bool = False,
) -> Mismatch | None:
    """`expected` and `got` have .outputs, .grads, .error (mutation and
    aliasing are probe.py's: judged from data, not from the child's word);
    `output_names` name the outputs in the message when the exercise does.
    With `gradients` the outputs are themselves gradients (a backward by
    hand) and are compared as gradients.py compares every gradient."""
    if got.error is not None:
        return Mismatch(f"it raised an exception:\n{got.error}", {"error": got.error}, "error")
    count, want = len(got.outputs), len(expected.outputs)
    if count != want:
        return Mismatch(
            f"it returned {values_text(count)}; expected {values_text(want)}",
            {"outputs": count, "expected_outputs": want},
            "count",
        )
    labels = [output_label(k, want, output_names) for k in range(want)]
    if gradients:
        problem = compare_gradients(got.outputs, expected.outputs, labels, tolerance).mismatch
    else:
        problem = next(
            (
                found
                for mine, right, what in zip(got.outputs, expected.outputs, labels)
                if (found := compare_arrays(mine, right, tolerance(right.dtype.name, False), what))
            ),
            None,
        )
    return problem or _compare_grads(expected.grads or [], got.grads or [], tolerance, names)


def _compare_grads(expected: list, got: list, tolerance: Tolerance, names: list[str]) -> Mismatch | None:
    """autograd's gradients through the learner's forward, one per input."""
    mine = [got[i] if i < len(got) else None for i in range(len(expected))]
    labels = [
        f"the gradient with respect to {names[i] if i < len(names) else f'input {i}'}"
        for i in range(len(expected))
    ]
    judged = compare_gradients(
        mine, expected, labels, tolerance, absent=" (your output does not depend on it)"
    )
    if judged.mismatch is None:
        return None
    return Mismatch(
        judged.mismatch.message,
        {**judged.mismatch.evidence, "gradient": judged.index},
        "gradient-" + judged.mismatch.kind,
    )


# the sandbox's harness says CaseError where trusted.run_case raises ValueError
# (an output of the wrong shape for its gradient weights): the same failure
_HARNESS = {"CaseError": "ValueError"}


def _error_type(error: str) -> str:
    """ "TypeError" of "TypeError: ..." or of a traceback ending in it."""
    first = error.split(":", 1)[0]
    if first.startswith("Traceback"):
        last = [line for line in error.strip().splitlines() if line and not line[0].isspace()]
        first = last[-1].split(":", 1)[0] if last else ""
    return _HARNESS.get(first, first)


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
        (x, y) for x, y in zip(a.grads or [], b.grads or []) if x is not None and y is not None
    ]
    for x, y in pairs:
        if x.dtype != y.dtype or x.shape != y.shape:
            return False
        if x.dtype.kind in "fc":
            if not np.allclose(x, y, *tolerance(x.dtype.name, True), equal_nan=True):
                return False
        elif not np.array_equal(x, y):
            return False
    return True
