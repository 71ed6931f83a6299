"""Helpers shared by the sandbox tests (the fixtures are in conftest.py)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import numpy as np
import pytest

from dltutor.sandbox import Call, Limits, RunResult
from dltutor.sandbox.isolation import _works, isolation_mode

# short limits keep the hostile tests quick; 1.25 GiB still leaves ~600 MB
# above torch's own address space
TEST_LIMITS = Limits(
    cpu_seconds=1, wall_seconds=3, memory_bytes=1280 << 20, output_bytes=256 << 10, file_bytes=8 << 20
)
WEAK = "rlimits-only"
LANDLOCK = "landlock"
HAS_BWRAP = isolation_mode() == "bwrap"
needs_bwrap = pytest.mark.skipif(not HAS_BWRAP, reason="bubblewrap does not work here")
needs_landlock = pytest.mark.skipif(not _works(LANDLOCK), reason="no Landlock in this kernel")
MODES = [pytest.param("bwrap", marks=needs_bwrap), pytest.param(LANDLOCK, marks=needs_landlock), WEAK]
# the modes that promise to keep files and network out of reach
CONFINING = [pytest.param("bwrap", marks=needs_bwrap), pytest.param(LANDLOCK, marks=needs_landlock)]
BEST = "bwrap" if HAS_BWRAP else WEAK  # for behaviour that is the same in both modes


def marker() -> str:
    """A unique sleep duration: a process running `sleep <marker>` is ours."""
    return f"{random.randint(10_000, 99_999)}.{random.randint(10_000, 99_999)}"


def running_with(token: str, wait: float = 2.0) -> list[int]:
    """Live (non-zombie) `sleep <token>` processes; waits up to `wait` s for
    SIGKILLed ones to disappear."""
    end = time.monotonic() + wait
    while True:
        found = []
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                cmdline = Path(f"/proc/{name}/cmdline").read_bytes()
                state = Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()[0]
            except OSError:
                continue
            if cmdline.split(b"\0")[:2] == [b"sleep", token.encode()] and state != b"Z":
                found.append(int(name))
        if not found or time.monotonic() > end:
            return found
        time.sleep(0.05)


def gone(path: Path, seconds: float = 10.0) -> bool:
    """Whether `path` stops existing within `seconds` (another process removes it)."""
    end = time.monotonic() + seconds
    while path.exists() and time.monotonic() < end:
        time.sleep(0.05)
    return not path.exists()


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


X = np.random.default_rng(0).normal(size=(3, 5)).astype(np.float32)
SOFTMAX_CALL = Call("softmax", [X], {"dim": -1})


def passes_softmax(result: RunResult) -> bool:
    """What a grader would conclude: the tutor compares, the child does not."""
    case = result.cases[0]
    return (
        result.status == "ok"
        and case.ok
        and len(case.outputs) == 1
        and case.outputs[0].shape == X.shape
        and np.allclose(case.outputs[0], softmax(X), atol=1e-5)
    )
