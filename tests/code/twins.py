"""What the exercise test files share: the built-in bank, the background
check of a form's exercises, the other-style solutions that must pass, and
one comparison of an exercise's function with its PyTorch twin (tinygrad's
helper_test_op, at the scale of an exercise): both run on the exercise's own
prepared calls, and every output, then every gradient, must agree within the
exercise's tolerances (ten times looser for gradients, as the grader's)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dltutor.bank.catalogue import Catalogue, builtin_bank
from dltutor.codecheck import batch
from dltutor.codecheck.prepare import prepare
from dltutor.codecheck.spec import Exercise
from dltutor.codecheck.trusted import run_case

BOOKS = Catalogue([builtin_bank()])
FIXTURES = Path(__file__).parent.parent / "fixtures" / "code"


def checked_in_background(ids: list[str]) -> Any:
    """A module fixture that starts `bank validate`'s check of these
    exercises, two at a time, so that each test's own wait is short."""

    @pytest.fixture(scope="module")
    def all_checked() -> None:
        batch.prefetch([BOOKS.question(qid) for qid in ids])

    return all_checked


def assert_bank_checks(qid: str) -> None:
    """The reference grades correct and every wrong file is caught with its
    own mistake (after the module's background check, when there is one)."""
    question = BOOKS.question(qid)
    assert len(question.wrong) >= 2 and len({w.mistake for w in question.wrong}) == len(question.wrong)
    assert batch.code_problems(question) == []


def assert_other_styles_pass(qid: str, folder: str, seed: int) -> None:
    """Every `fixtures/code/<folder>/<name>_*.py` grades correct at `seed`."""
    files = sorted((FIXTURES / folder).glob(f"{qid.removeprefix('code.')}_*.py"))
    assert files, f"no other-style solution for {qid}"
    verdicts = batch.check_sources(BOOKS.question(qid), seed, [(f.read_text(), f.name) for f in files])
    for file, verdict in zip(files, verdicts):
        assert not isinstance(verdict, str) and verdict.correct, (file.name, verdict)


def assert_agrees(
    spec: Exercise,
    function: Callable[..., Any],
    twin: Callable[..., Any],
    seed: int = 3,
    forward_only: bool = False,
) -> None:
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
                np.testing.assert_allclose(
                    a, b, *spec.tolerance_for(b.dtype.name, True), err_msg=f"{where}: gradient"
                )
