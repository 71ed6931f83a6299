"""The learner's workspace: one file per code exercise, edited in their editor.

`$DLTUTOR_HOME/workspace/<id>.py` starts as the starter code and is never
overwritten once it exists, so the learner's edits survive across quizzes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from dltutor.bank.models import Variant
from dltutor.errors import NotFoundError

POLL_SECONDS = 0.25


def workspace_file(variant: Variant) -> Path:
    from dltutor.progress.store import data_home

    return data_home() / "workspace" / f"{variant.id}.py"


def ensure_file(variant: Variant) -> tuple[Path, bool]:
    """The workspace file, with the starter written into it if it is new;
    (path, created)."""
    from dltutor.kinds.code import starter

    path = workspace_file(variant)
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(starter(variant), encoding="utf-8")
    return path, True


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"{path} is gone; it will be written again next time") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NotFoundError(f"cannot read {path}: {exc}") from None


def stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def saves(path: Path, poll: float = POLL_SECONDS) -> Iterator[None]:
    """Yield once now, then every time the file is saved (its mtime or size
    changes and then holds still for one poll, so a half-written save waits)."""
    last = stamp(path)
    yield
    while True:
        time.sleep(poll)
        now = stamp(path)
        if now is None or now == last:
            continue
        time.sleep(poll)
        if stamp(path) == now:
            last = now
            yield
