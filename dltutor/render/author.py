"""`bank show` as an author reads it: the question, then everything a learner never sees."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text

from dltutor.bank.models import Variant
from dltutor.render.quiz import question_view


def author_view(variant: Variant, view: dict[str, Any]) -> RenderableType:
    """`view` is `bank.show.variant_view(variant)`."""
    parts: list[RenderableType] = [Text.assemble(("Answer: ", "bold green"), str(view["answer_text"]))]
    if view["values"]:
        drawn = ", ".join(f"{name} = {value}" for name, value in view["values"].items())
        parts.append(Text.assemble(("Parameters: ", "bold"), drawn))
    if view["wrong"]:
        parts.append(Text("Wrong answers:", style="bold red"))
    parts.extend(
        Text.assemble(
            "  ",
            (str(wrong["answer"]), "red"),
            "  ",
            (wrong["mistake"], "yellow"),
            f": {wrong['feedback'].strip()}",
        )
        for wrong in view["wrong"]
    )
    for number, hint in enumerate(view["hints"], 1):
        parts.append(Text.assemble((f"Hint {number}: ", "bold yellow"), hint.strip()))
    parts.append(Text("Explanation:", style="bold"))
    parts.append(Markdown(view["explanation"].strip()))
    return Group(
        question_view(variant),
        Panel(Group(*parts), title="Author's view", title_align="left", border_style="dim"),
    )
