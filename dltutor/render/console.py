"""The two consoles every command writes to: results on stdout, errors on stderr."""

from __future__ import annotations

import sys
from functools import cache

from rich.console import Console


@cache
def out() -> Console:
    return Console(highlight=False, soft_wrap=False)


@cache
def err() -> Console:
    return Console(stderr=True, highlight=False)


def interactive() -> bool:
    """True when a person is at a terminal on both ends (not piped, not scripted)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def error_line(message: str) -> None:
    from rich.markup import escape  # a message may quote the user's "[/]" or "[a, b]"
    err().print(f"[bold red]error:[/] {escape(message)}", markup=True, soft_wrap=True,
                highlight=False)
