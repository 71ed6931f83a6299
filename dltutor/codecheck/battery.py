"""The edge battery (DESIGN §5): cases the tutor adds to every exercise's own.

Each edge is made from one of the exercise's own cases (so shapes and
keyword arguments stay valid) by changing some of its float arrays:

    zeros          about a third of the entries exactly 0.0 or -0.0, at the
                   same places in every array of the same shape (a slope
                   that is wrong only at 0 shows in the gradient there)
    ties           small integers, so maxima tie (max-like ops)
    spread         slices of very different magnitude in one tensor: the
                   1-D slices along an axis are scaled or shifted in turn,
                   so a "stable" form using a statistic of the whole tensor
                   instead of each slice fails
    large          every entry multiplied by a large factor
    scalar         0-d tensors, where the prompt allows them
    noncontiguous  every array passed as a non-contiguous view (same values)

Inputs reused after the call, mutation and aliasing are checked on every
value call (probe.py). The YAML `battery:` mapping of an exercise chooses:
`zeros` (default: every float array parameter; [] for none), `ties`,
`scalar` (lists of parameter names), `spread` ({param: axis or the name of
an int keyword, scale: s, shift: t, dtype: d}), `large` ({param: factor}),
`noncontiguous` (default true), and the in-place policy: `inplace` (inputs
the function may update in place and return; `inplace_ok: true` alone means
all of them) and `returned` (inputs it may return themselves, unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from dltutor.codecheck.inputs import ARRAY, NONE, Case
from dltutor.errors import BankError

KEYS = {"zeros", "ties", "spread", "large", "scalar", "noncontiguous", "inplace", "returned"}
SPREAD_KEYS = {"scale", "shift", "dtype"}


@dataclass(frozen=True)
class Spread:
    param: str
    axis: int | str  # an axis, or the keyword argument that holds it
    scale: float = 1.0
    shift: float = 0.0
    dtype: str | None = None  # only cases of this dtype


@dataclass(frozen=True)
class Battery:
    zeros: tuple[str, ...] | None = None  # None: every float array parameter
    ties: tuple[str, ...] = ()
    spread: Spread | None = None
    large: tuple[tuple[str, float], ...] = ()
    scalar: tuple[str, ...] = ()
    noncontiguous: bool = True
    inplace: tuple[str, ...] | None = None  # None: inplace_ok decides for all
    returned: tuple[str, ...] = ()


def read_battery(raw: dict[str, Any], names: list[str], where: str) -> Battery:
    """The YAML mapping, checked: every name must be a parameter."""
    unknown = set(raw) - KEYS
    if unknown:
        raise BankError(f"{where}: battery takes {sorted(KEYS)}, not {sorted(unknown)}")

    def params(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not set(value) <= set(names):
            raise BankError(f"{where}: battery.{key} must list parameters of {names}")
        return tuple(value)

    spread = None
    if "spread" in raw:
        given = dict(raw["spread"])
        targets = [k for k in given if k not in SPREAD_KEYS]
        if len(targets) != 1 or targets[0] not in names:
            raise BankError(f"{where}: battery.spread names one parameter and its axis")
        spread = Spread(
            targets[0],
            given[targets[0]],
            float(given.get("scale", 1.0)),
            float(given.get("shift", 0.0)),
            given.get("dtype"),
        )
    large = dict(raw.get("large", {}))
    if not set(large) <= set(names):
        raise BankError(f"{where}: battery.large must map parameters of {names} to factors")
    return Battery(
        params("zeros") if "zeros" in raw else None,
        params("ties"),
        spread,
        tuple((k, float(v)) for k, v in large.items()),
        params("scalar"),
        bool(raw.get("noncontiguous", True)),
        params("inplace") if "inplace" in raw else None,
        params("returned"),
    )


def edge_cases(exercise: Any, own: list[Case], rng: np.random.Generator) -> list[Case]:
    """The battery's cases for this exercise, made from its own cases."""
    battery: Battery = exercise.battery
    made = [
        _zeros(own, battery, rng),
        _ties(own, battery.ties, rng),
        _spread(own, battery.spread, exercise),
        _large(own, battery.large),
        _scalar(own, battery.scalar),
        _noncontiguous(own) if battery.noncontiguous else None,
    ]
    return [case for case in made if case is not None]


def positions(case: Case) -> dict[str, list[int]]:
    """Parameter name -> the flat indices of its arrays."""
    found, at = {}, 0
    for name, code in zip(case.names, case.layout):
        count = 0 if code == NONE else 1 if code == ARRAY else code
        found[name] = list(range(at, at + count))
        at += count
    return found


def _floats(case: Case, params: tuple[str, ...] | None) -> list[int]:
    where = positions(case)
    chosen = case.names if params is None else params
    return [i for name in chosen for i in where.get(name, []) if case.arrays[i].dtype.kind == "f"]


