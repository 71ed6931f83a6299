"""`dltutor progress`: where you stand; export, import and reset your progress.

`dltutor progress [TOPIC]` is the summary; `export`, `import` and `reset` are
subcommands. A first word that is not a subcommand is taken as a TOPIC.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from dltutor.cli.common import BankOption, ColourOption, JsonOption, catalogue, edge, print_json, store
from dltutor.errors import NotFoundError

if TYPE_CHECKING:
    # typer vendors click as typer._click (0.26 on): an override takes its base's own types
    from typer._click import Command, Context

    from dltutor.progress.store import Store

EXAMPLES = (
    "Examples:  `dltutor progress`  ·  `dltutor progress activations`  ·  "
    "`dltutor progress --json`  ·  `dltutor progress export backup.json`  ·  "
    "`dltutor progress import backup.json`  ·  `dltutor progress reset activations`"
)


class _TopicOrCommand(TyperGroup):
    """`dltutor progress TOPIC` runs the hidden `show TOPIC`; subcommand names win."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=_TopicOrCommand,
    invoke_without_command=True,
    epilog=EXAMPLES,
    rich_markup_mode="markdown",
    subcommand_metavar="[TOPIC | COMMAND [ARGS]...]",
)


@app.callback()
@edge
def progress(
    ctx: typer.Context, as_json: JsonOption = False, bank: BankOption = None, colour: ColourOption = None
) -> None:
    """Where you stand: mastery, reviews due, streak, history; export, import, reset.

    `dltutor progress TOPIC` shows one topic question by question.
    """
    if ctx.invoked_subcommand is None:
        _summary(None, as_json, bank)


@app.command("show", hidden=True)
@edge
def show(
    ctx: typer.Context,
    topic: Annotated[str, typer.Argument(help="A topic id.")],
    as_json: JsonOption = False,
    bank: BankOption = None,
    colour: ColourOption = None,
) -> None:
    """One topic's progress, question by question."""
    outer = ctx.parent.params if ctx.parent else {}
    if colour is None and outer.get("colour"):  # `progress --color always TOPIC`
        from dltutor.render.console import use_colour

        use_colour(outer["colour"].value)
    _summary(topic, as_json or bool(outer.get("as_json")), (bank or []) + (outer.get("bank") or []))


def _summary(topic: str | None, as_json: bool, bank: list[Path] | None) -> None:
    from dltutor.progress import clock
    from dltutor.progress.summary import summarise, to_json

    books, progress = catalogue(bank), store()
    course = {t: [e.id for e in books.entries(t)] for t in books.topic_ids}
    if topic is not None and topic not in course:
        from dltutor.progress.transfer import counts

        if counts(progress, topic) == (0, 0):  # a removed topic keeps its progress by its id
            topic = books.find_topic(topic)  # `vae`, `3`; or no such topic, with the closest one
    summary = summarise(progress, course, clock.now(), topic, each=as_json)
    known = books.entries_by_id  # the index names each leech's topic and section: no parsing
    leeches = [known[qid] for qid in summary.leeches if qid in known]
    if as_json:
        return print_json(_with_lessons(to_json(summary, leeches), progress))
    from dltutor.render.console import out
    from dltutor.render.progress import summary_view

    out().print(summary_view(summary, leeches, detail=topic is not None, width=out().size.width))


@app.command("export", epilog=EXAMPLES)
@edge
def export(
    file: Annotated[Path, typer.Argument(help="The JSON file to write.")], as_json: JsonOption = False
) -> None:
    """Write all your progress (answers and review cards) to a JSON file."""
    from dltutor.progress import clock, transfer

    attempts, cards = transfer.export(store(), file, clock.now())
    _done(
        as_json,
        {"file": str(file), "attempts": attempts, "cards": cards},
        f"Exported {attempts} answers and {cards} review cards to {file}.",
    )


@app.command("import", epilog=EXAMPLES)
@edge
def import_(
    file: Annotated[Path, typer.Argument(help="A file written by `progress export`.")],
    as_json: JsonOption = False,
) -> None:
    """Merge an export into your progress; the newer state of each question wins."""
    from dltutor.progress import transfer

    merged = transfer.merge(store(), transfer.read_export(file))
    _done(
        as_json,
        {"file": str(file), **merged.__dict__},
        f"Imported {file}: {merged.attempts_added} new answers ({merged.attempts_known} "
        f"already here), {merged.cards_taken} review cards updated ({merged.cards_kept} "
        "as new or newer here).",
    )


@app.command("reset", epilog=EXAMPLES)
@edge
def reset(
    topic: Annotated[str | None, typer.Argument(help="Only this topic.")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Delete your progress, in one topic or everywhere (asks first)."""
    from dltutor.progress import transfer
    from dltutor.render.console import out

    progress = store()
    attempts, cards = transfer.counts(progress, topic)
    if topic and not attempts and not cards:
        raise NotFoundError(f"no progress recorded in topic '{topic}'")
    what = f"your progress in {topic}" if topic else "all your progress"
    if not yes and not _confirm(
        f"Delete {what} ({attempts} answers, {cards} review cards)? This cannot be undone. \\[y/N] "
    ):
        out().print("Nothing was deleted.", soft_wrap=True)
        raise typer.Exit(1)
    transfer.reset(progress, topic)
    out().print(f"Deleted {what}.", soft_wrap=True)


def _confirm(question: str) -> bool:
    from dltutor.render.console import out

    try:
        return out().input(question).strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _done(as_json: bool, payload: dict[str, Any], text: str) -> None:
    if as_json:
        return print_json(payload)
    from dltutor.render.console import out

    out().print(text, soft_wrap=True, markup=False)  # file names may hold [brackets]


def _with_lessons(payload: dict[str, Any], progress: Store) -> dict[str, Any]:
    """Each topic's lesson state beside its mastery: read, in progress or null."""
    from dltutor.progress.lessons import lesson_states

    states = lesson_states(progress)
    for topic, entry in payload.get("topics", {}).items():
        state = states.get(topic)
        entry["lesson"] = state.state if state else None
        entry["sections_read"] = sorted(state.read) if state else []
    return payload
