"""Reading long output a screen at a time, as in a pager: Enter or space shows
more, q stops. Only used when a person is at a terminal on both ends."""

from __future__ import annotations

import sys

from rich.console import Console, RenderableType

MORE = "── Enter/space: more · q: stop ──"


def read_key() -> str:
    """One key press, without waiting for Enter; Ctrl-D and a closed input read as q."""
    import termios
    import tty

    try:
        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (OSError, ValueError, termios.error):  # not a terminal after all: read a line
        line = sys.stdin.readline()
        return line[:1].lower() if line else "q"
    try:
        tty.setcbreak(fd)
        key = sys.stdin.read(1)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if key == "\x03":
        raise KeyboardInterrupt
    return "q" if key in ("", "\x04") else key.lower()


def ask_key(console: Console, prompt: str) -> str:
    """Show `prompt` on its own line, read one key, then erase the prompt."""
    console.print(prompt, style="dim", end="")
    console.file.flush()
    try:
        return read_key()
    finally:
        console.file.write("\r\x1b[2K")


def show_paged(console: Console, renderable: RenderableType) -> bool:
    """Print `renderable`, pausing after each screenful; False when the reader stops."""
    with console.capture() as captured:
        console.print(renderable)
    lines = captured.get().splitlines()
    page = max(5, console.size.height - 1)  # one row for the prompt
    for start in range(0, len(lines), page):
        console.file.write("\n".join(lines[start : start + page]) + "\n")
        if start + page < len(lines) and ask_key(console, MORE) == "q":
            return False
    return True
