"""Secret inputs drawn ahead: a one-shot code check without torch in the tutor.

Every learner's check draws its inputs from a fresh secret seed (nothing can
be computed offline for them), so its expected results cannot come from the
cache of named seeds, and computing them means importing torch in the tutor:
1.3-1.5 s, the long pole of a one-shot `quiz --answer-file`. The pool keeps,
per built-in exercise, a few secret seeds drawn ahead whose results are
already in the results cache (HMAC'd, cache.py). A one-shot check takes one
(each is used once: its entry is deleted after the check) and, after its
verdict, starts a detached `python -m dltutor.codecheck.pool ID` that draws
the next while the learner reads. A quiz does not use it: there the next
check's results are computed while the learner edits (runner.py).

The seeds are as secret as the cache's MAC key: a 0600 file in the tutor's
cache folder, which the sandbox child cannot see (another uid, outside its
Landlock or bwrap view; rlimits-only confines nothing, SECURITY.md). A
forged seed list gains nothing: its entries must still carry the MAC, or
they are computed again. Only the built-in bank is pooled (another bank's
reference runs in the sandbox). DLTUTOR_CODE_POOL=0 turns the pool off.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from dltutor.codecheck import bankcode, cache, inputs
from dltutor.codecheck.spec import Exercise

POOL_ENV = "DLTUTOR_CODE_POOL"
SIZE = 2  # seeds kept ready per exercise: two quick checks in a row stay fast


def enabled(exercise: Exercise) -> bool:
    return (
        os.environ.get(POOL_ENV, "1") != "0"
        and inputs.SEED_OVERRIDE is None
        and bankcode.is_builtin(exercise.reference)
    )


def take(exercise: Exercise) -> int | None:
    """A ready secret seed for `exercise`, removed from the pool; None if none."""
    if not enabled(exercise):
        return None
    with _locked(exercise.id) as seeds:
        return seeds.pop(0) if seeds else None


def used(exercise: Exercise, seed: int | None) -> None:
    """After a one-shot check: forget the taken seed's stored results (None:
    the pool was empty), then draw the next seeds in the background."""
    if seed is not None:
        path = cache.entry(exercise.id, seed, "reference")
        path.unlink(missing_ok=True)
        path.with_suffix(".mac").unlink(missing_ok=True)
    refill_later(exercise)


def refill_later(exercise: Exercise) -> None:
    """Start a detached refill if the pool is short (it outlives this process)."""
    if not enabled(exercise) or len(ready(exercise.id)) >= SIZE:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-m", "dltutor.codecheck.pool", exercise.id],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:  # no pool then: the next check computes its own
        pass


def ready(exercise_id: str) -> list[int]:
    """The seeds waiting for `exercise_id` (for the bench and tests)."""
    try:
        return _read(_file(exercise_id))
    except OSError:
        return []


def wait_full(exercise_id: str, deadline: float) -> list[int]:
    """The seeds once a refill has filled the pool and ended (its lock free),
    or whatever is there after `deadline` seconds (for the bench and tests)."""
    end = time.monotonic() + deadline
    while len(ready(exercise_id)) < SIZE and time.monotonic() < end:
        time.sleep(0.1)
    lock = _file(exercise_id).with_suffix(".refill")
    lock.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(lock, "a") as held:
        while time.monotonic() < end:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                time.sleep(0.1)
    return ready(exercise_id)


def refill(exercise: Exercise, size: int = SIZE) -> None:
    """Draw seeds and compute their results until `size` are ready. One
    refill per exercise at a time: a second one finds the lock held and leaves."""
    from dltutor.codecheck.prepare import prepare

    lock = _file(exercise.id).with_suffix(".refill")
    lock.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(lock, "w") as held:
        try:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return
        while len(ready(exercise.id)) < size:
            seed = inputs.draw_seed()
            if prepare(exercise, seed).key is None:
                return  # nothing can be stored: a pool would only cost
            with _locked(exercise.id) as seeds:
                seeds.append(seed)


def _file(exercise_id: str) -> Path:
    return cache.cache_dir() / "pool" / (re.sub(r"[^A-Za-z0-9._-]", "_", exercise_id) + ".json")


def _read(path: Path) -> list[int]:
    try:
        seeds = json.loads(path.read_text() or "[]")
    except (ValueError, UnicodeDecodeError):
        return []
    return [s for s in seeds if isinstance(s, int)] if isinstance(seeds, list) else []


@contextlib.contextmanager
def _locked(exercise_id: str) -> Iterator[list[int]]:
    """The seed list, read and written back under an exclusive lock."""
    path = _file(exercise_id)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "r+") as pool:
        fcntl.flock(pool, fcntl.LOCK_EX)
        seeds = _read(path)
        yield seeds
        pool.seek(0)
        pool.truncate()
        pool.write(json.dumps(seeds))


def main(argv: list[str]) -> None:
    from dltutor.bank.catalogue import Catalogue, builtin_bank
    from dltutor.codecheck.spec import exercise

    refill(exercise(Catalogue([builtin_bank()]).question(argv[0])))


if __name__ == "__main__":
    main(sys.argv[1:])
