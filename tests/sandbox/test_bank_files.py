"""Hostile bank files get a clear one-line error, fast (issue 10 #9, #10)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dltutor.bank.catalogue import builtin_bank

LAUGHS = "\n".join(
    ["format_version: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(7)]
    + ["questions: []", ""]
)


def dltutor(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DLTUTOR_HOME": str(tmp_path / "home"), "DLTUTOR_CACHE": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "dltutor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    topic = tmp_path / "bank" / "activations"
    topic.mkdir(parents=True)
    (topic / "questions.yaml").write_text(LAUGHS)
    started = time.monotonic()
    run = dltutor("bank", "validate", str(topic.parent), tmp_path=tmp_path)
    assert time.monotonic() - started < 30
    assert run.returncode in (1, 2) and "anchors and aliases" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_huge_bank_file_is_refused_before_parsing(tmp_path: Path) -> None:
    topic = tmp_path / "bank" / "activations"
    topic.mkdir(parents=True)
    (topic / "questions.yaml").write_text("format_version: 1\nquestions: []\n" + "#" * (3 << 20))
    run = dltutor("bank", "validate", str(topic.parent), tmp_path=tmp_path)
    assert run.returncode in (1, 2) and "larger than" in run.stdout + run.stderr


@pytest.mark.parametrize("target", ["/etc/passwd", "../../outside.py"])
def test_a_starter_that_leads_out_of_the_bank_is_refused(tmp_path: Path, target: str) -> None:
    source = builtin_bank() / "activations"
    topic = tmp_path / "bank" / "activations"
    topic.mkdir(parents=True)
    text = (source / "exercises.yaml").read_text()
    start = text.index("  - id: code.relu\n")
    end = text.find("\n  - id: ", start + 1)
    entry = text[start : end if end > 0 else None].replace("id: code.relu\n", "id: code.tp_relu\n")
    (topic / "exercises.yaml").write_text("format_version: 1\nquestions:\n" + entry + "\n")
    code = topic / "code" / "relu"
    code.mkdir(parents=True)
    for file in (source / "code" / "relu").glob("*.py"):
        (code / file.name).write_text(file.read_text())
    (tmp_path / "outside.py").write_text("SECRET = 'outside the bank'\n")
    (code / "starter.py").unlink()
    os.symlink(target if target.startswith("/") else tmp_path / "outside.py", code / "starter.py")
    run = dltutor("quiz", "--bank", str(topic.parent), "--id", "code.tp_relu", "--show", tmp_path=tmp_path)
    assert run.returncode == 2, run.stdout
    assert "outside the exercises folder" in run.stdout + run.stderr
    assert "root:" not in run.stdout and "SECRET" not in run.stdout
