"""The key of a cached result: a digest of everything the result depends on.

For the reference: the exercise as loaded (id, function, signature and
defaults, `grad`, its form, the YAML cases or the generator's bytes, the
checker's bytes), the seed, the reference's and the oracle's bytes, the dltutor, torch and NumPy
versions, and the tutor code that makes cases and runs references.
Tolerances are left out: they change the comparison, not the results.
A wrong solution's key is the reference's plus the wrong file's bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from dltutor.codecheck.spec import Exercise

FORMAT = 1  # of the entries (cache.py): a new layout misses every old entry
# the tutor's code that turns an exercise into expected results: a change to
# it (without a new dltutor version, as in development) must miss the cache
_CODE = (
    "battery.py",
    "cache.py",
    "cachekey.py",
    "expected.py",
    "inputs.py",
    "trusted.py",
    "forms/__init__.py",
    "forms/also.py",
    "forms/module.py",
    "forms/training.py",
)
_BASE: list[str] = []  # computed once per process


def reference_key(exercise: Exercise, seed: int) -> str | None:
    """None when a file cannot be read: nothing is cached, and computing
    the results reports the real problem."""
    spec = (
        exercise.id,
        exercise.function,
        exercise.signature,
        exercise.params,
        exercise.grad,
        exercise.form,
        exercise.forward,
        exercise.numpy,
        exercise.cases if isinstance(exercise.cases, list) else None,
        seed,
        exercise.battery,
        exercise.also,
    )
    files = [
        exercise.reference,
        *([exercise.oracle] if exercise.oracle else []),
        *([exercise.cases] if isinstance(exercise.cases, Path) else []),
        *([exercise.check] if exercise.check else []),
    ]
    return digest(base(), repr(spec), *files)


def digest(*parts: str | Path) -> str | None:
    """sha256 of strings and files' bytes, each length-prefixed (no two
    different lists of parts give the same bytes)."""
    hashed = hashlib.sha256()
    try:
        for part in parts:
            data = part.read_bytes() if isinstance(part, Path) else part.encode()
            hashed.update(len(data).to_bytes(8, "little") + data)
    except OSError:
        return None
    return hashed.hexdigest()


def base() -> str:
    if not _BASE:
        from importlib.metadata import PackageNotFoundError, version

        from dltutor import __version__

        try:  # the installed distribution's version: no `import torch` (~2 s)
            torch = version("torch")
        except PackageNotFoundError:
            torch = "none"
        here = Path(__file__).parent
        _BASE.append(
            digest(f"{FORMAT}:{__version__}:{torch}:{np.__version__}", *(here / name for name in _CODE))
            or "unreadable"
        )
    return _BASE[0]
