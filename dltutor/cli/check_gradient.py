"""`dltutor check-gradient`: check one derivation (exit 0 right, 1 wrong, 2 unreadable)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from dltutor.cli.common import ColourOption, JsonOption, edge, print_json
from dltutor.errors import DltutorError

if TYPE_CHECKING:  # sympy loads only when a derivative is checked
    from dltutor.gradcheck import GradientCheck

EXAMPLES = (
    'Examples:  `dltutor check-gradient "log(1+e^x)" "σ(x)"`  ·  '
    '`dltutor check-gradient "x*sigmoid(x)"`  ·  '
    '`dltutor check-gradient "x^2 y + y" "[2xy, x^2 + 1]" --wrt x,y --json`  ·  '
    "`dltutor check-gradient --steps derivation.txt`  ·  "
    '`printf "d/dx (sin(x^2))\\n= 2x cos(x^2)" | dltutor check-gradient --steps - --json`  ·  '
    "`dltutor check-gradient --code my_layer.py:MySoftmax --shape 4,5`"
)


@edge
def check_gradient(
    ctx: typer.Context,
    function: Annotated[str | None, typer.Argument(help='The function, e.g. "log(1+e^x)".')] = None,
    claimed: Annotated[
        str | None,
        typer.Argument(
            help="Your derivative; a list [df/dx, df/dy] for several variables. Leave out to see it."
        ),
    ] = None,
    wrt: Annotated[
        str | None,
        typer.Option(
            help="Variables to differentiate by, comma-separated (default: all, in order); "
            "one the function does not contain has partial derivative 0."
        ),
    ] = None,
    code: Annotated[
        str | None,
        typer.Option(
            "--code",
            metavar="FILE.py:NAME",
            help="Check a hand-written backward: a "
            "torch.autograd.Function subclass, or NAME(x, ...) with NAME_backward(grad_out, x, ...).",
        ),
    ] = None,
    shape: Annotated[
        list[str] | None,
        typer.Option(
            "--shape", metavar="4,5", help="With --code: the shape of each input (repeat per input)."
        ),
    ] = None,
    steps: Annotated[
        str | None,
        typer.Option(
            "--steps",
            metavar="FILE",
            help="Check a derivation line by line (FILE, or - for stdin): "
            "one expression per line, the first may be d/dx (…); the last is graded.",
        ),
    ] = None,
    as_json: JsonOption = False,
    colour: ColourOption = None,
) -> None:
    """Check a derivative you worked out (or a whole derivation, line by line, with --steps),
    show the derivative of a function, or check the backward pass of your own code against
    finite differences."""
    from dltutor.gradcheck import check_gradient as run

    _no_mistyped_option(function, claimed, *ctx.args)
    if ctx.args:
        raise DltutorError(
            f"unexpected extra argument '{ctx.args[0]}': give FUNCTION and "
            "CLAIMED, quoted if they hold spaces"
        )
    if code is not None:
        from dltutor.cli.check_code import check_code

        if function is not None:
            raise DltutorError("give either a FUNCTION or --code FILE.py:NAME, not both")
        if steps is not None:
            raise DltutorError(
                "--steps checks a written derivation and --code a backward pass: give one of them"
            )
        check_code(code, shape or [], as_json)
    if shape:
        raise DltutorError("--shape goes with --code")
    if steps is not None:
        from dltutor.cli.check_steps import check_steps_file

        if claimed is not None:
            raise DltutorError("with --steps the claim is the derivation's last line; give no CLAIMED")
        check_steps_file(steps, function, wrt, as_json)
    if function is None:
        raise DltutorError('give a FUNCTION, e.g. dltutor check-gradient "x*sigmoid(x)"')
    names = [name.strip() for name in wrt.split(",") if name.strip()] if wrt else None
    result = run(function, claimed, names)
    if as_json:
        _json(result)
    else:
        _show(result)
    raise typer.Exit(1 if result.verdict == "incorrect" else 0)


def _no_mistyped_option(*values: str | None) -> None:
    """Unknown options reach FUNCTION and CLAIMED (claims like -sin(x) must), but no
    expression starts with "--": that is a mistyped option such as --jso."""
    import difflib

    for value in values:
        if value and value.startswith("--"):
            name = value.split("=")[0]
            close = difflib.get_close_matches(name, _OPTIONS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise DltutorError(f"no such option: {name}{hint}")


_OPTIONS = ["--wrt", "--code", "--shape", "--json", "--help"]


def _one_or_list(values: Sequence[object]) -> str | list[str]:
    texts = [str(v) for v in values]
    return texts[0] if len(texts) == 1 else texts


def _json(result: GradientCheck) -> None:
    print_json(
        {
            "verdict": result.verdict,
            "wrt": result.wrt,
            "reference": _one_or_list(result.reference),
            "read_as": _one_or_list(result.read_as) if result.read_as is not None else None,
            "counterexample": result.counterexample,
            "values": result.values or None,
            "feedback": result.feedback,
            "mistake": result.mistake,
            "note": result.note,
        }
    )


def _show(result: GradientCheck) -> None:
    from rich.text import Text

    from dltutor.mathexpr import pretty
    from dltutor.render.console import out

    console = out()
    if result.note:
        console.print(Text(result.note, style="dim"))
    if result.read_as is not None:
        console.print(Text("read as:", style="dim"))
        for name, claim in zip(result.wrt, result.read_as):
            console.print(Text(_labelled(name, pretty(claim), result.partial), style="cyan"))
    if result.verdict == "correct":
        console.print("[bold green]✓ Correct[/]")
        return
    if result.verdict == "incorrect":
        console.print("[bold red]✗ Incorrect[/]")
        console.print(Text(result.feedback or ""))
        if result.counterexample:
            from dltutor.render.quiz import differs_at

            evidence = {
                "answer_value": result.values.get("claimed"),
                "reference_value": result.values.get("reference"),
            }
            console.print(Text(differs_at(result.counterexample, evidence), style="yellow"))
        console.print(Text("the derivative is:", style="dim"))
    for name, right in zip(result.wrt, result.reference):
        console.print(Text(_labelled(name, pretty(right), result.partial), style="bold"))
    # the claim to plot: an incorrect verdict always carries it (gradcheck._compare), a
    # "shown" one has none; read_as is tested, not assumed, so no path can index a None
    if result.verdict == "incorrect" and result.read_as and len(result.wrt) == 1:
        from dltutor.render.plot import show_claim_plot

        show_claim_plot(
            console, str(result.read_as[0]), str(result.reference[0]), result.wrt[0], result.counterexample
        )


def _labelled(name: str, drawn: str, partial: bool) -> str:
    """Prefix a (possibly multi-line) drawing with ∂f/∂name (a function of several
    variables) or d/dname on its middle line."""
    label = f"∂f/∂{name} = " if partial else f"d/d{name} = "
    lines = drawn.splitlines() or [""]
    middle = len(lines) // 2
    return "\n".join(
        "    " + (label if i == middle else " " * len(label)) + line for i, line in enumerate(lines)
    )
