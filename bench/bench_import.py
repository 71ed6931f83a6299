"""`import dltutor` stays cheap (issue 14): the Python API loads on first use.

Interleaved runs of `python -c pass`, `python -c "import typer"` and
`python -c "import dltutor"`, plus the first API call that needs no SymPy
(`dltutor.question`) and one that does (`dltutor.check_gradient`), against
`python -c "import sympy"`. Prints medians and ratios.

    .venv/bin/python bench/bench_import.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PEERS = {
    "python -c pass": "pass",
    "import typer": "import typer",
    "import sympy": "import sympy",
    "import dltutor": "import dltutor",
    "dltutor.question(...)": "import dltutor; dltutor.question('act.sigmoid-range')",
    "dltutor.check_gradient(...)": "import dltutor; dltutor.check_gradient('x^2', '2x')",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {name: [] for name in PEERS}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DLTUTOR_HOME": home}
        for _ in range(runs):  # interleaved, so load changes hit every peer alike
            for name, code in PEERS.items():
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["python -c pass"]
    for name, seconds in median.items():
        print(f"{name:30s} {seconds * 1000:7.1f} ms   {seconds / base:5.2f}x python -c pass")
    print(
        f"import dltutor is {median['import dltutor'] / median['import typer']:.2f}x import typer; "
        f"check_gradient is {median['dltutor.check_gradient(...)'] / median['import sympy']:.2f}x "
        "import sympy"
    )


if __name__ == "__main__":
    main()
