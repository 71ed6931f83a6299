"""The pool of secret seeds drawn ahead (codecheck/pool.py): a one-shot check
whose seed is ready needs no torch in the tutor, every seed serves one check
only, and the next ones are drawn by a detached refill after the verdict."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dltutor.codecheck import cache, pool
from tests.code.test_code_cache import ONE_SHOT
from tests.code.test_code_cli import GOOD_SOFTMAX

WRONG_SOFTMAX = "import torch\n\ndef softmax(x, dim=-1):\n    return torch.exp(x) / torch.exp(x).sum()\n"


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch, named_seed: int) -> None:
    from dltutor.codecheck import inputs

    monkeypatch.setenv(pool.POOL_ENV, "1")
    monkeypatch.setattr(inputs, "SEED_OVERRIDE", None)  # as for a learner


def one_shot(answer: Path) -> tuple[int, str]:
    """(exit code, whether the tutor loaded torch) of a real one-shot check."""
    run = subprocess.run(
        [sys.executable, "-c", ONE_SHOT, str(answer)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return run.returncode, run.stderr.strip().splitlines()[-1]


def refilled() -> list[int]:
    """The pool once the detached refill has filled it and ended."""
    return pool.wait_full("code.softmax", deadline=300)


def test_a_one_shot_takes_a_seed_drawn_ahead_and_only_once(pooled, solution) -> None:
    right, wrong = solution(GOOD_SOFTMAX), solution(WRONG_SOFTMAX, "wrong.py")
    assert one_shot(right) == (0, "torch loaded: True")  # nothing drawn ahead yet
    ready = refilled()
    assert len(ready) == pool.SIZE and len(set(ready)) == pool.SIZE
    folder = pool._file("code.softmax").parent
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(pool._file("code.softmax")).st_mode) == 0o600

    assert one_shot(right) == (0, "torch loaded: False")  # graded from the drawn results
    taken = ready[0]
    assert taken not in pool.ready("code.softmax")
    assert not cache.entry("code.softmax", taken, "reference").exists()

    again = refilled()
    assert taken not in again and len(again) == pool.SIZE
    assert one_shot(wrong)[0] == 1  # a pooled check still fails a wrong answer
    refilled()  # let the last refill end inside this test's folder
