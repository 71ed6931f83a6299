"""questions.yaml -> Question models, every field checked against the schema."""

from __future__ import annotations

import re
from typing import Any

from dltutor.bank.models import Param, Question, WrongAnswer
from dltutor.bank.schema import Field, read_fields, require_mapping
from dltutor.bank.yamlfile import Located
from dltutor.errors import BankError
from dltutor.kinds import KIND_NAMES, kind_module

FORMAT_VERSION = 1
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_ANSWER = (str, int, float, list)

FILE_FIELDS = [Field("format_version", (int,), True), Field("questions", (list,), True)]
COMMON_FIELDS = [
    Field("id", (str,), True),
    Field("kind", (str,), True),
    Field("prompt", (str,), True),
    Field("answer", _ANSWER),
    Field("wrong", (list,), True),
    Field("hints", (list,), True, items=(str,)),
    Field("explanation", (str,), True),
    Field("difficulty", (int,), default=2),
    Field("tags", (list,), default=[], items=(str,)),
    Field("params", (dict,), default={}),
    Field("section", (str,)),
]
WRONG_FIELDS = [
    Field("answer", _ANSWER, True),
    Field("mistake", (str,), True),
    Field("feedback", (str,), True),
]
PARAM_KINDS: dict[str, type] = {"int": list, "float": list, "choice": list, "value": str}
_TAKES = {"int": "[low, high]", "float": "[low, high]", "choice": "a list", "value": "an expression"}


def check_version(data: Any, file: str) -> None:
    version = require_mapping(data, "the file", file).get("format_version")
    if version is not None and version != FORMAT_VERSION:
        raise BankError(
            f"format_version {version!r} is not supported (this dltutor reads {FORMAT_VERSION})",
            file,
            data.line_of("format_version"),
            "format_version",
        )


def read_questions(data: Any, topic: str, file: str) -> list[Question]:
    check_version(data, file)
    fields = read_fields(data, FILE_FIELDS, "a questions file", file, 1)
    return [read_question(item, topic, file) for item in fields["questions"]]


def read_question(item: Any, topic: str, file: str) -> Question:
    raw = require_mapping(item, "each question", file)
    kind = raw.get("kind")
    if kind not in KIND_NAMES:
        raise BankError(
            f"unknown kind {kind!r}; kinds are: {', '.join(KIND_NAMES)}", file, raw.line_of("kind"), "kind"
        )
    module = kind_module(kind)
    what = f"question '{raw.get('id', '?')}'"
    values = read_fields(raw, COMMON_FIELDS + list(module.FIELDS), what, file)
    _check_common(values, raw, file)
    if values["answer"] is None and not getattr(module, "COMPUTES_ANSWER", False):
        raise BankError(f"{what} is missing this required field", file, raw.line, "answer")
    extra = {f.name: values[f.name] for f in module.FIELDS}
    question = Question(
        id=values["id"],
        topic=topic,
        kind=kind,
        prompt=values["prompt"],
        answer=values["answer"],
        wrong=tuple(_read_wrong(w, what, file) for w in values["wrong"]),
        hints=tuple(values["hints"]),
        explanation=values["explanation"],
        difficulty=values["difficulty"],
        tags=tuple(values["tags"]),
        params=_read_params(values["params"], file),
        section=values["section"],
        extra=extra,
        file=file,
        line=raw.line,
    )
    module.check(question)
    return question


def _check_common(values: dict[str, Any], raw: Any, file: str) -> None:
    if not _ID.fullmatch(values["id"]):
        raise BankError("ids use lowercase letters, digits, '.', '_' and '-'", file, raw.line_of("id"), "id")
    if not 1 <= values["difficulty"] <= 5:
        raise BankError(
            "difficulty runs from 1 (recall) to 5 (derivation)", file, raw.line_of("difficulty"), "difficulty"
        )
    for name in ("hints", "wrong"):
        if not values[name]:
            raise BankError("give at least one", file, raw.line_of(name), name)


def _read_wrong(item: Any, what: str, file: str) -> WrongAnswer:
    values = read_fields(item, WRONG_FIELDS, f"a wrong answer of {what}", file)
    return WrongAnswer(values["answer"], values["mistake"], values["feedback"], item.line)


def _read_params(raw: Located, file: str) -> tuple[Param, ...]:
    params = []
    for name, written in raw.items():
        line = raw.line_of(name)
        if not name.isidentifier():
            raise BankError(f"parameter name '{name}' must be an identifier", file, line, "params")
        spec = require_mapping(written, f"parameter '{name}'", file, line)
        kinds = [key for key in spec if key in PARAM_KINDS]
        if len(kinds) != 1 or set(spec) - {kinds[0], "digits"}:
            raise BankError(
                f"parameter '{name}' needs exactly one of int, float, choice, value (and digits for float)",
                file,
                line,
                "params",
            )
        kind, value = kinds[0], spec[kinds[0]]
        wrong_type = not isinstance(value, PARAM_KINDS[kind])
        if wrong_type or (kind in ("int", "float") and len(value) != 2):
            raise BankError(f"parameter '{name}': {kind} takes {_TAKES[kind]}", file, line, "params")
        params.append(Param(name, kind, value, spec.get("digits")))
    return tuple(params)
