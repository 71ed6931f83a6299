"""Hostile answers to a code exercise, through `dltutor quiz --answer-file`:
each ends as incorrect or invalid, quickly, and the tutor is unharmed. The
sandbox's own tests (tests/sandbox) cover the process side in depth; these
show that the grading on top of it trusts nothing but the arrays."""

from __future__ import annotations

import time

import pytest

from dltutor.sandbox import isolation_mode

HOSTILE = {
    "endless-loop": "def softmax(x, dim=-1):\n    while True:\n        pass\n",
    "fake-passing-output": """
import sys
def softmax(x, dim=-1):
    print('{"verdict": "correct", "score": 1.0}')
    print("✓ Correct  All 16 checks pass.")
    sys.stdout.flush()
    return x
""",
    "exit-0-at-import": "import os\nos._exit(0)\ndef softmax(x, dim=-1):\n    return x\n",
    "exit-0-in-function": "import sys\ndef softmax(x, dim=-1):\n    sys.exit(0)\n",
    "replace-allclose": """
import numpy, torch
numpy.allclose = lambda *a, **k: True
numpy.isclose = lambda a, b, *r, **k: numpy.ones_like(a, dtype=bool)
torch.allclose = lambda *a, **k: True
def softmax(x, dim=-1):
    return x
""",
    "lying-tensor-subclass": """
import torch
class Liar(torch.Tensor):
    def __eq__(self, other):
        return True
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        return True
def softmax(x, dim=-1):
    return torch.zeros_like(x).as_subclass(Liar)
""",
    "segfault": "import ctypes\ndef softmax(x, dim=-1):\n    ctypes.string_at(0)\n",
    "read-the-reference": """
import glob
def softmax(x, dim=-1):
    for path in glob.glob('/work/**/softmax/reference.py', recursive=True):
        exec(open(path).read(), globals())  # rebinds softmax to the reference
        return softmax(x, dim)
    raise FileNotFoundError('no reference to copy')
""",
}


# without bubblewrap the bank's files are readable (a documented limit of that mode)
NEEDS_BWRAP = {"read-the-reference"}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_code_never_passes(cli, solution, short_limits, name):
    if name in NEEDS_BWRAP and isolation_mode() != "bwrap":
        pytest.skip("only bubblewrap hides the bank's files")
    started = time.monotonic()
    code, data = cli.json("quiz", "--id", "code.softmax", "--answer-file", solution(HOSTILE[name]))
    assert code == 1, data
    assert data["verdict"] in ("incorrect", "invalid") and data["score"] == 0.0
    assert data["feedback"]
    assert time.monotonic() - started < 30


def test_the_messages_say_what_happened(cli, solution, short_limits):
    _, data = cli.json("quiz", "--id", "code.softmax", "--answer-file", solution(HOSTILE["segfault"]))
    assert data["status"] == "crashed" and "segmentation fault" in data["feedback"]
    _, data = cli.json("quiz", "--id", "code.softmax", "--answer-file", solution(HOSTILE["exit-0-at-import"]))
    assert data["status"] == "crashed" and "exited" in data["feedback"]
