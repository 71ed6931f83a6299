"""Start-up stays light: listing topics never imports SymPy, PyTorch or FSRS."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import GOOD

_PROBE = """
import sys

import pytest
from dltutor.cli.app import app
try:
    app(["learn", "--bank", sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(m for m in ("torch", "sympy", "numpy", "plotext", "fsrs") if m in sys.modules)
print("HEAVY:", ",".join(heavy))
"""


def test_listing_topics_imports_neither_torch_nor_sympy_nor_fsrs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(GOOD)],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "tiny-topic" in result.stdout
    assert result.stdout.strip().endswith("HEAVY:")


_PROGRESS_PROBE = """
import sys

import pytest
from dltutor.cli.app import app
try:
    app(["progress", "--bank", sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(m for m in ("torch", "sympy", "fsrs") if m in sys.modules)
print("HEAVY:", ",".join(heavy))
"""


def test_progress_summary_needs_no_scheduler_sympy_or_torch(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _PROGRESS_PROBE, str(GOOD)],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Mastery" in result.stdout
    assert result.stdout.strip().endswith("HEAVY:")


_NUMBER_PROBE = """
import sys

import pytest
from dltutor.cli.app import app
try:
    app(["quiz", "--bank", sys.argv[1], "--id", "tiny.params", "--seed", "3", "--answer", sys.argv[2]])
except SystemExit:
    pass
print("SYMPY:", "sympy" in sys.modules)
"""


@pytest.mark.parametrize(
    "answer, needs_sympy", [("35", False), ("3.5e1", False), ("7/2", False), ("5*7", True)]
)
def test_a_plain_number_is_graded_without_sympy_and_arithmetic_with_it(tmp_path, answer, needs_sympy):
    result = subprocess.run(
        [sys.executable, "-c", _NUMBER_PROBE, str(GOOD), answer],
        capture_output=True,
        text=True,
        env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"SYMPY: {needs_sympy}")
