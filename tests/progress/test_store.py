"""The progress database: safe under kills, and never overwrites what is not ours."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from dltutor.progress.store import DB_NAME, Attempt, Store
from tests.conftest import GOOD

_WRITER = """
import sys
from pathlib import Path
from dltutor.progress.store import Attempt, Store
store = Store(Path(sys.argv[1]))
for n in range(1, 100000):
    store.record(Attempt(f"q{n}", "topic", "numeric", 0, str(n), "correct", 1.0))
    print(n, flush=True)  # only after the commit returned
"""


def test_sigkill_while_recording_loses_no_committed_attempt(tmp_path: Path):
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    committed = 0
    deadline = time.monotonic() + 300  # a busy machine starts Python and commits slowly
    while committed < 40 and time.monotonic() < deadline:
        committed = int(writer.stdout.readline())
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert committed >= 40
    with sqlite3.connect(tmp_path / DB_NAME) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        answers = {int(a) for (a,) in conn.execute("SELECT answer FROM attempts")}
    assert set(range(1, committed + 1)) <= answers


def test_attempts_survive_reopening(tmp_path: Path):
    Store(tmp_path).record(Attempt("q", "t", "choice", 0, "a", "correct", 1.0))
    Store(tmp_path).record(Attempt("q", "t", "choice", 0, "b", "incorrect", 0.0))
    stats = Store(tmp_path).topic_stats()["t"]
    assert (stats.attempts, stats.correct, stats.accuracy) == (2, 1, 0.5)


def _unchanged_after(path: Path, cli, match: str) -> None:
    before = path.read_bytes()
    result = cli("progress")
    assert result.exit_code == 2 and match in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert path.read_bytes() == before


def test_corrupt_database_is_reported_and_left_untouched(cli, home: Path):
    home.mkdir(parents=True)
    (home / DB_NAME).write_bytes(b"this is not sqlite at all" * 100)
    _unchanged_after(home / DB_NAME, cli, "corrupt or not a dltutor database")


def test_newer_database_is_reported_and_left_untouched(cli, home: Path):
    Store(home).close()
    with sqlite3.connect(home / DB_NAME) as conn:
        conn.execute("PRAGMA user_version = 99")
    _unchanged_after(home / DB_NAME, cli, "written by a newer dltutor")


def test_someone_elses_sqlite_file_is_not_taken_over(cli, home: Path):
    home.mkdir(parents=True)
    with sqlite3.connect(home / DB_NAME) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    _unchanged_after(home / DB_NAME, cli, "not a dltutor database")


def test_unusable_data_directory_is_one_clear_line(cli, tmp_path: Path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("DLTUTOR_HOME", str(blocker / "home"))
    result = cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", "a")
    assert result.exit_code == 2
    assert "cannot open the progress database" in result.stderr and "DLTUTOR_HOME" in result.stderr


def test_progress_lists_every_topic_with_its_accuracy(cli):
    for answer in ("a", "a", "c"):
        cli("quiz", "--bank", GOOD, "--id", "tiny.pick", "--answer", answer)
    result = cli("progress", "--bank", GOOD)
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if "tiny-topic" in line)
    assert "3" in row and "2" in row and "67%" in row
    assert "solo" in result.stdout
