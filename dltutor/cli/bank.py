"""`dltutor bank`: authoring tools: validate banks, list questions, show one with its answers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dltutor.cli.common import BankOption, ColourOption, JsonOption, catalogue, edge, print_json

if TYPE_CHECKING:
    from dltutor.bank.validate import TopicReport

app = typer.Typer(help="Author banks: check them, list and show their questions.", no_args_is_help=True)


@app.command("validate", epilog="Examples:  `dltutor bank validate`  ·  `dltutor bank validate my_course/`")
@edge
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Bank or topic folders (default: every bank).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check the schema and self-test every question (exit 0 ok, 1 problems, 2 unreadable)."""
    from dltutor.bank.validate import validate as run

    books = catalogue(paths)
    chosen = {t for path in paths or [] for t in books.topics_from(path)}
    topics = [t for t in books.topic_ids if not paths or t in chosen]
    reports = run(books, topics)
    problems = [p for r in reports for p in r.problems]
    if as_json:
        print_json({"ok": not problems, "topics": [r.__dict__ for r in reports], "problems": problems})
    else:
        _print(reports, problems)
    raise typer.Exit(1 if problems else 0)


def _print(reports: list[TopicReport], problems: list[str]) -> None:
    from dltutor.render.console import out

    console = out()
    for report in reports:
        mark = "[green]ok[/]" if not report.problems else f"[red]{len(report.problems)} problem(s)[/]"
        console.print(
            f"{report.topic:<24} {report.questions:>4} questions {report.variants:>5} variants  {mark}"
        )
    for problem in problems:
        console.print(f"[red]✗[/] {problem}", soft_wrap=True)
    total = sum(r.questions for r in reports)
    console.print(
        f"[bold]{total} questions in {len(reports)} topics: "
        + ("all pass[/]" if not problems else f"{len(problems)} problem(s)[/]")
    )


@app.command(
    "show",
    epilog="Examples:  `dltutor bank show prob.gaussian-mle-variance --seed 1`  ·  "
    "`dltutor bank show code.softmax --json`",
)
@edge
def show(
    question_id: Annotated[str, typer.Argument(metavar="QID", help="The question's id (see `bank list`).")],
    seed: Annotated[int, typer.Option(min=0, max=2**31 - 1, help="Which variant (default 0).")] = 0,
    as_json: JsonOption = False,
    bank: BankOption = None,
    colour: ColourOption = None,
) -> None:
    """Show one variant with its reference answer, wrong answers and explanation."""
    from dltutor.bank.show import variant_view
    from dltutor.bank.variants import make_variant

    variant = make_variant(catalogue(bank).question(question_id), seed)
    view = variant_view(variant)
    if as_json:
        print_json(view)
        return
    from dltutor.render.author import author_view
    from dltutor.render.console import out

    out().print(author_view(variant, view))


@app.command("list", epilog="Examples:  `dltutor bank list`  ·  `dltutor bank list --json | jq length`")
@edge
def list_questions(as_json: JsonOption = False, bank: BankOption = None) -> None:
    """List every question: id, topic, kind, difficulty."""
    books = catalogue(bank)
    questions = [e for t in books.topic_ids for e in books.entries(t)]
    if as_json:
        print_json(
            {
                "questions": [
                    {
                        "id": q.id,
                        "topic": q.topic,
                        "kind": q.kind,
                        "difficulty": q.difficulty,
                        "parametrised": q.parametrised,
                    }
                    for q in questions
                ]
            }
        )
        return
    from dltutor.render.console import out
    from dltutor.render.tables import questions_lines

    out().file.write("\n".join(questions_lines(questions, out().size.width)) + "\n")
