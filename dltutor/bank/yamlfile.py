"""Read one YAML file into plain data that remembers where each key stood.

Mappings come back as `Located` dicts whose `lines` say the line of every key,
so a schema error can name the file, the line and the field. Duplicate keys,
which PyYAML would silently let the last one win, are errors. So are anchors
and aliases (`&a`, `*a`): a bank has no use for them, and nested aliases
expand exponentially ("billion laughs"). A file over MAX_BYTES is refused
before it is parsed.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from dltutor.errors import BankError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
MAX_BYTES = 2 << 20  # the largest built-in file is ~40 KB
# where an anchor or alias could start; most files never match, and skip the scan
_MAYBE_ALIAS = re.compile(r"(?:^|[\s,\[{:-])[&*][^\s,\]}]")


class Located(dict):
    """A mapping that knows its file, its own line and the line of each key."""

    file: str = ""
    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


class _LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.file, result.line, result.lines = loader.dltutor_file, node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise BankError(f"keys must be text, found {key!r}", loader.dltutor_file, line)
        if key in result:
            raise BankError(
                f"duplicate key '{key}' (first at line {result.lines[key]})", loader.dltutor_file, line
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _refuse_aliases(text: str, file: str) -> None:
    """Raise at the first anchor or alias, before anything is built."""
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise BankError(
                "YAML anchors and aliases (&name, *name) are not allowed in a bank; write the value out",
                file,
                mark.line + 1 if mark else None,
            )


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BankError(f"the file is larger than {MAX_BYTES >> 20} MiB", str(path))
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BankError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    except UnicodeDecodeError:
        raise BankError("not UTF-8 text", str(path)) from None


def read_yaml(path: Path) -> Any:
    """Parse `path`; any failure becomes a BankError naming the file and line."""
    return parse_yaml(_read_text(path), str(path))


def parse_yaml(text: str, file: str) -> Any:
    """Parse `text` read from `file` (named in errors and in every Located)."""
    loader = _LineLoader(text)
    loader.dltutor_file = file
    try:
        if _MAYBE_ALIAS.search(text):  # the event scan costs a second parse
            _refuse_aliases(text, file)
        with collector_paused():
            return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "not valid YAML"
        if "\t" in text and "cannot start any token" in what:
            what += " (tabs are not allowed for indentation in YAML; use spaces)"
        raise BankError(f"not valid YAML: {what}", file, line) from None
    except yaml.YAMLError as exc:
        raise BankError(f"not valid YAML: {exc}", file) from None
    finally:
        loader.dispose()


@contextmanager
def collector_paused() -> Iterator[None]:
    """For building a bank's data: it allocates a container per mapping and list,
    none of them in cycles, and left on, the cyclic collector walks every object
    the command holds again and again (indexing 20,000 questions: 10.9 s of CPU,
    8.2 s with it paused while each file is built)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_header(path: Path, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """Those of `keys` that the top-level mapping holds, read from parser events.

    About eight times faster than building the whole document: listing the
    course needs only each lesson's title and prerequisites. Values are
    scalars (as text) or flat lists of them. None when the file cannot be
    parsed; the caller then reads it whole, which reports the error properly.
    """
    found: dict[str, Any] = {}
    depth = 0
    key: str | None = None  # the top-level key being read
    items: list[str] | None = None  # and its list, when it is one
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=_Base):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return None  # read whole, it reports the alias
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth == 2 and key in keys and isinstance(event, yaml.SequenceStartEvent):
                    items = []
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 1 and key is not None and items is not None:
                    found[key] = items
                if depth == 1:
                    key, items = None, None
            elif isinstance(event, yaml.ScalarEvent) and depth == 1:
                if key is None:
                    key = event.value
                else:
                    if key in keys:
                        found[key] = event.value
                    key = None
            elif isinstance(event, yaml.ScalarEvent) and depth == 2 and items is not None:
                items.append(event.value)
            if len(found) == len(keys):
                break
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return found
