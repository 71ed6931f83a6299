"""The real process end (cli.app.leave): once torch is loaded the tutor exits
without the interpreter's teardown, so this is checked on a real process, not
CliRunner: the verdict's output is complete, the exit code is the verdict's,
and the exit handlers still ran (the sandbox's working folder is removed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RIGHT = (
    "import torch\n\ndef softmax(x, dim=-1):\n"
    "    return torch.exp(x - x.amax(dim=dim, keepdim=True)) / "
    "torch.exp(x - x.amax(dim=dim, keepdim=True)).sum(dim=dim, keepdim=True)\n"
)
NO_FUNCTION = "import torch\n\ndef soft_max(x, dim=-1):\n    return x\n"
WRONG = "import torch\n\ndef softmax(x, dim=-1):\n    return torch.exp(x) / torch.exp(x).sum()\n"


def one_shot(tmp_path: Path, home: Path, source: str) -> subprocess.CompletedProcess[str]:
    answer = tmp_path / "answer.py"
    answer.write_text(source)
    scratch = tmp_path / "tmp"
    scratch.mkdir(exist_ok=True)
    # rlimits-only is the mode with a working folder of its own in TMPDIR
    env = {**os.environ, "TMPDIR": str(scratch), "DLTUTOR_SANDBOX": "rlimits-only"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "dltutor",
            "quiz",
            "--id",
            "code.softmax",
            "--answer-file",
            str(answer),
            "--json",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("source", "code", "verdict"),
    [
        (RIGHT, 0, "correct"),
        (WRONG, 1, "incorrect"),
        (NO_FUNCTION, 2, "invalid"),
    ],  # the sandbox prestarted for it is never used
    ids=["right", "wrong", "no-function"],
)
def test_a_one_shot_code_check_ends_with_its_whole_verdict(
    tmp_path: Path, home: Path, source: str, code: int, verdict: str
) -> None:
    done = one_shot(tmp_path, home, source)
    assert done.returncode == code, done.stderr
    assert json.loads(done.stdout)["verdict"] == verdict
    assert not list((tmp_path / "tmp").glob("dltutor-box-*")), "a sandbox folder was left"
