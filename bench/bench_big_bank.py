"""Commands with a big bank and a long history, against the built-in bank alone
(DESIGN §7: within 2x): `progress`, `quiz` (continue the course, then quit),
`bank list`, and `progress import` of the long history.

    .venv/bin/python bench/bench_big_bank.py [--runs 5] [--questions 20000] [--answers 100000]
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

sys.path.insert(0, str(Path(__file__).parent))
from big_bank import make_bank, make_history

COMMANDS = {"progress": ["progress"], "quiz (continue)": ["quiz", "-n", "1"],
            "bank list": ["bank", "list"]}


def seconds(argv: list[str], env: dict[str, str], runs: int, stdin: str = "q\n") -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, input=stdin, text=True, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    dltutor = str(Path(sys.executable).with_name("dltutor"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        ids = make_bank(root / "bank", args.questions)
        make_history(root / "history.json", ids, args.answers)
        small = {**os.environ, "DLTUTOR_HOME": str(root / "small"), "DLTUTOR_BANKS": ""}
        big = {**os.environ, "DLTUTOR_HOME": str(root / "big"), "DLTUTOR_BANKS": str(root / "bank")}
        start = time.perf_counter()
        subprocess.run([dltutor, "progress", "import", str(root / "history.json")], env=big,
                       check=True, stdout=subprocess.DEVNULL)
        imported = time.perf_counter() - start
        print(f"{args.questions} extra questions, {args.answers} past answers "
              f"(import took {imported:.2f} s)")
        for name, argv in COMMANDS.items():
            alone = seconds([dltutor, *argv], small, args.runs)
            loaded = seconds([dltutor, *argv], big, args.runs)
            verdict = "ok" if loaded <= 2 * alone else "over budget"
            print(f"{name:18s} built-in {alone:6.2f} s   big {loaded:6.2f} s   "
                  f"{loaded / alone:5.2f}x  (budget 2x: {verdict})")


if __name__ == "__main__":
    main()
