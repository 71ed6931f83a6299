"""Running trusted bank code in the tutor: the BUILT-IN bank's references,
wrong solutions, generators and checkers. Never the learner's code, nor
any other bank's code: both run in the sandbox (bankcode.py), and
load_module refuses a file outside the built-in bank.

`run_case` mirrors what the sandbox child does with a learner's function: the
same tensors in the same layout, and for a gradient call the autograd
gradient of sum_k sum(out_k * w_k) with respect to every floating input.
"""

from __future__ import annotations

import threading
import traceback
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from dltutor.codecheck.inputs import ARRAY, NONE, Case
from dltutor.errors import BankError

_MODULES: dict[tuple[Path, int], types.ModuleType] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Outcome:
    """What a function returned on one call; the same fields as a CaseResult."""

    outputs: list[np.ndarray] | None = None
    grads: list[np.ndarray | None] | None = None
    error: str | None = None
    mutated_inputs: bool = False


def load_module(path: Path) -> types.ModuleType:
    """Execute a built-in bank file as a module, once per version of the file."""
    from dltutor.codecheck.bankcode import is_builtin

    if not is_builtin(path):  # a guard: callers go through bankcode
        raise BankError(f"{path} is not part of the built-in bank; its code runs only in the sandbox")
    key = (path, path.stat().st_mtime_ns)
    with _LOCK:
        if key not in _MODULES:
            module = types.ModuleType(f"dltutor_bank_{path.parent.name}_{path.stem}")
            module.__file__ = str(path)
            try:
                source = path.read_text(encoding="utf-8")
                exec(compile(source, str(path), "exec"), module.__dict__)
            except Exception as exc:
                raise BankError(f"cannot load {path}: {type(exc).__name__}: {exc}") from None
            _MODULES[key] = module
        return _MODULES[key]


def function_in(path: Path, name: str) -> Callable[..., Any]:
    function = getattr(load_module(path), name, None)
    if not callable(function):
        raise BankError(f"{path} defines no function {name}")
    return function


def grad_weights(outputs: Sequence[np.ndarray], rng: np.random.Generator) -> list[np.ndarray | None]:
    """One weight array per floating output (None for the others)."""
    return [
        rng.standard_normal(out.shape).astype(out.dtype) if out.dtype.kind == "f" else None for out in outputs
    ]


def run_case(function: Callable[..., Any], case: Case, weights: list | None = None) -> Outcome:
    import torch

    tensors = [torch.from_numpy(a.copy()) for a in case.arrays]
    if weights is not None:
        for t in tensors:
            if t.is_floating_point():
                t.requires_grad_(True)
    try:
        result = function(*arrange(tensors, case.layout), **case.kwargs)
        outputs = list(result) if isinstance(result, (tuple, list)) else [result]
        arrays = [_to_numpy(out) for out in outputs]
        grads = _grads(outputs, tensors, weights) if weights is not None else None
    except Exception as exc:
        return Outcome(error=f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=-3)}")
    mutated = any(
        not np.array_equal(t.detach().numpy(), a, equal_nan=a.dtype.kind == "f")
        for t, a in zip(tensors, case.arrays)
    )
    return Outcome(arrays, grads, None, mutated)


def arrange(flat: Sequence[Any], layout: Sequence[int]) -> list[Any]:
    """Flat arrays -> positional arguments, as the sandbox adapter does."""
    args: list[Any] = []
    at = 0
    for code in layout:
        if code == NONE:
            args.append(None)
        elif code == ARRAY:
            args.append(flat[at])
            at += 1
        else:
            args.append(list(flat[at : at + code]))
            at += code
    return args


def _to_numpy(value: Any) -> np.ndarray:
    import torch

    if isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy().copy()
    return np.array(value)


def _grads(outputs: list, tensors: list, weights: list) -> list[np.ndarray | None]:
    import torch

    terms = []
    for k, (out, w) in enumerate(zip(outputs, weights)):
        if w is None or not isinstance(out, torch.Tensor) or not out.requires_grad:
            continue
        if tuple(out.shape) != w.shape:  # as the sandbox child says it
            raise ValueError(f"output {k} has shape {tuple(out.shape)}; expected {w.shape}")
        terms.append((out * torch.from_numpy(w.copy()).to(out.dtype)).sum())
    wrt = [t for t in tensors if t.requires_grad]
    if not terms or not wrt:
        return [None] * len(tensors)
    # the gradient of one scalar: passing grad_outputs instead would make
    # autograd import sympy (~0.4 s) on first use
    found = iter(torch.autograd.grad(sum(terms[1:], terms[0]), wrt, allow_unused=True))
    grads = []
    for t in tensors:
        grad = next(found) if t.requires_grad else None
        grads.append(None if grad is None else grad.detach().numpy().copy())
    return grads
