"""One comparison of an exercise's function with its PyTorch twin (tinygrad's
helper_test_op, at the scale of an exercise): both run on the exercise's own
prepared calls, and every output, then every gradient, must agree within the
exercise's tolerances (ten times looser for gradients, as the grader's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import run_case


def assert_agrees(spec: Exercise, function: Callable[..., Any], twin: Callable[..., Any],
                  seed: int = 3, forward_only: bool = False) -> None:
    prepared = prepare(spec, seed)
    for job in prepared.jobs:
        case = prepared.cases[job.case]
        weights = None if forward_only else job.weights
        mine, theirs = run_case(function, case, weights), run_case(twin, case, weights)
        assert mine.error is None and theirs.error is None, (mine.error, theirs.error)
        where = f"{spec.id}, {case.note or case.layout}"
        assert len(mine.outputs) == len(theirs.outputs), where
        for a, b in zip(mine.outputs, theirs.outputs):
            assert a.dtype == b.dtype and a.shape == b.shape, where
            np.testing.assert_allclose(a, b, *spec.tolerance_for(b.dtype.name), err_msg=where)
        for a, b in zip(mine.grads or [], theirs.grads or []):
            if a is not None or b is not None:
                np.testing.assert_allclose(a, b, *spec.tolerance_for(b.dtype.name, True),
                                           err_msg=f"{where}: gradient")
