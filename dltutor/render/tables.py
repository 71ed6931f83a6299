"""Tables: the course map and the question list (progress has render/progress.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table

if TYPE_CHECKING:  # the bank is read by the command, not at import
    from dltutor.bank.catalogue import Catalogue
    from dltutor.bank.index import Entry


def sized(table: Table) -> Table:
    """Each no-wrap column as wide as its widest cell, measured once here: Rich
    measures every cell of a column without a width through its whole render
    path, and a big course has sixty rows. Rich would find the same widths (a
    column that never wraps is as wide as its widest line, and is not shrunk
    before the others), so the table looks the same."""
    from rich.cells import cell_len
    from rich.text import Text

    def width(cell: object) -> int:
        text = cell if isinstance(cell, Text) else Text.from_markup(str(cell))
        return max(map(cell_len, text.plain.split("\n")))

    for column in table.columns:
        if column.no_wrap and column.width is None:
            column.width = max(map(width, [column.header, *column.cells]))
    return table


def topics_table(
    books: Catalogue, mastery: dict[str, float], lessons: dict[str, Any], width: int = 100
) -> Table:
    """The course map: each lesson's state and the mastery `dltutor progress` shows.

    Narrower terminals lose columns, never the titles: below 100 columns the
    prerequisites go and state and mastery share one column; below 80 the ids
    go too (`dltutor learn 3` opens the third topic) and the borders thin out.
    """
    from rich import box

    wide, narrow = width >= 100, width < 80
    table = Table(
        title="The course",
        title_justify="left",
        expand=False,
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
    )
    table.add_column("#", justify="right", style="dim")
    if not narrow:
        table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("title", ratio=1, min_width=16, style="bold" if narrow else None)
    if wide:
        table.add_column("after", style="dim")  # prerequisites, by number: short and scannable
        table.add_column("lesson", no_wrap=True)
        table.add_column("mastery", justify="right", no_wrap=True)
    else:
        table.add_column("progress", no_wrap=True)
    number_of = {topic: str(n) for n, topic in enumerate(books.topic_ids, start=1)}
    for topic in books.topic_ids:
        title, prerequisites = books.outline(topic)
        state = lessons[topic].state if topic in lessons else None
        shown = f"{mastery[topic]:.0%}" if topic in mastery else None
        row = [number_of[topic]] + ([] if narrow else [topic]) + [title]
        if wide:
            needs = ", ".join(number_of.get(t, t) for t in prerequisites) or "—"
            row += [needs, state or "—", shown or "—"]
        else:
            row.append(" · ".join(part for part in (state, shown) if part) or "—")
        table.add_row(*row)
    return sized(table)


def questions_lines(questions: Sequence[Entry], width: int) -> list[str]:
    """The question list as aligned plain lines: a Rich table of 20,000 rows takes
    seconds to lay out, these take milliseconds. The topic column goes first
    when the terminal is too narrow (each id starts with its topic's prefix)."""
    rows = [(q.id, q.topic, q.kind, str(q.difficulty)) for q in questions]
    header = ("id", "topic", "kind", "difficulty")
    sizes = [max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(4)]
    keep = [0, 1, 2, 3] if sum(sizes) + 6 <= width else [0, 2, 3]

    def line(cells: tuple[str, ...]) -> str:
        parts = [cells[i].rjust(sizes[i]) if i == 3 else cells[i].ljust(sizes[i]) for i in keep]
        return "  ".join(parts).rstrip()

    return [f"{len(rows)} questions", line(header)] + [line(r) for r in rows]
