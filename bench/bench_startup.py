"""Start-up budget (DESIGN §7): `dltutor --help` and `dltutor learn` (piped)
against the `--help` of a bare one-command Typer app, measured in the same run.

    .venv/bin/python bench/bench_startup.py [--runs 15]

Prints median wall times and the ratios; the budget is 1.3x for both.
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
BUDGET = 1.3


def median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, env=env)
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
        }
        # interleave rounds so that machine noise hits every command alike
        results: dict[str, list[float]] = {name: [] for name in peers}
        for _ in range(runs):
            for name, command in peers.items():
                results[name].append(median_seconds(command, 1, env))
    base = statistics.median(results["bare typer --help"])
    print(f"{'command':<26}{'median s':>10}{'ratio':>8}  budget {BUDGET}x")
    for name, times in results.items():
        ratio = statistics.median(times) / base
        flag = "" if ratio <= BUDGET or name.startswith("bare") else "  OVER BUDGET"
        print(f"{name:<26}{statistics.median(times):>10.3f}{ratio:>8.2f}{flag}")


if __name__ == "__main__":
    main()
