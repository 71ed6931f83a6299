"""Read one YAML file into plain data that remembers where each key stood.

Mappings come back as `Located` dicts whose `lines` say the line of every key,
so a schema error can name the file, the line and the field. Duplicate keys,
which PyYAML would silently let the last one win, are errors. So are anchors
and aliases (`&a`, `*a`): a bank has no use for them, and nested aliases
expand exponentially ("billion laughs"); merge keys (`<<`), tags that build
anything but text, numbers, lists and mappings (`!!set`, `!!python/...`), a
second document, and nesting deeper than MAX_DEPTH (which would exhaust the
interpreter's recursion on the way). A file over MAX_BYTES is refused before
it is parsed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from dltutor.errors import BankError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
MAX_BYTES = 2 << 20  # the largest built-in file is ~40 KB


class Located(dict):
    """A mapping that knows its file, its own line and the line of each key."""

    file: str = ""
    line: int = 0
    lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)


_TAG = "tag:yaml.org,2002:"
_PLAIN = (None, "!", f"{_TAG}map", f"{_TAG}seq")  # the collection tags a bank may carry
_STR, _MERGE = f"{_TAG}str", f"{_TAG}merge"
MAX_DEPTH = 50  # nested mappings and lists; a question is about six deep


def _document(loader: Any, file: str) -> Any:
    """The one document of the stream, built from the parser's events in one pass:
    a third of the time of PyYAML's nodes and constructor, and an alias, a tag or
    a depth that has no place in a bank is refused where it stands."""
    open_: list[Located | list] = []  # the collections being built, outermost first
    keys: list[str | None] = []  # for each: the key whose value comes next (None: a key comes)
    result, documents = None, 0
    scalar, start, end = (
        yaml.ScalarEvent,
        (yaml.MappingStartEvent, yaml.SequenceStartEvent),
        yaml.CollectionEndEvent,
    )
    for event in iter(loader.get_event, None):  # None once the stream has ended
        kind = type(event)  # by identity first: a 500-question file has 25,000 events
        if kind is scalar:
            value = _scalar(loader, event, file)
        elif kind in start:
            open_.append(_collection(event, file, len(open_)))
            keys.append(None)
            continue
        elif isinstance(event, end):
            value, _ = open_.pop(), keys.pop()
        elif kind is yaml.AliasEvent:
            raise BankError(_ALIASES, file, _line(event))
        elif kind is yaml.DocumentStartEvent and documents:
            raise BankError("a second YAML document ('---'); a bank file holds one", file, _line(event))
        else:
            documents += kind is yaml.DocumentStartEvent
            continue  # the stream's and documents' own events
        if not open_:
            result = value
        elif keys[-1] is not None:  # a mapping's value
            open_[-1][keys[-1]] = value  # type: ignore[call-overload]
            keys[-1] = None
        elif isinstance(open_[-1], list):
            open_[-1].append(value)
        else:
            keys[-1] = _key(open_[-1], value, file, event)
    return result


_ALIASES = "YAML anchors and aliases (&name, *name) are not allowed in a bank; write the value out"


def _collection(event: Any, file: str, depth: int) -> Located | list:
    if event.anchor:
        raise BankError(_ALIASES, file, _line(event))
    if event.tag not in _PLAIN:
        raise BankError(f"the YAML tag {event.tag} has no place in a bank", file, _line(event))
    if depth >= MAX_DEPTH:
        raise BankError(f"nested more than {MAX_DEPTH} levels deep", file, _line(event))
    if isinstance(event, yaml.SequenceStartEvent):
        return []
    mapping = Located()
    mapping.file, mapping.line, mapping.lines = file, _line(event), {}
    return mapping


def _scalar(loader: Any, event: Any, file: str) -> Any:
    """Text as it is; numbers, booleans, null and dates by PyYAML's safe rules."""
    if event.anchor:
        raise BankError(_ALIASES, file, _line(event))
    tag = event.tag
    if tag in (None, "!"):
        plain, value = event.implicit[0], event.value
        if not plain or value[:1] not in loader.yaml_implicit_resolvers:
            return value  # quoted, or starts as no number, boolean or null can: text
        tag = loader.resolve(yaml.ScalarNode, value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _MERGE:
        raise BankError("merge keys (<<) are not allowed in a bank; write the keys out", file, _line(event))
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return loader.construct_object(node)


def _key(mapping: Located, key: Any, file: str, event: Any) -> str:
    """`key` (ending at `event`) as the mapping's next key."""
    line = _line(event)
    if not isinstance(key, str):
        raise BankError(f"keys must be text, found {key!r}", file, line)
    if key in mapping.lines:
        raise BankError(f"duplicate key '{key}' (first at line {mapping.lines[key]})", file, line)
    mapping.lines[key] = line
    return key


def _line(event: Any) -> int:
    return int(event.start_mark.line) + 1  # the parser marks every event


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
    loader = _Base(text)
    try:
        with collector_paused():
            return _document(loader, file)
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
