"""A big bank and a long history against the built-in bank alone (DESIGN §7:
every command within 2x): `progress`, `quiz` (continue the course: plan, show
the first question, quit), `learn` (the course map), `bank list`, and
`progress import`.

    .venv/bin/python bench/bench_big_bank.py [--runs 5] [--questions 20000] [--answers 100000] [--budget-only]

The peer is the same command on the built-in bank alone with a short history
(1,000 answers over six weeks); the big case adds a synthetic bank of
`--questions` parametrised questions (bench/big_bank.py) and a history of
`--answers` answers (a year). Both histories skip code questions, so a quiz
never waits for a sandbox. Each run starts from a fresh copy of the same
progress database and a fixed clock (DLTUTOR_NOW), so every run does the same
work. Each command is timed
- with a warm bank index (the usual case: the index is kept between commands);
- after one file changed: the index entry of the biggest questions file is
  gone, so that file is parsed and validated whole (an author's edit);
- with no index at all (once after installing or upgrading dltutor: every
  file is parsed and validated). This one is a one-off cost, linear in the
  bank, and is shown for the record, not held to the budget.
`progress import` of the same 1,000 new answers is timed into a fresh home
(the peer) and into the long history (the big case); importing the whole
year's history (30 MB) into a fresh home is timed on its own: it is linear in
the file and has no peer.
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
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from big_bank import END, make_bank, make_history

COMMANDS = {
    "progress": ["progress"],
    "quiz (continue)": ["quiz", "-n", "1"],
    "learn (the course map)": ["learn"],
    "bank list": ["bank", "list"],
}
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

    def warm_up(self, argv: list[str]) -> None:
        """The index is built and the files are in the page cache."""
        self.run_once(argv, self.root / "home")

    def seconds(self, argv: list[str], index: str) -> float:
        folder = self.root / "cache" / "index"
        if index == "cold":
            shutil.rmtree(folder, ignore_errors=True)
        elif index == "one file changed":
            max(folder.glob("*.json"), key=lambda entry: entry.stat().st_size).unlink()
        return self.run_once(argv, self.root / "home")

    def run_once(self, argv: list[str], home: Path, prepared: Path | None = None) -> float:
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(prepared or self.prepared, home)
        return timed(argv, self.env(home))

    def import_seconds(self, history: Path, into: Path | None = None) -> float:
        """Importing `history` into a copy of `into` (default: a fresh home)."""
        empty = self.root / "empty"
        empty.mkdir(exist_ok=True)
        return self.run_once(["progress", "import", str(history)], self.root / "home", into or empty)


def in_turns(cases: tuple[Case, ...], runs: int, once: Callable[[Case], float]) -> list[float]:
    """Each case's median of `runs`, the cases taking turns run by run: a slow
    spell of the machine then slows both sides, not one."""
    times: list[list[float]] = [[] for _ in cases]
    for _ in range(runs):
        for case, seen in zip(cases, times):
            seen.append(once(case))
    return [statistics.median(seen) for seen in times]


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
    return f"{name:36s} {peer:7.2f} s {big:7.2f} s {big / peer:6.2f}x   {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--budget-only", action="store_true", help="skip the no-index runs, for the record")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        builtin = builtin_questions()
        extra = make_bank(root / "bank", args.questions)
        make_history(root / "short.json", builtin, 1_000, every=timedelta(hours=1))
        make_history(root / "more.json", builtin, 1_000, seed=8, every=timedelta(minutes=61))
        make_history(root / "long.json", {**builtin, **extra}, args.answers)
        peer = Case(root, "peer", "", root / "short.json")
        big = Case(root, "big", str(root / "bank"), root / "long.json")
        print(
            f"built-in bank ({len(builtin)} questions besides code, 1,000 answers) against "
            f"+{args.questions} questions and {args.answers} answers; median of {args.runs}, "
            "the two taking turns; "
            f"load {os.getloadavg()[0]:.1f}"
        )
        print(f"{'command':36s} {'built-in':>9s} {'big':>9s} {'ratio':>7s}   budget 2x")
        for index in ("warm", "one file changed"):
            for name, argv in COMMANDS.items():
                peer.warm_up(argv), big.warm_up(argv)
                peer_s, big_s = in_turns(
                    (peer, big), args.runs, partial(Case.seconds, argv=argv, index=index)
                )
                print(line(f"{name}, {index}", peer_s, big_s), flush=True)
        more = root / "more.json"
        into = in_turns(
            (peer, big),
            args.runs,
            lambda case: case.import_seconds(more, big.prepared if case is big else None),
        )
        print(line("progress import of 1,000 answers", *into), flush=True)
        if args.budget_only:
            print(f"load afterwards {os.getloadavg()[0]:.1f} (above 2 on 2 cores, measure again)")
            return
        print("\nonce after installing or upgrading (no index: every file parsed), for the record:")
        for name, argv in COMMANDS.items():
            peer_s, big_s = in_turns((peer, big), args.runs, partial(Case.seconds, argv=argv, index="cold"))
            ratio = f"{big_s / peer_s:6.2f}x"
            print(f"{name + ', no index':36s} {peer_s:7.2f} s {big_s:7.2f} s {ratio}", flush=True)
        (year,) = in_turns((big,), args.runs, lambda case: case.import_seconds(root / "long.json"))
        size = (root / "long.json").stat().st_size / 2**20
        label = f"progress import of {args.answers:,} answers ({size:.0f} MiB), into a fresh home"
        print(f"{label}: {year:.2f} s")
        print(f"load afterwards {os.getloadavg()[0]:.1f} (above 2 on 2 cores, measure again)")


if __name__ == "__main__":
    main()
