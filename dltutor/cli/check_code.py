"""`check-gradient --code`: the report of a finite-difference check of a backward."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from dltutor.cli.common import print_json
from dltutor.errors import DltutorError

if TYPE_CHECKING:  # numpy and the sandbox load only when a check runs
    from dltutor.codecheck.fdcheck import CodeCheck


def parse_shape(text: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.replace("x", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() and 0 < int(p) <= 4096 for p in parts):
        raise DltutorError(f"--shape takes sizes like 4,5 (got '{text}')")
    return tuple(int(p) for p in parts)


def check_code(spec: str, shapes: list[str], as_json: bool) -> None:
    from dltutor.codecheck.backward import locate, make_inputs
    from dltutor.codecheck.fdcheck import run_check

    target = locate(spec)
    inputs = make_inputs(target, [parse_shape(s) for s in shapes] or None)
    _notice()
    result = run_check(target, inputs)
    if as_json:
        print_json(result.to_json())
    else:
        _show(result)
    raise typer.Exit(0 if result.verdict == "correct" else 1)


def _notice() -> None:
    from dltutor.render.console import err
    from dltutor.sandbox import isolation_notice

    notice = isolation_notice()
    if notice:
        err().print(f"[yellow]note:[/] {notice}")


def _show(result: CodeCheck) -> None:
    from rich.table import Table
    from rich.text import Text

    from dltutor.render.console import out

    console = out()
    kind = (
        "torch.autograd.Function"
        if result.target.style == "function-class"
        else f"{result.target.name} with {result.target.name}_backward"
    )
    console.print(f"Checked {kind} against central finite differences (float64).")
    if result.message:
        console.print(f"[bold red]✗ {result.message}[/]")
        return
    table = Table()
    for name in ("gradient", "shape", "largest abs error", "largest rel error", "at", ""):
        table.add_column(name, justify="right")
    for report in result.inputs:
        table.add_row(
            report.label,
            str(report.shape),
            _figure(report.max_abs),
            _figure(report.max_rel),
            str(report.where) if report.where else "—",
            "[green]ok[/]" if report.ok else "[red]wrong[/]",
        )
    console.print(table)
    if result.diagnosis:
        console.print(Text(result.diagnosis.message, style="yellow"))
    console.print(
        "[bold green]✓ The backward matches.[/]"
        if result.verdict == "correct"
        else "[bold red]✗ The backward does not match the finite differences.[/]"
    )


def _figure(error: float) -> str:
    return f"{error:.2e}" if error != float("inf") else "—"  # a wrong shape has no error
