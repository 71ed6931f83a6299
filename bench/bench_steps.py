"""Step checking of a 10-line derivation (issue 15), timed two ways in the same run:

- one-shot: `dltutor check-gradient --steps FILE` as a process, against
  `python -c "import sympy"` (the one-shot check-gradient budget is 2x; a
  derivation does nine comparisons instead of one, so its ratio is reported
  beside that budget);
- in-session: the quiz's grading of the same derivation as an answer to a
  derivative question, in a process that has already graded one answer
  (SymPy loaded, as in a running quiz): budget 0.3 s per derivation. Its CPU
  time is printed too: on a loaded machine wall time measures the neighbours.

Each is timed with every line right and with a slip on line 5 (which adds
the mistake diagnosis of the first break).

    .venv/bin/python bench/bench_steps.py [--runs 9]
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

RIGHT = """d/dx (1/(1 + e^(-x)))
= -(1 + e^(-x))^(-2) · (-e^(-x))
= (1 + e^(-x))^(-2) · e^(-x)
= e^(-x)/(1 + e^(-x))^2
= 1/(1 + e^(-x)) · e^(-x)/(1 + e^(-x))
= σ(x) · e^(-x)/(1 + e^(-x))
= σ(x) · (1 + e^(-x) - 1)/(1 + e^(-x))
= σ(x) · (1 - 1/(1 + e^(-x)))
= σ(x)(1 - σ(x))
= σ(x) - σ(x)^2
"""
SLIP = RIGHT.replace("= 1/(1 + e^(-x)) · e^(-x)/(1 + e^(-x))", "= 1/(1 + e^(-x)) · e^(-x)")
ONE_SHOT_BUDGET, IN_SESSION_BUDGET = 2.0, 0.3


def process_seconds(command: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, capture_output=True, env=env, check=False)
    return time.perf_counter() - start


def one_shot(runs: int, home: str) -> dict[str, float]:
    python, env = sys.executable, {**os.environ, "DLTUTOR_HOME": home}
    dltutor = str(Path(python).with_name("dltutor"))
    peers = {
        "python -c 'import sympy'": ([python, "-c", "import sympy"], None),
        "check-gradient --steps (right)": ([dltutor, "check-gradient", "--steps", "-"], RIGHT),
        "check-gradient --steps (slip)": ([dltutor, "check-gradient", "--steps", "-"], SLIP),
    }
    results: dict[str, list[float]] = {name: [] for name in peers}
    for _ in range(runs):  # interleaved, so machine noise hits every command alike
        for name, (command, stdin) in peers.items():
            results[name].append(process_seconds(command, env, stdin))
    return {name: statistics.median(times) for name, times in results.items()}


def in_session(runs: int) -> dict[str, float]:
    from dltutor.bank.catalogue import Catalogue, search_path
    from dltutor.bank.variants import make_variant
    from dltutor.grading import grade_answer

    variant = make_variant(Catalogue(search_path([])).question("act.d-sigmoid"), 0)
    grade_answer(variant, "sigmoid(x)*(1 - sigmoid(x))")  # the quiz has graded an answer already
    from sympy.core.cache import clear_cache

    medians = {}
    for name, text in (("quiz answer, 10 lines (right)", RIGHT), ("quiz answer, 10 lines (slip)", SLIP)):
        wall, cpu = [], []
        for _ in range(runs):
            clear_cache()  # a learner's new derivation: nothing of it in SymPy's cache yet
            start, start_cpu = time.perf_counter(), time.process_time()
            verdict = grade_answer(variant, text)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        brk = verdict.evidence["first_break"]
        assert verdict.correct and (brk is None) == (text is RIGHT), verdict.feedback
        medians[name] = statistics.median(wall)
        medians[name.replace("quiz answer", "  CPU time of")] = statistics.median(cpu)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        os.environ["DLTUTOR_HOME"] = home
        shots = one_shot(runs, home)
        session = in_session(runs)
    peer = shots["python -c 'import sympy'"]
    print(f"{'what':<34}{'median s':>10}{'ratio':>8}  budget")
    print(f"{'python -c import sympy':<34}{peer:>10.3f}")
    for name, seconds in shots.items():
        if name.startswith("check-gradient"):
            ratio = seconds / peer
            flag = "" if ratio <= ONE_SHOT_BUDGET else "  (over the 2x of one-claim check-gradient)"
            print(f"{name:<34}{seconds:>10.3f}{ratio:>8.2f}  {ONE_SHOT_BUDGET}x import sympy{flag}")
    for name, seconds in session.items():
        flag = "" if seconds <= IN_SESSION_BUDGET else "  OVER BUDGET"
        print(f"{name:<34}{seconds:>10.3f}{'':>8}  < {IN_SESSION_BUDGET} s{flag}")


if __name__ == "__main__":
    main()
