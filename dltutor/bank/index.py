"""What a command needs to know of every question, without parsing every file.

Listing, progress and planning a quiz need each question's id, kind,
difficulty and whether it is parametrised, not its prompt or answers. Parsing
a 20,000-question bank costs seconds; this index keeps those few fields per
questions file in a JSON file named by the hash of the file's bytes (and of
this dltutor's version), written only after the file parsed and validated in
full. A changed file has a new hash, so it is parsed again; a damaged or
unreadable index entry is ignored and rebuilt. Only the questions a command
actually shows are then parsed, file by file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from dltutor import __version__

INDEX_FORMAT = 1


@dataclass(frozen=True)
class Entry:
    id: str
    topic: str
    kind: str
    difficulty: int
    parametrised: bool
    file: str


def entries_of(path: Path, topic: str, parse: Callable[[], list]) -> list[Entry]:
    """The file's entries: from the index when its bytes are known, else by `parse`
    (the full, validating read of the file), which is then remembered."""
    try:
        key = _key(path.read_bytes(), topic)
    except OSError:
        key = None  # unreadable: the full parse reports it properly
    cached = _load(key) if key else None
    if cached is not None:
        return [Entry(**{**item, "file": str(path)}) for item in cached]
    entries = [Entry(q.id, topic, q.kind, q.difficulty, q.parametrised, str(path)) for q in parse()]
    if key:
        _store(key, entries)
    return entries


def index_dir() -> Path:
    """Beside the code cache (DLTUTOR_CACHE moves both), in the user's cache folder."""
    if os.environ.get("DLTUTOR_CACHE"):
        return Path(os.environ["DLTUTOR_CACHE"]) / "index"
    import platformdirs
    return Path(platformdirs.user_cache_dir("dltutor", appauthor=False)) / "index"


def _key(data: bytes, topic: str) -> str:
    salt = f"{INDEX_FORMAT}:{__version__}:{topic}:".encode()
    return hashlib.sha256(salt + data).hexdigest()


def _load(key: str) -> list[dict] | None:
    try:
        items = json.loads((index_dir() / f"{key}.json").read_text(encoding="utf-8"))
        fields = {"id", "topic", "kind", "difficulty", "parametrised"}
        if isinstance(items, list) and all(isinstance(i, dict) and set(i) == fields for i in items):
            return items
    except (OSError, ValueError):
        pass
    return None


def _store(key: str, entries: list[Entry]) -> None:
    """Atomically, and never failing a command: the index is only a shortcut."""
    try:
        folder = index_dir()
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{key}.{os.getpid()}.partial"
        items = [{k: v for k, v in asdict(e).items() if k != "file"} for e in entries]
        partial.write_text(json.dumps(items), encoding="utf-8")
        os.replace(partial, folder / f"{key}.json")
    except OSError:
        pass
