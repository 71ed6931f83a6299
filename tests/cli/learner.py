"""A simulated learner and a fixed clock, for driving the learning loop over days."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from rich.console import Console

from dltutor.bank import catalogue
from dltutor.cli import quiz_session
from dltutor.kinds.base import as_text
from tests.conftest import FIXTURES

COURSE = FIXTURES / "course"
DAY1 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def only_bank(monkeypatch: pytest.MonkeyPatch, bank: Path = COURSE) -> None:
    """Load this bank in place of the built-in one, which changes as authors write it."""
    monkeypatch.setattr(catalogue, "builtin_bank", lambda: bank)


def on_day(monkeypatch: pytest.MonkeyPatch, day: int, hour: int = 9) -> datetime:
    moment = DAY1 + timedelta(days=day - 1, hours=hour - 9)
    monkeypatch.setenv("DLTUTOR_NOW", moment.isoformat())
    return moment


class _Thinking:
    """Stands in for the `time` module of the quiz loop: each answer takes `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.clock, self.seconds = 0.0, seconds

    def monotonic(self) -> float:
        self.clock += self.seconds  # read when asked and when answered: `seconds` apart
        return self.clock


class Learner:
    """Types answers into the quiz: right for the questions it knows, wrong for the rest.

    It accepts the offer to continue an interrupted quiz, and takes `seconds`
    for every answer (30 s is not quick: a right answer is rated Good).
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, knows: set[str], seconds: float = 30) -> None:
        self.knows, self.asked = set(knows), []
        self.missing, self.misses = None, 0  # the variant answered wrong, and how often
        make_variant = quiz_session.make_variant

        def shown(question, seed):
            variant = make_variant(question, seed)
            self.asked.append(variant)
            return variant

        monkeypatch.setattr(quiz_session, "make_variant", shown)
        monkeypatch.setattr(quiz_session, "time", _Thinking(seconds))
        monkeypatch.setattr(Console, "input", lambda console, prompt="", **_: self._type(console, prompt))

    def _type(self, console: Console, prompt: str) -> str:
        console.print(prompt, end="")
        if "Continue the quiz" in str(prompt):
            return "y"
        variant = self.asked[-1]
        if variant.id in self.knows:
            return as_text(variant.answer)
        self.misses = self.misses + 1 if variant is self.missing else 0
        self.missing = variant  # a different wrong answer each try: a repeat is not counted
        if variant.question.kind == "choice":
            right = variant.answer if isinstance(variant.answer, list) else [variant.answer]
            wrong = [c for c in "abcdefgh"[: len(variant.extra["choices"])] if c not in right]
            return wrong[self.misses % len(wrong)]
        return str(-999 - self.misses)

    def ids(self) -> list[str]:
        asked, self.asked = [v.id for v in self.asked], []
        return asked
