"""Fixtures of the code-exercise tests: files written for the learner, short
sandbox limits (DLTUTOR_CODE_LIMITS) so that hostile code ends fast, a
cache of expected results of each test's own (DLTUTOR_CACHE): cold, so every
test computes its references as a first check does, and a named seed for
every check (a learner's check draws a secret one; see inputs.draw_seed)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def session_cache(tmp_path_factory: pytest.TempPathFactory):
    """Module fixtures start checks in background threads before a test's
    own DLTUTOR_CACHE is set: they must not write to the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DLTUTOR_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


NAMED_SEED = 1  # its softmax "large logits" case overflows a naive exp, as the tests expect


@pytest.fixture(autouse=True)
def named_seed(monkeypatch: pytest.MonkeyPatch) -> int:
    from dltutor.codecheck import inputs

    monkeypatch.setattr(inputs, "SEED_OVERRIDE", NAMED_SEED)
    return NAMED_SEED


@pytest.fixture(autouse=True)
def results_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DLTUTOR_CACHE", str(cache))
    return cache


@pytest.fixture
def solution(tmp_path: Path):
    """solution(text, name) -> the path of a learner's file holding `text`."""

    def write(text: str, name: str = "my_solution.py") -> Path:
        path = tmp_path / name
        path.write_text(text.lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def short_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # a loop ends on its 1 s of CPU; the wall clock is only a backstop, generous
    # because one CPU second can take many wall seconds on a loaded machine
    monkeypatch.setenv("DLTUTOR_CODE_LIMITS", "cpu=1,wall=30")
