"""The reference's results on disk: a correct answer needs no torch in the tutor.

Computing the expected results means importing torch in the tutor (~2 s,
while the sandbox child imports it too). They depend only on the exercise,
the seed and the code and versions below, so they are kept in one `.npz`
per (exercise, seed, role): the arrays as `a0, a1, ...` and a JSON string
`meta` that says where each one goes, with the key (cachekey.py) it was
computed for; an entry under another key is stale. Never pickle: read with
allow_pickle=False. An entry that cannot be read is ignored and rewritten;
the cache never fails a check. DLTUTOR_CACHE moves it (tests use a tmp dir).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

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


def entry(exercise_id: str, seed: int, role: str) -> Path:
    name = re.sub(r"[^A-Za-z0-9._-]", "_", f"{exercise_id}-{seed}-{role}")
    return cache_dir() / f"{name}.npz"


def remembered(path: Path, key: str | None,
               compute: Callable[[], tuple[Sequence[Any], list[Outcome]]],
               fits: Callable[[list[JobPair]], bool]) -> tuple[list[JobPair], list[Outcome]]:
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
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"][()]))
            if meta["key"] != key:
                return None
            arrays = [stored[f"a{i}"] for i in range(meta["arrays"])]
        jobs = [(int(case), _pick(arrays, weights)) for case, weights in meta["jobs"]]
        outcomes = [Outcome(_pick(arrays, o["outputs"]), _pick(arrays, o["grads"]),
                            o["error"], bool(o["mutated"])) for o in meta["outcomes"]]
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

    meta = {"key": key, "jobs": [[job.case, put(job.weights)] for job in jobs],
            "outcomes": [{"outputs": put(o.outputs), "grads": put(o.grads), "error": o.error,
                          "mutated": bool(o.mutated_inputs)} for o in outcomes]}
    if any(a.dtype.hasobject for a in arrays):
        return
    meta["arrays"] = len(arrays)
    _write(path, {"meta": np.array(json.dumps(meta)),
                  **{f"a{i}": a for i, a in enumerate(arrays)}})


def _write(path: Path, contents: dict[str, np.ndarray]) -> None:
    """Atomically: a reader sees the old entry or the whole new one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                np.savez(out, allow_pickle=False, **contents)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):  # a read-only or full disk: no cache, still a verdict
        pass
