"""What a command needs to know of every question, without parsing every file.

Listing, progress and planning a quiz need each question's id, kind,
difficulty and whether it is parametrised, not its prompt or answers. Parsing
a 20,000-question bank costs seconds; this index keeps those few fields per
questions file in a JSON file named by the hash of the file's bytes (and of
this dltutor's version), written only after the file parsed and validated in
full. A changed file has a new hash, so it is parsed again; a damaged or
unreadable index entry is ignored and rebuilt. Only the questions a command
actually shows are then parsed, file by file. Entries are stored column by
column and are plain named tuples: reading 20,000 of them takes milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

from dltutor import __version__
from dltutor.bank.models import Question

INDEX_FORMAT = 3  # 2: columns, not one object per entry; 3: section and line
COLUMNS = ("id", "kind", "difficulty", "parametrised", "section", "line")
_TYPES = ((str,), (str,), (int,), (bool,), (str, type(None)), (int,))


class Entry(NamedTuple):
    id: str
    topic: str
    kind: str
    difficulty: int
    parametrised: bool
    file: str
    section: str | None  # the lesson section that teaches it: where to reread
    line: int  # where the question starts in `file`


def entry_of(question: Question) -> Entry:
    return Entry(
        question.id,
        question.topic,
        question.kind,
        question.difficulty,
        question.parametrised,
        question.file,
        question.section,
        question.line,
    )


def entries_of(path: Path, topic: str, parse: Callable[[], list[Question]]) -> list[Entry]:
    """The file's entries: from the index when its bytes are known, else by `parse`
    (the full, validating read of the file), which is then remembered."""
    try:
        key = _key(path.read_bytes(), topic)
    except OSError:
        key = None  # unreadable: the full parse reports it properly
    cached = _load(key) if key else None
    if cached is not None:
        ids, kinds, difficulties, parametrised, sections, lines = cached
        rows = zip(ids, repeat(topic), kinds, difficulties, parametrised, repeat(str(path)), sections, lines)
        # tuple.__new__ straight from C, not Entry._make per row: a big bank has 20,000
        return list(map(tuple.__new__, repeat(Entry), rows))
    entries = [entry_of(q) for q in parse()]
    if key:
        _store(key, entries)
    return entries


def knows(data: bytes, topic: str) -> bool:
    """Whether these bytes, as a file of `topic`, parsed and validated whole."""
    return _load(_key(data, topic)) is not None


def index_dir() -> Path:
    """Beside the code cache (DLTUTOR_CACHE moves both), in the user's cache folder."""
    if os.environ.get("DLTUTOR_CACHE"):
        return Path(os.environ["DLTUTOR_CACHE"]) / "index"
    import platformdirs

    return Path(platformdirs.user_cache_dir("dltutor", appauthor=False)) / "index"


def _key(data: bytes, topic: str) -> str:
    digest = hashlib.sha256(f"{INDEX_FORMAT}:{__version__}:{topic}:".encode())
    digest.update(data)  # not salt + data: that copies the file once more
    return digest.hexdigest()


def _load(key: str) -> list[list] | None:
    """The entry's columns, or None when it is missing or not what _store wrote."""
    try:
        data = json.loads((index_dir() / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or set(data) != set(COLUMNS):
        return None
    columns = [data[name] for name in COLUMNS]
    if not all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns):
        return None
    if not all(set(map(type, column)) <= set(kinds) for column, kinds in zip(columns, _TYPES)):
        return None
    return columns


def _store(key: str, entries: list[Entry]) -> None:
    """Atomically, and never failing a command: the index is only a shortcut."""
    try:
        folder = index_dir()
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{key}.{os.getpid()}.partial"
        columns = {name: [getattr(e, name) for e in entries] for name in COLUMNS}
        partial.write_text(json.dumps(columns), encoding="utf-8")
        os.replace(partial, folder / f"{key}.json")
    except OSError:
        pass
