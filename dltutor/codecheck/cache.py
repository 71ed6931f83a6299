"""The reference's results on disk: a correct answer needs no torch in the tutor.

Computing the expected results means importing torch in the tutor (~2 s,
while the sandbox child imports it too). They depend only on the exercise,
the seed and the code and versions below, so they are kept in one `.npz`
per (exercise, seed, role): the arrays as `a0, a1, ...` and a JSON string
`meta` that says where each one goes, with the key (cachekey.py) it was
computed for; an entry under another key is stale. Never pickle: read with
allow_pickle=False. An entry that cannot be read is ignored and rewritten;
the cache never fails a check. DLTUTOR_CACHE moves it (tests use a tmp dir).

Integrity: each entry has a `.mac` beside it, the HMAC-SHA256 of its bytes
under a per-user key (`key`, mode 0600, in a 0700 folder the sandbox child
cannot reach: another uid, or outside its Landlock/bwrap view). An entry
whose MAC does not match was not written by the tutor: it is ignored and
computed again, so a rewritten entry cannot change a later verdict.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.codecheck.trusted import Outcome

CACHE_ENV = "DLTUTOR_CACHE"
JobPair = tuple[int, "list | None"]  # (case index, grad weights or None)


def cache_dir() -> Path:
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(given) / "code"
    import platformdirs

    return Path(platformdirs.user_cache_dir("dltutor", appauthor=False)) / "code"


def _key() -> bytes | None:
    """The per-user MAC key, made on first use; None if it cannot be kept."""
    root = cache_dir().parent
    path = root / "key"
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
        except FileExistsError:
            pass
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as key_file:
            if os.fstat(key_file.fileno()).st_mode & 0o077:
                return None  # readable by others: not a secret any more
            key = key_file.read(64)
    except OSError:
        return None
    return key if len(key) == 32 else None


def _mac(data: bytes) -> str | None:
    key = _key()
    return None if key is None else hmac.new(key, data, hashlib.sha256).hexdigest()


def entry(exercise_id: str, seed: int, role: str) -> Path:
    name = re.sub(r"[^A-Za-z0-9._-]", "_", f"{exercise_id}-{seed}-{role}")
    return cache_dir() / f"{name}.npz"


def remembered(
    path: Path,
    key: str | None,
    compute: Callable[[], tuple[Sequence[Any], list[Outcome]]],
    fits: Callable[[list[JobPair]], bool],
) -> tuple[list[JobPair], list[Outcome]]:
    """The stored jobs and outcomes if they are there and `fits` them, else
    computed (jobs with .case and .weights) and stored."""
    found = load(path, key)
    if found is not None and fits(found[0]):
        return found
    jobs, outcomes = compute()
    save(path, key, jobs, outcomes)
    return [(job.case, job.weights) for job in jobs], outcomes


def load(path: Path, key: str | None) -> tuple[list[JobPair], list[Outcome]] | None:
    """The jobs and outcomes stored under `key`, or None (missing, stale, corrupt)."""
    if key is None or not path.is_file():
        return None
    try:
        data = path.read_bytes()
        mac = _mac(data)
        if mac is None or not hmac.compare_digest(mac, path.with_suffix(".mac").read_text()):
            return None
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"][()]))
            if meta["key"] != key:
                return None
            arrays = [stored[f"a{i}"] for i in range(meta["arrays"])]
        jobs = [(int(case), _pick(arrays, weights)) for case, weights in meta["jobs"]]
        outcomes = [
            Outcome(_pick(arrays, o["outputs"]), _pick(arrays, o["grads"]), o["error"], bool(o["mutated"]))
            for o in meta["outcomes"]
        ]
    except Exception:  # whatever is wrong with the file, computing again fixes it
        return None
    return (jobs, outcomes) if len(jobs) == len(outcomes) else None


def _pick(arrays: list[np.ndarray], where: list | None) -> list | None:
    return None if where is None else [None if i is None else arrays[i] for i in where]


def save(path: Path, key: str | None, jobs: Sequence[Any], outcomes: Sequence[Outcome]) -> None:
    """Store jobs (with .case and .weights) and outcomes; quietly not, if it
    cannot be done safely (an object array would need pickle)."""
    if key is None:
        return
    arrays: list[np.ndarray] = []

    def put(items: Sequence[Any] | None) -> list | None:
        if items is None:
            return None
        places = []
        for item in items:
            places.append(None if item is None else len(arrays))
            if item is not None:
                arrays.append(np.asarray(item))
        return places

    meta: dict[str, Any] = {
        "key": key,
        "jobs": [[job.case, put(job.weights)] for job in jobs],
        "outcomes": [
            {
                "outputs": put(o.outputs),
                "grads": put(o.grads),
                "error": o.error,
                "mutated": bool(o.mutated_inputs),
            }
            for o in outcomes
        ],
    }
    if any(a.dtype.hasobject for a in arrays):
        return
    meta["arrays"] = len(arrays)
    _write(path, {"meta": np.array(json.dumps(meta)), **{f"a{i}": a for i, a in enumerate(arrays)}})


def _write(path: Path, contents: dict[str, np.ndarray]) -> None:
    """The entry and its MAC (a torn pair fails the check: computed again)."""
    buffer = io.BytesIO()
    try:
        np.savez(buffer, allow_pickle=False, **contents)
        mac = _mac(buffer.getvalue())
        if mac is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace(path.with_suffix(".mac"), mac.encode())
        _replace(path, buffer.getvalue())
    except (OSError, ValueError):  # a read-only or full disk: no cache, still a verdict
        pass


def _replace(path: Path, data: bytes) -> None:
    """Atomically: a reader sees the old file or the whole new one."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
