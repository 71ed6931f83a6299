"""Start-up stays light: listing topics never imports SymPy, PyTorch or FSRS."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import GOOD

_PROBE = """
import sys
from dltutor.cli.app import app
try:
    app(["learn", "--bank", sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(m for m in ("torch", "sympy", "numpy", "plotext", "fsrs") if m in sys.modules)
print("HEAVY:", ",".join(heavy))
"""


def test_listing_topics_imports_neither_torch_nor_sympy_nor_fsrs(tmp_path):
    result = subprocess.run([sys.executable, "-c", _PROBE, str(GOOD)], capture_output=True,
                            text=True, env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert "tiny-topic" in result.stdout
    assert result.stdout.strip().endswith("HEAVY:")


_PROGRESS_PROBE = """
import sys
from dltutor.cli.app import app
try:
    app(["progress", "--bank", sys.argv[1]])
except SystemExit:
    pass
heavy = sorted(m for m in ("torch", "sympy", "fsrs") if m in sys.modules)
print("HEAVY:", ",".join(heavy))
"""


def test_progress_summary_needs_no_scheduler_sympy_or_torch(tmp_path):
    result = subprocess.run([sys.executable, "-c", _PROGRESS_PROBE, str(GOOD)], capture_output=True,
                            text=True, env={"DLTUTOR_HOME": str(tmp_path), "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert "Mastery" in result.stdout
    assert result.stdout.strip().endswith("HEAVY:")
