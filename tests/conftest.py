from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dltutor.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BROKEN = FIXTURES / "broken"


@pytest.fixture(scope="session")
def warm_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in bank's index (bank/index.py), built once for the session: what a
    learner's cache holds after their first command. Without it, every test's empty
    cache would parse the whole built-in bank again (seconds) to list or plan it."""
    from dltutor.bank.catalogue import Catalogue, builtin_bank

    cache = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DLTUTOR_CACHE", str(cache))
        books = Catalogue([builtin_bank()])
        for topic in books.topic_ids:
            books.entries(topic)
    return cache / "index"


@pytest.fixture(autouse=True)
def home(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own progress database and no extra banks, and its own
    cache, holding the built-in bank's index unless the test is marked `cold_index`."""
    home = tmp_path / "home"
    monkeypatch.setenv("DLTUTOR_HOME", str(home))
    monkeypatch.setenv("DLTUTOR_CACHE", str(tmp_path / "cache"))  # never the user's cache
    if request.node.get_closest_marker("cold_index") is None:
        (tmp_path / "cache").mkdir(mode=0o700)  # as the code cache makes it (codecheck/cache.py)
        shutil.copytree(request.getfixturevalue("warm_index"), tmp_path / "cache" / "index")
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
