"""Piped output keeps no trailing spaces, yet keeps the style codes that end a line."""

from __future__ import annotations

import pytest

from dltutor.render.console import _Trimmed


@pytest.mark.parametrize(
    ("written", "piped"),
    [
        ("id    kind    \n", "id    kind\n"),
        ("\x1b[1mhi  \x1b[0m  \n", "\x1b[1mhi\x1b[0m\n"),  # the reset still closes the bold
        ("a \x1b[2m \t\x1b[0m\x1b[38;5;2m \nb\n", "a\x1b[2m\x1b[0m\x1b[38;5;2m\nb\n"),
        ("ends in m    \n", "ends in m\n"),
        ("\x1b[1mnot a code: \x1b[ 3m  \n", "\x1b[1mnot a code: \x1b[ 3m\n"),
    ],
)
def test_trailing_spaces_go_and_style_codes_stay(capsys, written, piped):
    stream = _Trimmed()
    stream.write(written)
    stream.flush()
    assert capsys.readouterr().out == piped
