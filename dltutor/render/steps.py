"""A checked derivation as a learner reads it: each line with a mark.

Marks are glyphs as well as colours (✓ follows, ✗ does not follow, ? cannot
be read or compared, · the start), so they read the same under NO_COLOR.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

_MARKS = {
    "start": ("·", "dim"),
    "equal": ("✓", "green"),
    "differs": ("✗", "bold red"),
    "unreadable": ("?", "bold yellow"),
    "undecided": ("?", "yellow"),
}
_SAYS = {
    "start": "",
    "equal": "",
    "differs": "does not follow from line {compared_with}",
    "unreadable": "cannot be read",
    "undecided": "could not be compared",
}


def steps_view(steps: list[dict[str, Any]]) -> RenderableType:
    """`steps`: the `to_json()` of each Step (the same data --json prints). A long line
    wraps under its own text, not under the marks."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    for step in steps:
        mark, style = _MARKS[step["status"]]
        prefix = "  " if step["line"] == steps[0]["line"] else "= "
        row = Text(prefix + step["text"], style="dim" if step.get("given") else "")
        says = _SAYS[step["status"]].format(**step)
        if says:
            row.append(f"   ← {says}", style=style)
        grid.add_row(Text.assemble((mark, style), " ", (str(step["line"]), "dim")), row)
        if step["status"] == "unreadable" and step.get("position") is not None:
            grid.add_row("", Text(" " * (len(prefix) + step["position"]) + "^", style="bold red"))
    return grid
