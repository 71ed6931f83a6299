from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dltutor.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own progress database and no extra banks."""
    home = tmp_path / "home"
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.setenv("DLTUTOR_CACHE", str(tmp_path / "cache"))  # never the user's cache
    monkeypatch.delenv("DLTUTOR_BANKS", raising=False)
    # no detached refills of the seed pool outliving a test (tests/code/test_code_pool.py
    # turns it on where it is the subject)
    monkeypatch.setenv("DLTUTOR_CODE_POOL", "0")
    return home


class Cli:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, [str(a) for a in args], input=input)

    def json(self, *args: str) -> tuple[int, dict]:
        result = self(*args, "--json")
        return result.exit_code, json.loads(result.stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def columns(monkeypatch: pytest.MonkeyPatch):
    """Set the terminal width the consoles see, as a person's terminal would."""
    from dltutor.render.console import err, out

    def set_width(width: int) -> None:
        monkeypatch.setenv("COLUMNS", str(width))
        out.cache_clear(), err.cache_clear()  # the consoles read COLUMNS when made

    yield set_width
    monkeypatch.delenv("COLUMNS", raising=False)
    out.cache_clear(), err.cache_clear()
