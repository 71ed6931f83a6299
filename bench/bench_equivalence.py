"""Equivalence benchmark: dltutor's `equivalent` against SymPy's usual checks.

Runs every pair of the corpus (tests/mathexpr/mathexpr_corpus.py) through

- dltutor `equivalent(..., confirm=0)` (the numeric verdict, in this process),
- dltutor `equivalent(...)` with its defaults and a warm symbolic worker,
- `simplify(a - b) == 0` and `(a - b).equals(0)`, each in a separate process
  killed after --cap seconds (a timeout or a None counts as a wrong verdict),

and prints wrong verdicts, median and worst time for each, plus one-shot
start-up costs against `python -c "import sympy"`.

    python bench/bench_equivalence.py [--cap 5] [--limit N] [--no-startup]
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "mathexpr")]

from mathexpr_corpus import CORPUS, Pair  # noqa: E402

from dltutor.mathexpr import derivative, equivalent, parse, start_worker  # noqa: E402
from dltutor.mathexpr.serial import to_data  # noqa: E402
from dltutor.mathexpr.vocabulary import expand_activations  # noqa: E402

PEER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import sympy as sp
from dltutor.mathexpr.serial import from_data
print("ready", flush=True)
for line in sys.stdin:
    req = json.loads(line)
    d = from_data(req["a"]) - from_data(req["b"])
    t = time.perf_counter()
    if req["how"] == "simplify":
        verdict = sp.simplify(d) == 0
    else:
        verdict = d.equals(0)
    print(json.dumps({"verdict": verdict, "seconds": time.perf_counter() - t}), flush=True)
"""


class Peer:
    """One SymPy method in a killable process."""

    def __init__(self, how: str, cap: float) -> None:
        self.how, self.cap, self.proc = how, cap, None

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", PEER, str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "ready"

    def check(self, a: Any, b: Any) -> tuple[bool | None, float]:
        """(verdict or None for no verdict, seconds)."""
        if self.proc is None:
            self._start()
        assert self.proc is not None and self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps({"a": a, "b": b, "how": self.how}) + "\n")
        self.proc.stdin.flush()
        if not select.select([self.proc.stdout], [], [], self.cap + 1.0)[0]:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
            return None, self.cap
        reply = json.loads(self.proc.stdout.readline())
        return reply["verdict"], min(reply["seconds"], self.cap)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


def exprs(p: Pair) -> tuple[Any, Any]:
    ref = (
        parse(p.reference, p.variables)
        if p.reference is not None
        else derivative(parse(p.function, p.variables), p.wrt)
    )
    return parse(p.answer, p.variables), ref


def run(pairs: list[Pair], cap: float) -> dict[str, dict[str, Any]]:
    stats: dict[str, dict[str, Any]] = {
        k: {"wrong": 0, "none": 0, "times": []}
        for k in (
            "dltutor numeric",
            "  not identical",
            "dltutor default",
            "simplify(a-b)==0",
            "(a-b).equals(0)",
        )
    }
    peers = {"simplify(a-b)==0": Peer("simplify", cap), "(a-b).equals(0)": Peer("equals", cap)}
    start_worker()
    time.sleep(3)  # let the worker import SymPy, as it would while a learner reads the question
    try:
        for i, p in enumerate(pairs):
            a, b = exprs(p)
            for name, confirm in (("dltutor numeric", 0.0), ("dltutor default", 0.02)):
                t = time.perf_counter()
                result = equivalent(a, b, p.variables, confirm=confirm)
                seconds = time.perf_counter() - t
                _record(stats[name], result.equal, p.equal, seconds)
                if confirm == 0 and result.method != "identical":  # the trees differed
                    _record(stats["  not identical"], result.equal, p.equal, seconds)
            ea, eb = to_data(expand_activations(a)), to_data(expand_activations(b))
            for name, peer in peers.items():
                verdict, seconds = peer.check(ea, eb)
                _record(stats[name], verdict, p.equal, seconds)
            print(f"\r{i + 1}/{len(pairs)}", end="", file=sys.stderr, flush=True)
    finally:
        for peer in peers.values():
            peer.close()
    print(file=sys.stderr)
    return stats


def _record(stat: dict[str, Any], verdict: bool | None, truth: bool, seconds: float) -> None:
    stat["times"].append(seconds)
    if verdict is None:
        stat["none"] += 1
    if verdict is not truth:
        stat["wrong"] += 1


def startup(runs: int = 5) -> list[tuple[str, float]]:
    """Median wall time of one-shot commands (fresh interpreters)."""
    one_shot = (
        "from dltutor.mathexpr import parse, derivative, equivalent; "
        "v = {'x': 'real'}; f = parse('log(1+e^x)', v); "
        "print(equivalent(parse('σ(x)', v), derivative(f, 'x'), v, confirm=0).equal)"
    )
    commands = [
        ("python -c 'import sympy'", "import sympy"),
        ("python -c 'import dltutor.mathexpr'", "import dltutor.mathexpr"),
        ("one-shot check (import+parse+derivative+equivalent)", one_shot),
    ]
    out = []
    for label, code in commands:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-c", code],
                check=True,
                capture_output=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            times.append(time.perf_counter() - t)
        out.append((label, statistics.median(times)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cap", type=float, default=5.0, help="seconds per SymPy check")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pairs")
    parser.add_argument("--no-startup", action="store_true")
    args = parser.parse_args()
    pairs = CORPUS[: args.limit] if args.limit else CORPUS
    stats = run(pairs, args.cap)
    print(f"\n{len(pairs)} pairs ({sum(p.equal for p in pairs)} equal), SymPy capped at {args.cap:g} s\n")
    print(f"{'method':<22}{'pairs':>6}{'wrong':>7}{'no verdict':>12}{'median ms':>11}{'worst ms':>10}")
    for name, s in stats.items():
        print(
            f"{name:<22}{len(s['times']):>6}{s['wrong']:>7}{s['none']:>12}"
            f"{statistics.median(s['times']) * 1e3:>11.1f}{max(s['times']) * 1e3:>10.0f}"
        )
    if not args.no_startup:
        print()
        base = None
        for label, seconds in startup():
            base = base or seconds
            print(f"{label:<55}{seconds * 1e3:>7.0f} ms  {seconds / base:4.2f}x")


if __name__ == "__main__":
    main()
