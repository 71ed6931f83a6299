"""`dltutor progress`: attempts and accuracy per topic."""

from __future__ import annotations

from dltutor.cli.common import BankOption, JsonOption, catalogue, edge, print_json, store

EXAMPLES = "Examples:  `dltutor progress`  ·  `dltutor progress --json`"


@edge
def progress(as_json: JsonOption = False, bank: BankOption = None) -> None:
    """Show your attempts and accuracy per topic."""
    stats = store().topic_stats()
    topic_ids = catalogue(bank).topic_ids
    topic_ids += [t for t in stats if t not in topic_ids]  # topics of banks not loaded now
    if as_json:
        print_json({"topics": {t: {"attempts": stats[t].attempts if t in stats else 0,
                                   "correct": stats[t].correct if t in stats else 0,
                                   "accuracy": stats[t].accuracy if t in stats else None}
                               for t in topic_ids}})
        return
    from dltutor.render.console import out
    from dltutor.render.tables import progress_table
    out().print(progress_table(topic_ids, stats))
