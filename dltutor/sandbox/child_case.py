"""Runs INSIDE the sandbox child: one call of the learner's function.

Imported (by child_main) after torch and BEFORE the learner's module, so the
torch and NumPy functions saved below are the genuine ones whatever the
learner patches later. Outputs are converted with those saved functions and
with torch-function and torch-dispatch overrides disabled, so a tensor
subclass cannot change what is sent back; the tutor compares the arrays.
"""

from __future__ import annotations

import inspect
import traceback
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

_Tensor = torch.Tensor
_from_numpy = torch.from_numpy
_detach, _cpu, _to_numpy = torch.Tensor.detach, torch.Tensor.cpu, torch.Tensor.numpy
_resolve_conj, _resolve_neg = torch.Tensor.resolve_conj, torch.Tensor.resolve_neg
_as_subclass, _to, _requires_grad = torch.Tensor.as_subclass, torch.Tensor.to, torch.Tensor.requires_grad_
_is_floating = torch.Tensor.is_floating_point
_autograd_grad = torch.autograd.grad
_mul, _add, _torch_sum = torch.mul, torch.add, torch.sum
_no_torch_function = torch._C.DisableTorchFunctionSubclass
_no_torch_dispatch = getattr(torch._C, "_DisableTorchDispatch", None)
_np_array, _np_equal, _ndarray, _generic = np.array, np.array_equal, np.ndarray, np.generic
_bfloat16, _float32 = torch.bfloat16, torch.float32
_PLAIN_DISPATCH = inspect.getattr_static(torch.Tensor, "__torch_dispatch__", None)
_getattr_static = inspect.getattr_static
_ALLOWED = frozenset(
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


# child_trace.traced, when the tutor asks which operations a call ran
TRACE: Callable[..., tuple[Any, Any]] | None = None


class CaseError(Exception):
    """The learner's function misbehaved in a way the harness detected."""


def run(function: Callable[..., Any], call: dict, inputs: list, weights: list | None, filename: str) -> dict:
    """Call `function`; return {"outputs", "grads", "mutated", "ops"} or raise."""
    args = [_as_input(a, call["to_torch"], call["want_grad"]) for a in inputs]
    if TRACE is None:
        result, ops = function(*args, **call["kwargs"]), None
    else:
        result, ops = TRACE(function, args, call["kwargs"])
    with _no_torch_function():
        outputs = list(result) if isinstance(result, (tuple, list)) else [result]
        if not outputs:
            raise CaseError("the function returned an empty tuple")
        grads = _grads(outputs, args, weights) if call["want_grad"] else None
        arrays = [_to_array(out, k) for k, out in enumerate(outputs)]
        mutated = any(
            not _np_equal(_to_array(arg, 0), original, equal_nan=original.dtype.kind in "fc")
            for arg, original in zip(args, inputs)
        )
    return {"outputs": arrays, "grads": grads, "mutated": mutated, "ops": ops}


def _as_input(array: np.ndarray, to_torch: bool, want_grad: bool) -> np.ndarray | torch.Tensor:
    if not to_torch:
        return array.copy()
    tensor = _from_numpy(array.copy())
    if want_grad and array.dtype.kind == "f":
        _requires_grad(tensor, True)
    return tensor


def _to_array(value: Any, k: int) -> np.ndarray:
    """A plain, owned ndarray from a tensor, an array or a Python number."""
    if isinstance(value, _Tensor):
        if (
            type(value) is not _Tensor
            and _getattr_static(type(value), "__torch_dispatch__", None) is not _PLAIN_DISPATCH
        ):
            # a wrapper subclass may have no real data behind it at all
            raise CaseError(
                f"output {k} is a tensor subclass with its own __torch_dispatch__; return a plain tensor"
            )
        array = _tensor_to_numpy(value)
    elif isinstance(value, (_ndarray, _generic)) or type(value) in (bool, int, float):
        array = _np_array(value, copy=True, subok=False)
    else:
        raise CaseError(f"output {k} is a {type(value).__name__}; return tensors or arrays")
    if array.dtype.name not in _ALLOWED:
        raise CaseError(f"output {k} has dtype {array.dtype}, which cannot be compared")
    return array if array.dtype.isnative else array.astype(array.dtype.newbyteorder("="))


def _tensor_to_numpy(value: torch.Tensor) -> np.ndarray:
    if _no_torch_dispatch is None:
        return _plain_numpy(value)
    with _no_torch_dispatch():
        return _plain_numpy(value)


def _plain_numpy(value: Any) -> np.ndarray:
    tensor = _cpu(_detach(_as_subclass(value, _Tensor)))
    tensor = _resolve_neg(_resolve_conj(tensor))
    if tensor.dtype == _bfloat16:  # NumPy has no bfloat16
        tensor = _to(tensor, _float32)
    return _np_array(_to_numpy(tensor), copy=True, subok=False)


def _grads(outputs: list, args: list, weights: list | None) -> list:
    """d(sum_k sum(out_k * w_k))/d(arg) for each floating input, via autograd."""
    pairs = []
    for k, out in enumerate(outputs):
        w = weights[k] if weights is not None and k < len(weights) else None
        if w is None or not isinstance(out, _Tensor):
            continue
        plain = _as_subclass(out, _Tensor)
        if not plain.requires_grad:
            continue
        if tuple(plain.shape) != w.shape:
            raise CaseError(f"output {k} has shape {tuple(plain.shape)}; expected {w.shape}")
        pairs.append((plain, _to(_from_numpy(w.copy()), plain.dtype)))
    wrt = [a for a in args if isinstance(a, _Tensor) and a.requires_grad]
    if not pairs:
        raise CaseError(
            "no output depends on the inputs through autograd (was it "
            "detached, converted to NumPy, or computed under no_grad?)"
        )
    # one scalar, sum_k sum(out_k * w_k): passing the weights as grad_outputs
    # instead makes torch import sympy on first use (~0.4 s of a one-shot check)
    total = _torch_sum(_mul(pairs[0][0], pairs[0][1]))
    for out, weight in pairs[1:]:
        total = _add(total, _torch_sum(_mul(out, weight)))
    found = iter(_autograd_grad([total], wrt, allow_unused=True))
    grads = []
    for arg in args:
        grad = next(found) if isinstance(arg, _Tensor) and arg.requires_grad else None
        grads.append(None if grad is None else _tensor_to_numpy(grad))
    return grads


def warm_up() -> None:
    """Run common operations once, so their first-use cost is not the learner's."""
    x = _requires_grad(_from_numpy(np.linspace(-1.0, 1.0, 6).reshape(2, 3)), True)
    y = (x.exp() / x.exp().sum(-1, keepdim=True)) @ x.T
    _autograd_grad([_torch_sum(_mul(y.tanh(), _from_numpy(np.ones((2, 2)))))], [x], allow_unused=True)


def warm_up_training() -> None:
    """Build and step the common optimizers once: the first optimizer imports
    torch._dynamo (seconds of CPU), which a training run would otherwise pay
    inside its own time. Trusted code, run before the learner's module exists."""
    import torch.optim

    weight = _requires_grad(_from_numpy(np.ones(3)), True)
    for optimizer_class in (torch.optim.SGD, torch.optim.Adam):
        optimizer = optimizer_class([weight], lr=0.1)
        optimizer.zero_grad()
        _torch_sum(_mul(weight, weight)).backward()
        optimizer.step()


def describe(error: BaseException, filename: str) -> str:
    """ "Type: message" and the learner's own traceback lines, nothing of ours."""
    try:
        message = str(error)
    except BaseException:  # a learner exception whose __str__ fails
        message = "<unprintable message>"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    if len(frames) > 20:  # runaway recursion: the first and last few are enough
        frames = frames[:8] + frames[-8:]
    lines = "".join(traceback.StackSummary.from_list(frames).format())
    text = f"{type(error).__name__}: {message[:4000]}"
    return f"Traceback (your code):\n{lines}{text}" if lines else text


def is_memory_error(error: BaseException) -> bool:
    return isinstance(error, MemoryError) or (
        isinstance(error, RuntimeError) and "can't allocate memory" in str(error)[:4000]
    )
