"""Lessons page by screen at a terminal: Enter or space shows the next screenful,
q stops, and a screen never scrolls its start away (issue 13 §2)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from dltutor.render import pager


def _console(height: int) -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, width=60, height=height, force_terminal=False, color_system=None), screen


def _paged(monkeypatch, keys: list[str], height: int = 10, lines: int = 30) -> tuple[bool, list[str]]:
    pressed = iter(keys)
    monkeypatch.setattr(pager, "read_key", lambda: next(pressed))
    console, screen = _console(height)
    went_on = pager.show_paged(console, "\n".join(f"line {n}" for n in range(1, lines + 1)))
    shown = screen.getvalue().replace("\r\x1b[2K", "\n").splitlines()
    return went_on, [line for line in shown if line]


@pytest.mark.parametrize("key", [" ", "\n"])
def test_enter_or_space_shows_the_next_screenful_and_each_fits(monkeypatch, key):
    went_on, shown = _paged(monkeypatch, [key, key, key])
    assert went_on and [s for s in shown if s.startswith("line")] == [f"line {n}" for n in range(1, 31)]
    # nine lines (one row is kept for the prompt), then the prompt, then nine more
    assert shown[9] == pager.MORE and shown[19] == pager.MORE and shown.count(pager.MORE) == 3


def test_q_stops_after_the_first_screen(monkeypatch):
    went_on, shown = _paged(monkeypatch, ["q"])
    assert not went_on
    assert shown == [*(f"line {n}" for n in range(1, 10)), pager.MORE]


def test_a_section_that_fits_asks_nothing(monkeypatch):
    went_on, shown = _paged(monkeypatch, [], height=40)
    assert went_on and pager.MORE not in shown and len(shown) == 30
