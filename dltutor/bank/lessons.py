"""lesson.yaml -> Lesson model, every field checked against the schema."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

from dltutor.bank.models import Block, ExampleBlock, FormulaBlock, Lesson, PlotBlock, Section, TextBlock
from dltutor.bank.questions import check_version
from dltutor.bank.schema import Field, read_fields, require_mapping
from dltutor.errors import BankError

LESSON_FIELDS = [
    Field("format_version", (int,), True),
    Field("title", (str,), True),
    Field("summary", (str,), True),
    Field("prerequisites", (list,), default=[], items=(str,)),
    Field("sections", (list,), True),
    Field("key_points", (list,), default=[], items=(str,)),
]
SECTION_FIELDS = [Field("title", (str,), True), Field("body", (list,), True)]
BLOCK_FIELDS = {
    "text": [Field("text", (str,), True)],
    "formula": [
        Field("formula", (str,), True),
        Field("note", (str,)),
        Field("matrices", (list,), default=[], items=(str,)),
        Field("identity", (bool,), default=False),
        Field("functions", (list,), default=[], items=(str,)),
    ],
    "plot": [
        Field("plot", (str, list), True),
        Field("x", (list,), default=[-5, 5], items=(float,)),
        Field("labels", (list,), default=[], items=(str,)),
        Field("title", (str,)),
    ],
    "example": [Field("example", (str,), True), Field("title", (str,), default="Worked example")],
}


def read_lesson(data: Any, topic: str, file: str, known_topics: Collection[str]) -> Lesson:
    check_version(data, file)
    values = read_fields(data, LESSON_FIELDS, "a lesson", file, 1)
    for needed in values["prerequisites"]:
        if needed not in known_topics:
            close = difflib.get_close_matches(needed, list(known_topics), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise BankError(
                f"unknown topic '{needed}'{hint}", file, data.line_of("prerequisites"), "prerequisites"
            )
    if not values["sections"]:
        raise BankError("a lesson needs at least one section", file, data.line_of("sections"), "sections")
    return Lesson(
        topic,
        values["title"],
        values["summary"],
        tuple(values["prerequisites"]),
        tuple(_read_section(item, file) for item in values["sections"]),
        tuple(values["key_points"]),
        file,
    )


def _read_section(item: Any, file: str) -> Section:
    values = read_fields(item, SECTION_FIELDS, "a section", file)
    return Section(values["title"], tuple(_read_block(block, file) for block in values["body"]))


def _read_block(item: Any, file: str) -> Block:
    raw = require_mapping(item, "each block of a section body", file)
    kinds = [key for key in BLOCK_FIELDS if key in raw]
    if len(kinds) != 1:
        raise BankError("each block is exactly one of: text, formula, plot, example", file, raw.line, "body")
    kind = kinds[0]
    values = read_fields(raw, BLOCK_FIELDS[kind], f"a {kind} block", file)
    if kind == "text":
        return TextBlock(values["text"])
    if kind == "formula":
        return FormulaBlock(
            values["formula"],
            values["note"],
            tuple(values["matrices"]),
            values["identity"],
            tuple(values["functions"]),
        )
    if kind == "example":
        return ExampleBlock(values["title"], values["example"])
    return _plot_block(values, raw, file)


def _plot_block(values: dict[str, Any], raw: Any, file: str) -> PlotBlock:
    functions = values["plot"] if isinstance(values["plot"], list) else [values["plot"]]
    if len(values["x"]) != 2 or values["x"][0] >= values["x"][1]:
        raise BankError("x takes [low, high] with low < high", file, raw.line_of("x"), "x")
    if values["labels"] and len(values["labels"]) != len(functions):
        raise BankError("give one label per function", file, raw.line_of("labels"), "labels")
    return PlotBlock(
        tuple(str(f) for f in functions),
        (float(values["x"][0]), float(values["x"][1])),
        tuple(values["labels"]),
        values["title"],
    )
