"""The two consoles every command writes to: results on stdout, errors on stderr.

Colour follows the terminal (`auto`): none when piped or when NO_COLOR is set.
`--color always` keeps it through a pipe (`dltutor learn X --color always | less -R`),
`--color never` drops it on a terminal too. Output that is not a terminal has no
trailing spaces: Rich pads every line to the width, which a file or a diff keeps.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import Any, Literal

from rich.console import Console

ColourMode = Literal["auto", "always", "never"]
_mode: list[ColourMode] = ["auto"]  # the --color of the running command
_CODE = re.compile(r"\x1b\[[0-9;]*m")  # a style code


def use_colour(mode: ColourMode) -> None:
    """Set the colour mode for both consoles (they are made again with it)."""
    _mode[0] = mode
    out.cache_clear()
    err.cache_clear()


def _colour_options() -> dict[str, Any]:
    if _mode[0] == "always":  # asked for by name: it beats NO_COLOR and a pipe
        return {"force_terminal": True, "no_color": False}
    if _mode[0] == "never":
        return {"no_color": True, "color_system": None}
    return {}


class _Trimmed:
    """sys.stdout (looked up at each write, as Rich does) without the spaces that end
    a line when it is not a terminal. A line's trailing spaces are held back until
    it is known whether more text follows them."""

    def __init__(self) -> None:
        self._pending = ""

    @property
    def _file(self) -> Any:
        return sys.stdout

    def isatty(self) -> bool:
        return bool(getattr(self._file, "isatty", lambda: False)())

    @property
    def encoding(self) -> str:
        return getattr(self._file, "encoding", None) or "utf-8"

    def fileno(self) -> int:
        return self._file.fileno()

    def write(self, text: str) -> int:
        if self.isatty():
            return self._file.write(text)
        *lines, self._pending = (self._pending + text).split("\n")
        if lines:
            self._file.write("\n".join(_trim(line) for line in lines) + "\n")
        return len(text)

    def flush(self) -> None:
        if self._pending.strip(" "):  # a prompt or a line Rich has not ended yet
            head = self._pending.rstrip(" ")
            self._file.write(head)
            self._pending = self._pending[len(head) :]
        self._file.flush()


def _trim(line: str) -> str:
    """The line without its trailing spaces, keeping the style codes among them.
    Peeled from the end, so a long padded line costs its length once (a regex
    anchored at `$` retries from every space and made `bank list` quadratic)."""
    head, codes = line.rstrip(" \t"), []
    while (start := head.rfind("\x1b[")) >= 0 and _CODE.fullmatch(head, start):
        codes.append(head[start:])
        head = head[:start].rstrip(" \t")
    return head + "".join(reversed(codes))


@cache
def out() -> Console:
    return Console(
        file=_Trimmed(),  # type: ignore[arg-type]  # write/flush/isatty: all Rich uses of a file
        highlight=False,
        soft_wrap=False,
        **_colour_options(),
    )


@cache
def err() -> Console:
    return Console(stderr=True, highlight=False, **_colour_options())


def interactive() -> bool:
    """True when a person is at a terminal on both ends (not piped, not scripted)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def error_line(message: str) -> None:
    from rich.markup import escape  # a message may quote the user's "[/]" or "[a, b]"

    err().print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True, highlight=False)
