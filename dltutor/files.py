"""Reading and writing the files a learner names: answers, exports, code to check.

One place for the checks every such file needs: it exists, it is a regular
file (not /dev/zero, a directory or a FIFO), it is not huge, it is UTF-8. A
file written in place of one is replaced only when it is a regular file.
"""

from __future__ import annotations

from pathlib import Path

from dltutor.errors import DltutorError, NotFoundError

MAX_BYTES = 4 << 20  # far beyond any answer or export; a guard against /dev/zero-like input


def read_user_file(path: Path, what: str, limit: int = MAX_BYTES) -> str:
    if not path.exists():
        raise NotFoundError(f"{what} '{path}' does not exist")
    if not path.is_file():
        raise NotFoundError(f"{what} '{path}' is not a regular file")
    try:
        if path.stat().st_size > limit:
            raise DltutorError(f"{what} '{path}' is larger than {limit >> 20} MiB")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise DltutorError(f"{what} '{path}' is not UTF-8 text") from None
    except OSError as exc:
        raise DltutorError(f"cannot read {what} '{path}': {exc.strerror or exc}") from None


def writable_target(path: Path) -> Path:
    """`path`, if a file may be written there without replacing anything but a file."""
    if not path.name or path.name in (".", ".."):
        raise DltutorError(f"'{path}' is not a file name")
    if path.exists() and not path.is_file():
        raise DltutorError(f"'{path}' exists and is not a regular file; nothing was written")
    return path
