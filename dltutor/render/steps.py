"""A checked derivation as a learner reads it: each line with a mark.

Marks are glyphs as well as colours (✓ follows, ✗ does not follow, ? cannot
be read or compared, · the start), so they read the same under NO_COLOR.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

_MARKS = {"start": ("·", "dim"), "equal": ("✓", "green"), "differs": ("✗", "bold red"),
          "unreadable": ("?", "bold yellow"), "undecided": ("?", "yellow")}
_SAYS = {"start": "", "equal": "", "differs": "does not follow from line {compared_with}",
         "unreadable": "cannot be read", "undecided": "could not be compared"}


def steps_view(steps: list[dict[str, Any]]) -> RenderableType:
    """`steps`: the `to_json()` of each Step (the same data --json prints)."""
    width = len(str(max((s["line"] for s in steps), default=1)))
    rows: list[RenderableType] = []
    for step in steps:
        mark, style = _MARKS[step["status"]]
        prefix = "  " if step["line"] == steps[0]["line"] else "= "
        row = Text.assemble((f"{mark} ", style), (f"{step['line']:>{width}} ", "dim"),
                            (prefix + step["text"], "dim" if step.get("given") else ""))
        says = _SAYS[step["status"]].format(**step)
        if says:
            row.append(f"   ← {says}", style=style)
        rows.append(row)
        if step["status"] == "unreadable" and step.get("position") is not None:
            pad = " " * (2 + width + 1 + len(prefix) + step["position"])
            rows.append(Text(pad + "^", style="bold red"))
    return Group(*rows)
