"""Code answers: timings and memory, as ratios against `python -c "import torch"`
measured in the same run (DESIGN §7).

    python bench/bench_code.py [--repeat 5]

Budgets: the one-shot `dltutor quiz --id code.softmax --answer-file F` within
1.6x of importing torch, edge battery on. Each check draws fresh secret
inputs; a one-shot takes a seed drawn ahead, whose results a detached refill
computed after the previous check (codecheck/pool.py), so the tutor needs no
torch. The bench waits for that refill between one-shots, as a learner's
editing does. The one-shot with the pool off (or empty: two checks in a
row) is shown too: the tutor then computes the references itself, importing
torch while the sandbox child does, on the other core. The verdict
inside a quiz (sandbox warm, references for the next secret seed computed
while the learner edits) under 0.5 s after Enter. Peak memory is
the largest summed resident set of the tutor and everything it started
(bwrap and the sandbox child included), sampled every 5 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from procmem import PeakMemory  # bench/ is on sys.path when run as a script

SOFTMAX = """
import torch

def softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
"""
DLTUTOR = [sys.executable, "-m", "dltutor"]


def timed(argv: list[str], env: dict[str, str], peak: bool = False) -> tuple[float, float]:
    """(seconds, peak MiB of the process tree) of one command, which must succeed."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(proc.pid) if peak else _Nothing() as memory:
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return time.perf_counter() - started, getattr(memory, "peak_kib", 0) / 1024


class _Nothing:
    def __enter__(self) -> _Nothing:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def in_session(repeat: int) -> list[float]:
    """Seconds from Enter to the verdict, as the quiz does it: the check is
    started when the question is shown, the learner takes a while, then Enter."""
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.bank.variants import make_variant
    from dltutor.codecheck import runner
    from dltutor.grading import grade_answer

    variant = make_variant(Catalogue(search_path()).question("code.softmax"), 0)
    session = runner.start(variant)
    times = []
    for _ in range(repeat):
        session.prepared()  # the learner is still typing: both are ready by Enter
        assert session.box is not None and session.box.wait_ready(60)
        started = time.perf_counter()
        verdict = grade_answer(variant, SOFTMAX, "my_softmax.py")
        times.append(time.perf_counter() - started)
        assert verdict.correct, verdict.feedback
    runner.finish(variant)
    return times


def wait_for_pool(env: dict[str, str]) -> None:
    """Until the detached refill has drawn the pool full and ended."""
    os.environ["DLTUTOR_CACHE"] = env["DLTUTOR_CACHE"]
    from dltutor.codecheck import pool

    pool.wait_full("code.softmax", deadline=300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="dltutor-bench-")
    answer = Path(home) / "my_softmax.py"
    answer.write_text(SOFTMAX)
    env = {
        **os.environ,
        "DLTUTOR_HOME": home,
        "DLTUTOR_CACHE": str(Path(home) / "cache"),
        "DLTUTOR_CODE_POOL": "1",
    }
    torch_argv = [sys.executable, "-c", "import torch"]
    shot_argv = [*DLTUTOR, "quiz", "--id", "code.softmax", "--answer-file", str(answer)]
    # the bwrap probe and the OS's file cache are not what we measure; this
    # first one-shot also starts the first refill of the pool
    timed(shot_argv, env)
    times: dict[str, list[float]] = {"torch": [], "shot": [], "cold": []}
    peaks = []
    for _ in range(args.repeat):  # interleaved: a change of load hits all alike
        times["torch"].append(timed(torch_argv, env)[0])
        wait_for_pool(env)
        seconds, peak = timed(shot_argv, env, peak=True)
        times["shot"].append(seconds)
        peaks.append(peak)
        wait_for_pool(env)
        times["cold"].append(timed(shot_argv, {**env, "DLTUTOR_CODE_POOL": "0"})[0])
    torch_s, shot_s = statistics.median(times["torch"]), statistics.median(times["shot"])
    cold_s = statistics.median(times["cold"])
    os.environ["DLTUTOR_CACHE"] = env["DLTUTOR_CACHE"]  # not the user's cache
    warm = in_session(args.repeat)
    warm_s = statistics.median(warm)
    rows = [
        ("python -c 'import torch'", f"{torch_s:.3f} s", "1.00x", ""),
        (
            "quiz --answer-file (one-shot)",
            f"{shot_s:.3f} s",
            f"{shot_s / torch_s:.2f}x",
            "ok" if shot_s <= 1.6 * torch_s else "OVER (budget 1.6x)",
        ),
        (
            "  the same, no seed drawn ahead",
            f"{cold_s:.3f} s",
            f"{cold_s / torch_s:.2f}x",
            "tutor imports torch",
        ),
        (
            "verdict after Enter (in quiz)",
            f"{warm_s:.3f} s (max {max(warm):.3f})",
            "",
            "ok" if warm_s < 0.5 else "OVER (budget 0.5 s)",
        ),
        ("peak memory of a check", f"{statistics.median(peaks):.0f} MiB", "", "tutor + sandbox"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'time':>24}  {'ratio':>6}  budget")
    for name, value, ratio, verdict in rows:
        print(f"{name:<{width}}  {value:>24}  {ratio:>6}  {verdict}")
    print(
        f"(median of {args.repeat}; load average {os.getloadavg()[0]:.2f} on "
        f"{os.cpu_count()} cores; secret inputs per check, each used once)"
    )


if __name__ == "__main__":
    main()
