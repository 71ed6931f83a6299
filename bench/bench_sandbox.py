"""Sandbox timings and memory, as ratios against `python -c "import torch"`
measured in the same run (DESIGN §7).

    python bench/bench_sandbox.py [--repeat 5] [--mode bwrap|rlimits-only]

Budgets: a cold check within 1.6x of importing torch; a verdict from a warm
sandbox under 0.5 s after `.run()`. Peak memory is the largest summed
resident set of all processes of a check (bwrap included), sampled.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np
from procmem import PeakMemory  # bench/ is on sys.path when run as a script

from dltutor.sandbox import Call, WarmSandbox, isolation_mode, run_calls

SOFTMAX = """
import torch

def softmax(x, dim=-1):
    e = torch.exp(x - x.max(dim=dim, keepdim=True).values)
    return e / e.sum(dim=dim, keepdim=True)
"""
FORBID = ["torch.softmax", "torch.nn.functional.softmax", "torch.Tensor.softmax"]


def softmax_calls() -> list[Call]:
    """A job the size of the softmax exercise: ranks 1-3, large magnitudes, a gradient."""
    rng = np.random.default_rng(0)
    shapes = [(7,), (3, 5), (2, 4, 9), (16, 128)]
    calls = [Call("softmax", [rng.normal(size=s).astype(np.float32)], {"dim": -1}) for s in shapes]
    calls.append(Call("softmax", [rng.normal(size=(4, 6)).astype(np.float32) * 1000], {"dim": -1}))
    x, w = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    calls.append(Call("softmax", [x], {"dim": 0}, want_grad=True, grad_weights=[w]))
    return calls


def seconds(action, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def peak_mib(action) -> float:
    with PeakMemory(include_root=False) as peak:
        action()
    return peak.peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--mode", choices=["bwrap", "rlimits-only"], default=None)
    args = parser.parse_args()
    mode = isolation_mode(args.mode)
    calls = softmax_calls()
    torch_argv = [sys.executable, "-I", "-c", "import torch"]

    def cold() -> None:
        assert run_calls(SOFTMAX, calls, forbidden=FORBID, isolation_mode=mode).ok

    def warm_once() -> float:
        with WarmSandbox(isolation_mode=mode) as box:
            assert box.wait_ready(60)
            started = time.perf_counter()
            assert box.run(SOFTMAX, calls, forbidden=FORBID).ok
            return time.perf_counter() - started

    one_shot = (
        "from dltutor.sandbox import run_calls, Call\nimport numpy as np\n"
        f"r = run_calls({SOFTMAX!r}, [Call('softmax', [np.ones((3, 5), np.float32)])],"
        f" isolation_mode={mode!r})\nassert r.ok"
    )
    cold()  # the bwrap probe and the disk cache are not what we measure
    # interleaved, so that a change in the machine's load hits every measure alike
    times: dict[str, list[float]] = {"torch": [], "cold": [], "shot": []}
    for _ in range(args.repeat):
        times["torch"] += seconds(lambda: subprocess.run(torch_argv, check=True), 1)
        times["cold"] += seconds(cold, 1)
        times["shot"] += seconds(lambda: subprocess.run([sys.executable, "-c", one_shot], check=True), 1)
    torch_s, cold_s, shot_s = (statistics.median(times[k]) for k in ("torch", "cold", "shot"))
    warm = [warm_once() for _ in range(args.repeat)]
    torch_mib = peak_mib(lambda: subprocess.run(torch_argv, check=True))
    check_mib = peak_mib(cold)
    report = {
        "mode": mode,
        "repeat": args.repeat,
        "import_torch_s": round(torch_s, 3),
        "cold_run_calls_s": round(cold_s, 3),
        "cold_ratio": round(cold_s / torch_s, 2),
        "one_shot_process_s": round(shot_s, 3),
        "one_shot_ratio": round(shot_s / torch_s, 2),
        "warm_verdict_median_s": round(statistics.median(warm), 3),
        "warm_verdict_max_s": round(max(warm), 3),
        "peak_rss_import_torch_mib": round(torch_mib, 1),
        "peak_rss_check_mib": round(check_mib, 1),
        "peak_rss_ratio": round(check_mib / torch_mib, 2),
    }
    budgets = {
        "cold_ratio <= 1.6": report["cold_ratio"] <= 1.6,
        "one_shot_ratio <= 1.6": report["one_shot_ratio"] <= 1.6,
        "warm_verdict_max_s < 0.5": report["warm_verdict_max_s"] < 0.5,
    }
    for key, value in report.items():
        print(f"{key:28} {value}")
    for budget, met in budgets.items():
        print(f"{'met' if met else 'MISSED':7} {budget}")
    print(json.dumps({**report, "budgets_met": all(budgets.values())}))


if __name__ == "__main__":
    main()
