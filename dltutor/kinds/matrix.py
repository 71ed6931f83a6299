"""Vectors, gradients and Jacobians: `[2x, 2y]` or `[[a, b], [c, d]]`.

The shape is checked first (a wrong shape says so and nothing more), then
every entry is compared as an expression on the declared domains.
"""

from __future__ import annotations

from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.errors import BankError
from dltutor.kinds.base import Verdict, correct, incorrect
from dltutor.kinds.symbolic import VARIABLES, check_variables, decided, evidence, variables

FIELDS = [VARIABLES]


def check(question: Question) -> None:
    check_variables(question)
    if not isinstance(question.answer, (list, str)):
        raise BankError(
            "a matrix answer is a list such as [2*x, 2*y] or [[a, b], [c, d]]",
            question.file,
            question.line,
            "answer",
        )


def answer_text(value: Any) -> str:
    """A YAML list (of lists) as the bracketed text a learner would type."""
    if isinstance(value, list):
        return "[" + ", ".join(answer_text(item) for item in value) + "]"
    return str(value)


def reference(variant: Variant) -> str:
    return answer_text(variant.answer)


def parse(raw: str, variant: Variant) -> list[list[Any]]:
    from dltutor.mathexpr import parse_list

    return _rows(parse_list(raw, variables(variant)))


def _rows(value: Any) -> list[list[Any]]:
    """A vector is one column; a matrix its rows. Both as lists of rows."""
    if isinstance(value, list):
        return [[entry] for entry in value]
    return [list(value.row(r)) for r in range(value.rows)]


def shape_of(rows: list[list[Any]]) -> tuple[int, int]:
    return len(rows), len(rows[0]) if rows else 0


def describe(rows: list[list[Any]]) -> str:
    if shape_of(rows)[1] == 1:
        return "[" + ", ".join(str(row[0]) for row in rows) + "]"
    return "[" + ", ".join("[" + ", ".join(map(str, row)) + "]" for row in rows) + "]"


def _first_difference(answer: list[list[Any]], expected: list[list[Any]], names: dict) -> tuple | None:
    from dltutor.mathexpr import equivalent

    for r, (row_a, row_e) in enumerate(zip(answer, expected)):
        for c, (a, e) in enumerate(zip(row_a, row_e)):
            result = decided(equivalent(a, e, names))
            if not result.equal:
                return (r, c), result
    return None


def _entry(index: tuple[int, int], rows: list[list[Any]]) -> str:
    return f"entry {index[0] + 1}" if shape_of(rows)[1] == 1 else f"entry ({index[0] + 1}, {index[1] + 1})"


def _same(a: list[list[Any]], b: list[list[Any]], names: dict) -> bool:
    return shape_of(a) == shape_of(b) and _first_difference(a, b, names) is None


def grade(parsed: list[list[Any]], variant: Variant) -> Verdict:
    names, read_as = variables(variant), describe(parsed)
    expected = parse(reference(variant), variant)
    if not _same(parsed, expected, names):
        for wrong in variant.wrong:  # listed mistakes first: a wrong shape may be one of them
            if _same(parsed, parse(answer_text(wrong.answer), variant), names):
                return incorrect(read_as, wrong.feedback, wrong.mistake)
    if shape_of(parsed) != shape_of(expected):

        def size(rows: list[list[Any]]) -> str:
            return (
                f"{shape_of(rows)[0]} entries"
                if shape_of(rows)[1] == 1
                else "a {}×{} matrix".format(*shape_of(rows))
            )

        return incorrect(
            read_as,
            f"The shape is wrong: expected {size(expected)}, your answer has {size(parsed)}.",
            "shape",
        )
    difference = _first_difference(parsed, expected, names)
    if difference is None:
        return correct(read_as)
    index, result = difference
    return incorrect(
        read_as,
        f"{_entry(index, parsed).capitalize()} is not right.",
        None,
        entry=list(index),
        **evidence(result),
    )
