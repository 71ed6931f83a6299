"""Declarative field checks for bank files: types, required keys, unknown keys.

Every failure is a BankError that names the file, the line and the field, so an
author can jump straight to the problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dltutor.bank.yamlfile import Located
from dltutor.errors import BankError

Scalar = (str, int, float)
_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping",
}


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[type, ...]
    required: bool = False
    default: Any = None
    items: tuple[type, ...] | None = None  # for lists: the type of each item


def type_name(types: tuple[type, ...]) -> str:
    return " or ".join(_NAMES.get(t, t.__name__) for t in types)


def is_instance(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool):  # YAML's true is an int to Python; never let it pass as one
        return bool in types
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types)


def require_mapping(data: Any, what: str, file: str, line: int | None = None) -> Located:
    if not isinstance(data, Located):
        got = "nothing" if data is None else type(data).__name__
        raise BankError(f"{what} must be a mapping of keys to values, found {got}", file, line)
    return data


def read_fields(
    data: Any, fields: Sequence[Field], what: str, file: str, line: int | None = None
) -> dict[str, Any]:
    """Check `data` against `fields`; return every field, defaults filled in."""
    mapping = require_mapping(data, what, file, line)
    known = {f.name for f in fields}
    for key in mapping:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise BankError(f"unknown key in {what}{hint}", file, mapping.line_of(key), key)
    return {f.name: _read_field(mapping, f, what, file) for f in fields}


def _read_field(mapping: Located, field: Field, what: str, file: str) -> Any:
    if field.name not in mapping or mapping[field.name] is None:
        if field.required:
            raise BankError(f"{what} is missing this required field", file, mapping.line, field.name)
        return field.default
    value, line = mapping[field.name], mapping.line_of(field.name)
    if not is_instance(value, field.types):
        raise BankError(
            f"expected {type_name(field.types)}, found {_describe(value)}", file, line, field.name
        )
    if field.items is not None and isinstance(value, list):
        for index, item in enumerate(value):
            if not is_instance(item, field.items):
                raise BankError(
                    f"item {index + 1} should be {type_name(field.items)}, found {_describe(item)}",
                    file,
                    line,
                    field.name,
                )
    return value


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (dict, list)):
        return _NAMES[dict] if isinstance(value, dict) else _NAMES[list]
    return f"{type_name((type(value),))} {value!r}"
