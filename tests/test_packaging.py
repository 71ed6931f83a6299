"""A non-editable install carries the whole package and the built-in bank."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_pyproject_lists_every_subpackage():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "dltutor").rglob("__init__.py")}
    assert found | {"dltutor.content"} == listed


def test_wheel_carries_the_content(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("dltutor-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    content = {
        f"dltutor/content/{p.relative_to(ROOT / 'content')}"
        for p in (ROOT / "content").rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".md", ".py")
    }
    assert content and content <= names
    assert "dltutor/cli/app.py" in names
