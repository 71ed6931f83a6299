"""Test cases: the inputs the tutor chooses, from the YAML or a generator.

A declarative case maps parameter names to values. An array is a mapping
with `shape` (or `values`), `dtype` (float32), and how to fill it: `dist`
normal (default; `scale`, `shift`), uniform (`low`, `high`), positive,
randint (`low`, `high`), mask (bool, `p` True, at least one True in every
last-axis row) or zeros. `{list: [array, ...]}` is a list of arrays. Anything
else (numbers, booleans, null, lists of numbers) is passed by keyword.
`note` says in words what the case is for; `grad: false` skips its gradient
check. Arrays go positionally (so the learner may name them as they like),
in signature order, and must come before the keyword arguments.

Seeds: a learner's check draws a fresh secret seed (`draw_seed`, from
`secrets`), so the inputs cannot be known in advance and looked up; the
failing case is shown with its values when it is small. `bank validate`
and tests use named seeds; tests inject one through `SEED_OVERRIDE` (a
Python-level hook: no option, file or variable a learner's answer sets).
"""

from __future__ import annotations

import secrets
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from dltutor.errors import BankError

if TYPE_CHECKING:
    from dltutor.codecheck.spec import Exercise

ARRAY = -1  # layout codes: one array; a list of n arrays is n >= 0
NONE = -2  # a positional None (a default the case leaves out)
DTYPES = {"float32", "float64", "int64", "int32", "bool"}
CASE_KEYS = {"note", "grad"}


@dataclass(frozen=True)
class Case:
    arrays: tuple[np.ndarray, ...]  # flat, in order
    layout: tuple[int, ...]  # per positional parameter: ARRAY, NONE or a list length
    names: tuple[str, ...]  # the positional parameters' names
    kwargs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    grad: bool = True
    strided: tuple[int, ...] = ()  # flat indices of arrays passed as non-contiguous views
    edge: str = ""  # the battery edge this case comes from (battery.py); "" for an own case


SEED_OVERRIDE: int | None = None  # tests only: the seed every check then uses


def draw_seed() -> int:
    """A fresh secret seed for one check (63 bits from the OS), or the test's."""
    return SEED_OVERRIDE if SEED_OVERRIDE is not None else secrets.randbits(63)


def rng_for(exercise_id: str, seed: int, salt: str = "") -> np.random.Generator:
    """All 63 bits of the seed count (a crc of the seed would leave 2^32 inputs)."""
    return np.random.default_rng([seed, zlib.crc32(f"{exercise_id}:{salt}".encode())])


def build_cases(exercise: Exercise, seed: int) -> list[Case]:
    """The exercise's own cases, then the edge battery made from them; a
    form that makes its own cases (nn.Module, training run) gets no battery:
    its inputs are data and weights the tutor draws, not edge values."""
    from dltutor.codecheck import forms
    from dltutor.codecheck.battery import edge_cases

    made = forms.build_cases(exercise, seed)
    if made is not None:
        return made
    own = own_cases(exercise, seed)
    if not forms.battery(exercise):
        return own
    return own + edge_cases(exercise, own, rng_for(exercise.id, seed, "battery"))


def own_cases(exercise: Exercise, seed: int) -> list[Case]:
    rng = rng_for(exercise.id, seed)
    if isinstance(exercise.cases, list):
        return [declared_case(spec, exercise, rng) for spec in exercise.cases]
    from dltutor.codecheck.bankcode import generated as run_generator

    generated = run_generator(exercise.cases, rng)  # in the sandbox unless built in
    return [declared_case(spec, exercise, rng) if isinstance(spec, dict) else spec for spec in generated]


def declared_case(spec: dict[str, Any], exercise: Exercise, rng: np.random.Generator) -> Case:
    names = [p.name for p in exercise.params]
    unknown = set(spec) - set(names) - CASE_KEYS
    if unknown:
        raise BankError(
            f"{exercise.id}: case names {sorted(unknown)}, which {exercise.signature} does not take"
        )
    values = {name: _value(spec[name], rng, exercise.id) for name in names if name in spec}
    arrayish = [i for i, n in enumerate(names) if n in values and _is_arrays(values[n])]
    cut = arrayish[-1] + 1 if arrayish else 0
    arrays: list[np.ndarray] = []
    layout: list[int] = []
    for param in exercise.params[:cut]:
        value = values.pop(param.name, None)
        if value is None:
            if param.has_default and param.default is None:
                layout.append(NONE)
                continue
            raise BankError(
                f"{exercise.id}: a case gives arrays after `{param.name}`, "
                "which must then be an array or a None default"
            )
        if not _is_arrays(value):
            raise BankError(
                f"{exercise.id}: `{param.name}` comes before an array argument, so it must be an array too"
            )
        arrays += value if isinstance(value, list) else [value]
        layout.append(len(value) if isinstance(value, list) else ARRAY)
    return Case(
        tuple(arrays),
        tuple(layout),
        tuple(p.name for p in exercise.params[:cut]),
        values,
        str(spec.get("note", "")),
        bool(spec.get("grad", True)),
    )


