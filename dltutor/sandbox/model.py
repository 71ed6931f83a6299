"""The values that cross the sandbox API: limits, calls and results.

Plain dataclasses with validation at construction, so that a bad Call fails in
the tutor's own code (a ValueError naming the field) and never reaches a child.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

# dtypes that cross the process boundary in either direction; nothing else
# does (no object arrays, no structured dtypes, no pickles)
ALLOWED_DTYPES = frozenset(
    {
        "bool",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "float16",
        "float32",
        "float64",
        "complex64",
        "complex128",
    }
)

Scalar = bool | int | float | str | None
KwargValue = Scalar | Sequence[Scalar]

Status = Literal[
    "ok",
    "syntax-error",
    "forbidden",
    "import-error",
    "missing-function",
    "timeout",
    "memory",
    "output-limit",
    "crashed",
    "bad-result",
]


@dataclass(frozen=True)
class Limits:
    """Per-check limits. Times in seconds, sizes in bytes.

    `cpu_seconds` and `wall_seconds` count from the moment the job reaches a
    ready child (a warm child's torch import is not charged to the learner).
    `memory_bytes` is the address-space limit of each learner process (torch
    itself takes ~0.65 GB of it). `file_bytes` caps any one file and, in bwrap
    mode, the whole writable /tmp. `processes` is how many more processes the
    learner may start (the kernel does not enforce it for root).
    `output_bytes` caps printed text, `result_bytes` the returned arrays.
    """

    cpu_seconds: float = 10.0
    memory_bytes: int = 2 << 30
    file_bytes: int = 16 << 20
    processes: int = 32
    output_bytes: int = 1 << 20
    result_bytes: int = 64 << 20
    wall_seconds: float = 20.0

    def __post_init__(self) -> None:
        for name in ("cpu_seconds", "wall_seconds"):
            if not (math.isfinite(getattr(self, name)) and getattr(self, name) > 0):
                raise ValueError(f"Limits.{name} must be a positive number")
        for name in ("memory_bytes", "file_bytes", "processes", "output_bytes", "result_bytes"):
            if int(getattr(self, name)) <= 0:
                raise ValueError(f"Limits.{name} must be a positive integer")


@dataclass(frozen=True)
class Call:
    """One call of a learner function on tutor-chosen inputs.

    `function` may be dotted ("MySigmoid.apply"). With `want_grad`, the child
    computes d(sum_k sum(out_k * grad_weights[k]))/d(input) for every floating
    input by autograd; `grad_weights` has one array (or None: not weighted)
    per output. `to_torch=False` passes the inputs as NumPy arrays.
    """

    function: str
    inputs: Sequence[np.ndarray] = ()
    kwargs: Mapping[str, KwargValue] = field(default_factory=dict)
    want_grad: bool = False
    grad_weights: Sequence[np.ndarray | None] | None = None
    to_torch: bool = True

    def __post_init__(self) -> None:
        if not all(part.isidentifier() for part in self.function.split(".")):
            raise ValueError(f"Call.function {self.function!r} is not a (dotted) Python name")
        object.__setattr__(self, "inputs", tuple(_checked_array(a, "input") for a in self.inputs))
        for key, value in self.kwargs.items():
            if not (isinstance(key, str) and key.isidentifier()):
                raise ValueError(f"Call.kwargs key {key!r} is not a Python name")
            _check_kwarg(key, value)
        if self.want_grad and not self.to_torch:
            raise ValueError("Call.want_grad needs to_torch=True (autograd runs on tensors)")
        if self.want_grad and self.grad_weights is None:
            raise ValueError("Call.want_grad needs grad_weights (one array per output)")
        if self.grad_weights is not None:
            weights = tuple(
                None if w is None else _checked_array(w, "grad weight") for w in self.grad_weights
            )
            object.__setattr__(self, "grad_weights", weights)


@dataclass(frozen=True)
class CaseResult:
    """What one Call returned. `outputs` is None when the call failed.

    `grads[i]` is None for an input that is not floating point or that no
    output depends on. `error` is "Type: message" plus the learner's own
    traceback lines. `mutated_inputs` is a diagnosis computed in the child:
    it catches honest in-place mistakes, not a hostile learner. `ops` (when
    the run was asked to trace) names the aten operations the call ran.
    """

    outputs: list[np.ndarray] | None = None
    grads: list[np.ndarray | None] | None = None
    error: str | None = None
    mutated_inputs: bool = False
    ops: tuple[str, ...] | None = None  # aten operations the call ran, when traced

    @property
    def ok(self) -> bool:
        return self.error is None and self.outputs is not None


@dataclass(frozen=True)
class RunResult:
    """The outcome of one check. `status` "ok" means every call ran to its end
    (a call may still have raised: see each case's `error`). `cases` has one
    entry per Call, in order, whatever the status. `line` is the source line
    of a syntax error or forbidden use; `output` the learner's printed text
    (capped); `isolation` the mode used ("bwrap" or "rlimits-only")."""

    status: Status
    message: str
    cases: list[CaseResult]
    output: str = ""
    isolation: str = ""
    line: int | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status == "ok" and all(case.ok for case in self.cases)


def _checked_array(value: object, what: str) -> np.ndarray:
    array = np.asarray(value)
    if array.dtype.name not in ALLOWED_DTYPES:
        raise ValueError(f"{what} dtype {array.dtype} is not one of {sorted(ALLOWED_DTYPES)}")
    return array


def _check_kwarg(key: str, value: object) -> None:
    items = value if isinstance(value, (list, tuple)) else [value]
    for item in items:
        if item is not None and type(item) not in (bool, int, float, str):
            raise ValueError(f"Call.kwargs[{key!r}] must be a JSON scalar or a list of them")
