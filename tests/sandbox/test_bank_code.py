"""A downloaded bank's Python runs only in the sandbox (issue 10 #1).

The bank below is the built-in dropout (a checker) and Adam (a case
generator) exercises, copied, with every .py file starting by an attempt to
write a file in a folder of the tutor's. Run in the tutor, the write works;
run in the sandbox, it does not, and the bank still validates and grades.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dltutor.bank.catalogue import builtin_bank
from tests.sandbox.helpers import BEST, CONFINING, WEAK

CONTENT = builtin_bank()
# a topic of the bank's own: under a built-in topic's name, `bank validate` would check
# the built-in questions and exercises of that topic as well
TOPIC = "downloaded-code"
LESSON = """format_version: 1
title: Downloaded exercises
summary: Copies of two built-in code exercises whose every file attacks the tutor.
sections:
  - title: Dropout and Adam
    body:
      - text: Inverted dropout, and one Adam step.
"""
ATTACK = "try:\n    open({marker!r}, 'a').write('ran in the tutor')\nexcept OSError:\n    pass\n"


def _copy_exercise(source: Path, target: Path, marker: str) -> None:
    target.mkdir(parents=True)
    for file in source.glob("*.py"):
        (target / file.name).write_text(ATTACK.format(marker=marker) + file.read_text())


def _exercise_yaml(topic: str, qid: str, new_id: str) -> str:
    text = (CONTENT / topic / "exercises.yaml").read_text()
    start = text.index(f"  - id: {qid}\n")
    end = text.find("\n  - id: ", start + 1)
    return text[start : end if end > 0 else None].replace(f"id: {qid}\n", f"id: {new_id}\n")


@pytest.fixture
def hostile_bank(tmp_path: Path) -> tuple[Path, Path]:
    """(the bank folder, the file its code tries to write)."""
    private = tmp_path / "tutor-only"
    private.mkdir(mode=0o700)
    marker = str(private / "PWNED")
    topic = tmp_path / "bank" / TOPIC
    _copy_exercise(CONTENT / "regularization" / "code" / "dropout", topic / "code" / "dropout", marker)
    _copy_exercise(CONTENT / "optimizers" / "code" / "adam", topic / "code" / "adam", marker)
    (topic / "lesson.yaml").write_text(LESSON)
    (topic / "exercises.yaml").write_text(
        "format_version: 1\nquestions:\n"
        + _exercise_yaml("regularization", "code.dropout", "code.tp_dropout")
        + "\n"
        + _exercise_yaml("optimizers", "code.adam", "code.tp_adam")
        + "\n"
    )
    return topic.parent, Path(marker)


def _dltutor(*args: str, mode: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DLTUTOR_SANDBOX": mode,
        "DLTUTOR_HOME": str(tmp_path / "home"),
        "DLTUTOR_CACHE": str(tmp_path / "cache"),
    }
    return subprocess.run(
        [sys.executable, "-m", "dltutor", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


MODES_HERE = [
    *CONFINING,
    pytest.param(
        WEAK,
        marks=pytest.mark.skipif(
            os.geteuid() != 0, reason="rlimits-only keeps a non-root tutor's files in reach"
        ),
    ),
]


def test_a_hostile_bank_validates_without_running_in_the_tutor(hostile_bank, tmp_path: Path) -> None:
    bank, marker = hostile_bank
    checked = _dltutor("bank", "validate", str(bank), mode=BEST, tmp_path=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert not marker.exists(), "bank code ran where it could write the tutor's files"


@pytest.mark.parametrize("mode", MODES_HERE)
def test_a_hostile_bank_grades_without_running_in_the_tutor(hostile_bank, tmp_path: Path, mode: str) -> None:
    bank, marker = hostile_bank
    wrong = bank / TOPIC / "code" / "dropout" / "wrong_no_rescale.py"
    graded = _dltutor(
        "quiz",
        "--bank",
        str(bank),
        "--id",
        "code.tp_dropout",
        "--answer-file",
        str(wrong),
        "--json",
        mode=mode,
        tmp_path=tmp_path,
    )
    data = json.loads(graded.stdout)
    assert (data["verdict"], data["isolation"]) == ("incorrect", mode), graded.stderr
    assert data["mistake"] == "no-rescale"  # the checker's word, from the sandbox
    assert not marker.exists(), "bank code ran where it could write the tutor's files"


def test_the_tutor_refuses_to_load_another_banks_code(hostile_bank) -> None:
    from dltutor.codecheck.trusted import load_module
    from dltutor.errors import BankError

    bank, marker = hostile_bank
    with pytest.raises(BankError, match="only in the sandbox"):
        load_module(bank / TOPIC / "code" / "adam" / "cases.py")
    assert not marker.exists()


def test_a_bank_generator_runs_in_the_sandbox(
    hostile_bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dltutor.bank.catalogue import Catalogue
    from dltutor.codecheck.inputs import build_cases
    from dltutor.codecheck.spec import exercise

    bank, marker = hostile_bank
    monkeypatch.setenv("DLTUTOR_CACHE", str(tmp_path / "cache"))
    spec = exercise(Catalogue([builtin_bank(), bank]).question("code.tp_adam"))
    builtin = exercise(Catalogue([builtin_bank()]).question("code.adam"))
    mine, theirs = build_cases(spec, 0), build_cases(builtin, 0)
    # the same generator, run in a child from its own seed: same plan, other numbers
    assert [c.note for c in mine] == [c.note for c in theirs]
    assert [[a.shape for a in c.arrays] for c in mine] == [[a.shape for a in c.arrays] for c in theirs]
    assert not marker.exists()
    shutil.rmtree(bank)


def test_another_banks_numpy_exercise_gets_numpy_arrays(tmp_path: Path) -> None:
    """A `numpy: true` exercise of a downloaded bank: its reference runs in the
    sandbox on NumPy arrays as a learner's code does (it was given tensors, and
    `w2 -= lr * h.T @ d_out` failed), so a right answer is right and a wrong one wrong."""
    marker = str(tmp_path / "PWNED")
    topic = tmp_path / "bank" / "feedforward"
    _copy_exercise(
        CONTENT / "feedforward" / "code" / "fit_xor_by_hand", topic / "code" / "fit_xor_by_hand", marker
    )
    (topic / "exercises.yaml").write_text(
        "format_version: 1\nquestions:\n"
        + _exercise_yaml("feedforward", "code.fit_xor_by_hand", "code.tp_xor")
    )
    code = CONTENT / "feedforward" / "code" / "fit_xor_by_hand"
    verdicts = []
    for answer in ("reference.py", "wrong_zero_init.py"):
        graded = _dltutor(
            "quiz", "--bank", str(topic.parent), "--id", "code.tp_xor", "--seed", "3",
            "--answer-file", str(code / answer), "--json", mode=BEST, tmp_path=tmp_path,
        )  # fmt: skip
        verdicts.append(json.loads(graded.stdout)["verdict"] if graded.stdout else graded.stderr)
    assert verdicts == ["correct", "incorrect"]
