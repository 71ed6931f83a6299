"""The symbolic worker: confirms when it can, is cancelled or killed when it cannot."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from dltutor.mathexpr import equivalent, parse
from dltutor.mathexpr.worker import Worker

V = {"x": "real", "y": "real", "z": "real"}
# true, and SymPy needs several seconds to prove it (about 5 s on the 2-core machines)
SLOW = (
    "tanh(x+y+z)",
    ("(tanh(x)+tanh(y)+tanh(z)+tanh(x)tanh(y)tanh(z))/(1+tanh(x)tanh(y)+tanh(y)tanh(z)+tanh(x)tanh(z))"),
)


def ready(worker: Worker) -> Worker:
    worker.start()
    deadline = time.monotonic() + 30
    while not worker._settle():
        assert time.monotonic() < deadline, "worker did not start"
        time.sleep(0.05)
    return worker


def test_worker_proves_an_identity() -> None:
    worker = ready(Worker())
    try:
        assert worker.prove_equal(parse("(x+1)^2", V), parse("x^2 + 2x + 1", V), 20.0) is True
        assert worker.prove_equal(parse("x", V), parse("x + 1", V), 20.0) is False
    finally:
        worker.stop()


def test_cancelled_task_frees_the_worker() -> None:
    worker = ready(Worker(hard_limit=30))
    try:
        start = time.monotonic()
        assert worker.prove_equal(parse(SLOW[0], V), parse(SLOW[1], V), 0.05) is None
        assert time.monotonic() - start < 2.0  # not the ~5 s proof (and a busy machine's margin)
        time.sleep(0.2)
        assert worker.prove_equal(parse("2x", V), parse("x + x", V), 20.0) is True
    finally:
        worker.stop()


def test_hanging_worker_is_killed_at_the_hard_bound() -> None:
    # alarm=False: the worker ignores its own timer and cancel requests, like a C-level hang
    worker = ready(Worker(hard_limit=0.2, alarm=False))
    proc = worker.proc
    assert proc is not None
    start = time.monotonic()
    assert worker.ask({"op": "hang", "seconds": 60}, 0.1) is None
    assert time.monotonic() - start < 2.0  # not the 60 s hang
    proc.wait(timeout=30)  # killed by the parent's timer at hard_limit + 0.5 s; polled
    assert time.monotonic() - start < 10.0  # long before the hang would end
    assert not worker.alive()
    assert worker.prove_equal(parse("x", V), parse("x", V), 0.1) is None  # restarts lazily
    assert worker.alive()
    worker.stop()


def test_verdict_does_not_wait_for_a_slow_proof() -> None:
    from dltutor.mathexpr import start_worker, stop_worker

    start_worker()
    time.sleep(0)
    try:
        for _ in range(3):
            start = time.monotonic()
            v = equivalent(SLOW[0], SLOW[1], V, confirm=0.2)
            assert v.equal and time.monotonic() - start < 2.5  # not the ~5 s proof
    finally:
        stop_worker()


def test_worker_rebuilds_without_eval() -> None:
    from dltutor.mathexpr.serial import from_data, to_data

    e = parse("σ(x)^2 + gelu(x)/3 - log(1 + e^x) + |x| + max(x, 1) + 0.5", V)
    assert from_data(to_data(e)) == e
    with pytest.raises(ValueError):
        from_data(["f", "__import__", [["I", "1"]]])


def test_import_is_light_and_never_loads_torch() -> None:
    code = "import sys, dltutor.mathexpr; print('torch' in sys.modules, 'numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