def _is_arrays(value: Any) -> bool:
    return isinstance(value, np.ndarray) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, np.ndarray) for v in value)
    )


def _value(spec: Any, rng: np.random.Generator, where: str) -> Any:
    if isinstance(spec, dict) and set(spec) == {"list"}:
        return [_array(item, rng, where) for item in spec["list"]]
    if isinstance(spec, dict):
        return _array(spec, rng, where)
    return spec


def _array(spec: dict[str, Any], rng: np.random.Generator, where: str) -> np.ndarray:
    dtype = spec.get("dtype", "float32")
    if dtype not in DTYPES:
        raise BankError(f"{where}: dtype {dtype!r} is not one of {sorted(DTYPES)}")
    if "values" in spec:
        return np.array(spec["values"], dtype=dtype)
    if "shape" not in spec:
        raise BankError(f"{where}: an array needs a shape or values ({dict(spec)})")
    shape, dist = tuple(spec["shape"]), spec.get("dist", "mask" if dtype == "bool" else "normal")
    scale = float(spec.get("scale", 1.0))
    data: np.ndarray
    if dist == "normal":
        data = rng.standard_normal(shape) * scale + float(spec.get("shift", 0.0))
    elif dist == "uniform":
        data = rng.uniform(float(spec.get("low", 0.0)), float(spec.get("high", 1.0)), shape)
    elif dist == "positive":
        data = (np.abs(rng.standard_normal(shape)) + 0.05) * scale
    elif dist == "randint":
        data = rng.integers(int(spec.get("low", 0)), int(spec["high"]), shape)
    elif dist == "mask":
        data = _mask(shape, float(spec.get("p", 0.6)), rng)
    elif dist == "zeros":
        data = np.zeros(shape)
    else:
        raise BankError(f"{where}: unknown dist {dist!r}")
    return np.ascontiguousarray(data.astype(dtype))


def _mask(shape: tuple[int, ...], p: float, rng: np.random.Generator) -> np.ndarray:
    """Random booleans with at least one True per last-axis row: a query that
    may attend to nothing has no defined attention."""
    mask = rng.random(shape) < p
    rows = mask.reshape(-1, shape[-1])
    for row in rows:
        if not row.any():
            row[rng.integers(shape[-1])] = True
    return rows.reshape(shape)


def describe_case(case: Case) -> str:
    """`x float32 (4, 6), values up to ±1e+03; dim=0 (large logits)`."""
    if hasattr(case, "describe"):  # a form's own case (forms/module.py)
        return case.describe()
    parts, flat = [], iter(case.arrays)
    for name, code in zip(case.names, case.layout):
        if code == NONE:
            parts.append(f"{name}=None")
        elif code == ARRAY:
            parts.append(f"{name} {_array_text(next(flat))}")
        else:
            items = [_array_text(next(flat)) for _ in range(code)]
            parts.append(f"{name} = [{', '.join(items)}]")
    text = ", ".join(parts)
    if case.kwargs:
        text += ("; " if text else "") + ", ".join(f"{k}={v!r}" for k, v in case.kwargs.items())
    return text + (f" ({case.note})" if case.note else "")


def small_values(case: Case, limit: int = 12) -> dict[str, list]:
    """The values of the case's arrays of at most `limit` entries, by name:
    the learner cannot rerun a secret-seed case, so a small one is shown whole."""
    shown: dict[str, list] = {}
    flat = iter(case.arrays)
    shown_names = case.names[: getattr(case, "inputs", len(case.names))]  # not a module's state
    for name, code in zip(shown_names, case.layout):
        items = [] if code == NONE else [next(flat)] if code == ARRAY else [next(flat) for _ in range(code)]
        for k, array in enumerate(items):
            if array.size <= limit:
                label = name if code == ARRAY else f"{name}[{k}]"
                shown[label] = (
                    np.round(array.astype(np.float64), 6).tolist()
                    if array.dtype.kind == "f"
                    else array.tolist()
                )
    return shown


def _array_text(array: np.ndarray) -> str:
    text = f"{array.dtype} {tuple(array.shape)}"
    if array.dtype.kind == "f" and array.size:
        biggest = float(np.max(np.abs(array)))
        if biggest >= 100:
            text += f" with values up to ±{biggest:.3g}"
    return text
