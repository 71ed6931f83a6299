"""Start-up budgets (DESIGN §7), every command timed in the same run:

- `dltutor --help` and `dltutor learn` (piped) against the `--help` of a bare
  one-command Typer app: within 1.3x;
- a one-shot symbolic `dltutor check-gradient` against `python -c "import
  sympy"`: within 2x.

    .venv/bin/python bench/bench_startup.py [--runs 15]
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

BARE_APP = '''
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(name)
app()
'''
# name -> (the peer it is measured against, its budget as a ratio)
BUDGETS = {
    "dltutor --help": ("bare typer --help", 1.3),
    "dltutor learn (piped)": ("bare typer --help", 1.3),
    "dltutor check-gradient": ("python -c 'import sympy'", 2.0),
}


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    dltutor = str(Path(python).with_name("dltutor"))
    with tempfile.TemporaryDirectory() as home:
        bare = Path(home) / "bare.py"
        bare.write_text(BARE_APP)
        env = {**os.environ, "DLTUTOR_HOME": home}
        subprocess.run([dltutor, "learn"], stdout=subprocess.PIPE, env=env, check=True)  # warm caches
        peers = {
            "bare typer --help": [python, str(bare), "--help"],
            "dltutor --help": [dltutor, "--help"],
            "dltutor learn (piped)": [dltutor, "learn"],
            "python -c 'import sympy'": [python, "-c", "import sympy"],
            "dltutor check-gradient": [
                dltutor,
                "check-gradient",
                "x*sigmoid(x)",
                "sigmoid(x) + x*sigmoid(x)*(1 - sigmoid(x))",
            ],
        }
        # interleave rounds so that machine noise hits every command alike
        results: dict[str, list[float]] = {name: [] for name in peers}
        for _ in range(runs):
            for name, command in peers.items():
                results[name].append(median_seconds(command, 1, env))
    median = {name: statistics.median(times) for name, times in results.items()}
    print(f"{'command':<28}{'median s':>10}{'ratio':>8}  against (budget)")
    for name, seconds in median.items():
        if name not in BUDGETS:
            print(f"{name:<28}{seconds:>10.3f}")
            continue
        peer, budget = BUDGETS[name]
        ratio = seconds / median[peer]
        flag = "" if ratio <= budget else "  OVER BUDGET"
        print(f"{name:<28}{seconds:>10.3f}{ratio:>8.2f}  {peer} ({budget}x){flag}")


if __name__ == "__main__":
    main()
