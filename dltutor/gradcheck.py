"""`check-gradient` for one derivation: is the claimed derivative right?

The variables are read off the function (all real). With one variable the
claim is one expression; with several it is a list `[df/dx, df/dy]` in the
order of `wrt`. The verdict is the same equivalence the quiz uses, with the
symbolic worker off: a one-shot check must not pay for a second interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dltutor.errors import AnswerFormatError


@dataclass
class GradientCheck:
    verdict: str  # correct | incorrect | shown (no claim given)
    wrt: list[str]
    reference: list[Any]  # SymPy expressions, one per variable
    read_as: list[Any] | None = None
    feedback: str | None = None
    mistake: str | None = None
    counterexample: dict[str, float] | None = None
    values: dict[str, float | None] = field(default_factory=dict)  # both sides at the point
    note: str | None = None  # e.g. the function does not depend on a --wrt variable
    partial: bool = False  # the function has several variables: ∂f/∂y, even for one --wrt


def check_gradient(function: str, claimed: str | None = None, wrt: list[str] | None = None) -> GradientCheck:
    from dltutor.mathexpr import derivative, parse
    from dltutor.mathexpr.discover import free_names

    names = free_names(function)
    if not names:
        raise AnswerFormatError(f"'{function}' has no variable to differentiate by")
    variables = dict.fromkeys(names, "real")
    wrt = wrt or names
    absent = [name for name in wrt if name not in variables]
    for name in absent:
        _check_name(name)
        variables[name] = "real"
    f = parse(function, variables)
    reference = [derivative(f, name) for name in wrt]
    note = (
        (
            f"The function does not depend on {', '.join(absent)}, so "
            f"{' and '.join(f'∂f/∂{name}' for name in absent)} = 0."
        )
        if absent
        else None
    )
    partial = len(variables) > 1
    if claimed is None:
        return GradientCheck("shown", wrt, reference, note=note, partial=partial)
    claims = _claims(claimed, variables, len(wrt))
    result = _compare(f, claims, reference, wrt, variables, partial)
    result.note, result.partial = note, partial
    return result


def _check_name(name: str) -> None:
    from dltutor.mathexpr.parser import canonical_name

    if canonical_name(name) != name:
        raise AnswerFormatError(f"--wrt {name}: write the variable as it appears in the function")


def _claims(claimed: str, variables: dict[str, str], count: int) -> list[Any]:
    from dltutor.mathexpr import parse, parse_list

    if count == 1 and not claimed.strip().startswith("["):
        return [parse(claimed, variables)]
    claims = parse_list(claimed, variables)
    if not isinstance(claims, list) or len(claims) != count:
        raise AnswerFormatError(
            f"give a list of {count} partial derivatives, one per variable in --wrt order"
        )
    return claims


def _compare(
    f: Any,
    claims: list[Any],
    reference: list[Any],
    wrt: list[str],
    variables: dict[str, str],
    partial: bool = False,
) -> GradientCheck:
    from dltutor.kinds.symbolic import decided
    from dltutor.mathexpr import diagnose, equivalent

    for index, (claim, right) in enumerate(zip(claims, reference)):
        result = decided(equivalent(claim, right, variables, confirm=0))
        if result.equal:
            continue
        mistake = diagnose(claim, right, variables, function=f, wrt=wrt[index])
        where = f"∂f/∂{wrt[index]}" if len(wrt) > 1 or partial else "The derivative"
        feedback = f"{where} is not right." + (f" {mistake.message}" if mistake else "")
        return GradientCheck(
            "incorrect",
            wrt,
            reference,
            claims,
            feedback,
            mistake.name if mistake else None,
            result.counterexample,
            {"claimed": result.answer_value, "reference": result.reference_value},
        )
    return GradientCheck("correct", wrt, reference, claims)