def _edit(case: Case, changed: dict[int, np.ndarray], edge: str, note: str) -> Case:
    arrays = tuple(np.ascontiguousarray(changed.get(i, a)) for i, a in enumerate(case.arrays))
    return replace(case, arrays=arrays, edge=edge, note=note)


def _zeros(own: list[Case], battery: Battery, rng: np.random.Generator) -> Case | None:
    base = next((c for c in own if _floats(c, battery.zeros)), None)
    if base is None:
        return None
    changed, masks = {}, {}
    for i in _floats(base, battery.zeros):
        array = base.arrays[i].copy()
        if array.shape not in masks:  # the same places in arrays of one shape
            masks[array.shape] = _zero_places(array.shape, rng)
        zero, negative = masks[array.shape]
        array[zero] = 0.0
        array[zero & negative] = -0.0
        changed[i] = array
    return _edit(base, changed, "zeros", "exact zeros and -0.0")


def _zero_places(shape: tuple[int, ...], rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """A third of the places (at least one +0.0 and, given two, one -0.0)."""
    size = int(np.prod(shape))
    count = min(size, max(2, round(size / 3)))
    chosen = rng.permutation(size)[:count]
    zero, negative = np.zeros(size, bool), np.zeros(size, bool)
    zero[chosen] = True
    negative[chosen[1::2]] = True  # every other chosen place is -0.0
    return zero.reshape(shape), negative.reshape(shape)


def _ties(own: list[Case], params: tuple[str, ...], rng: np.random.Generator) -> Case | None:
    base = next((c for c in own if _floats(c, params)), None) if params else None
    if base is None:
        return None
    changed = {
        i: rng.integers(-2, 3, base.arrays[i].shape).astype(base.arrays[i].dtype)
        for i in _floats(base, params)
    }
    return _edit(base, changed, "ties", "small integers: many ties")


def _spread(own: list[Case], spread: Spread | None, exercise: Any) -> Case | None:
    if spread is None:
        return None
    for case in own:
        if spread.dtype is not None and not any(a.dtype.name == spread.dtype for a in case.arrays):
            continue
        for i in _floats(case, (spread.param,)):
            array = case.arrays[i]
            axis = _axis(spread.axis, case, exercise) % max(array.ndim, 1)
            if array.ndim < 2:
                continue
            shape = [n if d != axis else 1 for d, n in enumerate(array.shape)]
            turn = (np.arange(int(np.prod(shape))) % 2).reshape(shape)  # slices alternate
            edited = array * np.where(turn == 1, spread.scale, 1.0) + turn * spread.shift
            note = f"slices along axis {axis} of {spread.param} alternate"
            note += f" ×1 and ×{spread.scale:g}" if spread.scale != 1 else ""
            note += f" +0 and +{spread.shift:g}" if spread.shift else ""
            return _edit(case, {i: edited.astype(array.dtype)}, "spread", note)
    return None


def _axis(axis: int | str, case: Case, exercise: Any) -> int:
    if isinstance(axis, int):
        return axis
    default = next((p.default for p in exercise.params if p.name == axis), -1)
    return int(case.kwargs.get(axis, default))


def _large(own: list[Case], large: tuple[tuple[str, float], ...]) -> Case | None:
    if not large:
        return None
    factors = dict(large)
    base = next((c for c in own if _floats(c, tuple(factors))), None)
    if base is None:
        return None
    where = positions(base)
    changed = {
        i: (base.arrays[i].astype(np.float64) * factor).astype(base.arrays[i].dtype)
        for name, factor in factors.items()
        for i in where.get(name, [])
    }
    return _edit(
        base,
        changed,
        "large",
        "values multiplied by " + ", ".join(f"{factor:g} ({name})" for name, factor in large),
    )


def _scalar(own: list[Case], params: tuple[str, ...]) -> Case | None:
    base = next((c for c in own if _floats(c, params)), None) if params else None
    if base is None:
        return None
    changed = {i: base.arrays[i].reshape(-1)[:1].reshape(()) for i in _floats(base, params)}
    return _edit(base, changed, "scalar", "0-d tensors")


def _noncontiguous(own: list[Case]) -> Case | None:
    ranked = sorted(own, key=lambda c: -sum(a.ndim >= 2 for a in c.arrays))
    base = next((c for c in ranked if any(a.ndim >= 1 for a in c.arrays)), None)
    if base is None:
        return None
    strided = tuple(i for i, a in enumerate(base.arrays) if a.ndim >= 1)
    return replace(
        base,
        strided=strided,
        edge="noncontiguous",
        note="non-contiguous inputs (transposed or strided views)",
    )
