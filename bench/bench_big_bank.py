"""A big bank and a long history against the built-in bank alone (DESIGN §7:
every command within 2x): `progress`, `quiz` (continue the course: plan, show
the first question, quit), `bank list`, and `progress import` of the history.

    .venv/bin/python bench/bench_big_bank.py [--runs 3] [--questions 20000] [--answers 100000]

The peer is the same command on the built-in bank alone with a short history
(1,000 answers over six weeks); the big case adds a synthetic bank of
`--questions` parametrised questions (bench/big_bank.py) and a history of
`--answers` answers (a year). Both histories skip code questions, so a quiz
never waits for a sandbox. Each command is timed with a warm bank index (the
usual case: the index is kept between commands) and a cold one (the first
command after a bank file changed: every file is parsed and validated whole).
Each run starts from a fresh copy of the same progress database and a fixed
clock (DLTUTOR_NOW), so every run does the same work. `progress import` reads
no bank and no index: it is timed once, into an empty home.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from big_bank import END, make_bank, make_history

COMMANDS = {"progress": ["progress"], "quiz (continue)": ["quiz", "-n", "1"], "bank list": ["bank", "list"]}
DLTUTOR = str(Path(sys.executable).with_name("dltutor"))
NOW = (END + timedelta(hours=6)).isoformat()  # the evening after the last answer


def timed(argv: list[str], env: dict[str, str], stdin: str = "q\n") -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [DLTUTOR, *argv],
        input=stdin,
        text=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 130):  # 130: the quiz left with q
        sys.exit(f"dltutor {' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds


class Case:
    """One setup: its banks, its prepared progress, its own index folder."""

    def __init__(self, root: Path, name: str, banks: str, history: Path) -> None:
        self.root, self.banks, self.history = root / name, banks, history
        self.prepared = self.root / "prepared"
        subprocess.run(
            [DLTUTOR, "progress", "import", str(history)],
            check=True,
            env=self.env(self.prepared),
            stdout=subprocess.DEVNULL,
        )

    def env(self, home: Path) -> dict[str, str]:
        return {
            **os.environ,
            "DLTUTOR_HOME": str(home),
            "DLTUTOR_BANKS": self.banks,
            "DLTUTOR_CACHE": str(self.root / "cache"),
            "DLTUTOR_NOW": NOW,
            "COLUMNS": "80",
        }

    def seconds(self, argv: list[str], runs: int, cold: bool) -> float:
        home, times = self.root / "home", []
        self.run_once(argv, home)  # a warm start: the index is built, the files are in the page cache
        for _ in range(runs):
            if cold:
                shutil.rmtree(self.root / "cache" / "index", ignore_errors=True)
            times.append(self.run_once(argv, home))
        return statistics.median(times)

    def run_once(self, argv: list[str], home: Path) -> float:
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(self.prepared, home)
        return timed(argv, self.env(home))

    def import_seconds(self, runs: int) -> float:
        home, times = self.root / "fresh", []
        for _ in range(runs):
            shutil.rmtree(home, ignore_errors=True)
            times.append(timed(["progress", "import", str(self.history)], self.env(home)))
        return statistics.median(times)


def builtin_questions() -> dict[str, tuple[str, str]]:
    listed = subprocess.run(
        [DLTUTOR, "bank", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DLTUTOR_BANKS": ""},
    ).stdout
    return {q["id"]: (q["topic"], q["kind"]) for q in json.loads(listed)["questions"] if q["kind"] != "code"}


def line(name: str, peer: float, big: float) -> str:
    verdict = "ok" if big <= 2 * peer else "OVER BUDGET"
    return f"{name:28s} {peer:7.2f} s {big:7.2f} s {big / peer:6.2f}x   {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--answers", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        builtin = builtin_questions()
        extra = make_bank(root / "bank", args.questions)
        make_history(root / "short.json", builtin, 1_000, every=timedelta(hours=1))
        make_history(root / "long.json", {**builtin, **extra}, args.answers)
        peer = Case(root, "peer", "", root / "short.json")
        big = Case(root, "big", str(root / "bank"), root / "long.json")
        print(
            f"built-in bank ({len(builtin)} questions besides code, 1,000 answers) against "
            f"+{args.questions} questions and {args.answers} answers; median of {args.runs}; "
            f"load {os.getloadavg()[0]:.1f}"
        )
        print(f"{'command':28s} {'built-in':>9s} {'big':>9s} {'ratio':>7s}   budget 2x")
        for cold in (False, True):
            for name, argv in COMMANDS.items():
                label = f"{name}, {'cold' if cold else 'warm'} index"
                print(
                    line(label, peer.seconds(argv, args.runs, cold), big.seconds(argv, args.runs, cold)),
                    flush=True,
                )
        print(line("progress import", peer.import_seconds(args.runs), big.import_seconds(args.runs)))
        print(f"load afterwards {os.getloadavg()[0]:.1f} (above 2 on 2 cores, measure again)")


if __name__ == "__main__":
    main()
