"""Mutation, aliasing and reuse, judged in the tutor from the data.

The learner's function is called through ADAPTER (appended to their file in
the sandbox; exec'd around trusted code in the tutor, so both give the same
layout); its `__dltutor_probe__` also serves the module form's forward
(forms/module.py), and works on tensors and NumPy arrays alike. On a value
call with a probe, the adapter sends back, besides the outputs: the outputs
of a second call on the same input objects (inputs reused after the call),
the inputs as they are after the first call, and the inputs after the tutor
writes a value it chose into each output in turn. The child reports data
only; whether the function changed an input, returned an input itself (or a
view of it), or gives another result when called again is decided here, by
comparing those arrays with what the tutor sent. A child that forges them
can only describe a function; it cannot make wrong outputs right.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dltutor.codecheck.compare import Mismatch

ADAPTER = '''
def __dltutor_call__(*arrays, __fn__, __layout__, __strided__=(), __probe__=None,
                     __again__=False, **kwargs):
    target = globals()[__fn__.split(".")[0]]
    for part in __fn__.split(".")[1:]:
        target = getattr(target, part)
    arrays = list(arrays)
    if __strided__:
        import torch as _torch
    for i in __strided__:  # the same values, in a non-contiguous layout (tensors only)
        a = arrays[i]
        arrays[i] = (a.mT.contiguous().mT if a.dim() >= 2
                     else _torch.stack([a, _torch.zeros_like(a)], -1)[..., 0])

    def arranged():
        args, at = [], 0
        for code in __layout__:
            if code == -2:
                args.append(None)
            elif code == -1:
                args.append(arrays[at])
                at += 1
            else:
                args.append(list(arrays[at:at + code]))
                at += code
        return args
    return __dltutor_probe__(lambda: target(*arranged(), **kwargs), arrays, __probe__, __again__)


def __dltutor_probe__(call, arrays, __probe__, __again__):
    """call() once (twice with __again__); with a probe value, its outputs and
    the inputs' copies as they are after the call and after each write."""
    import sys as _sys
    import numpy as _np
    _torch = _sys.modules.get("torch")
    tensor = (lambda v: isinstance(v, _torch.Tensor)) if _torch else (lambda v: False)

    def copied(v):
        return v.detach().clone() if tensor(v) else v.copy() if isinstance(v, _np.ndarray) else v

    def listed(value):
        return [copied(v) for v in (value if isinstance(value, (tuple, list)) else [value])]

    def snapshot():
        return [copied(a) for a in arrays]

    result = call()
    if __probe__ is None:
        return result
    outs = list(result) if isinstance(result, (tuple, list)) else [result]
    kept, after = listed(result), snapshot()
    again = listed(call()) if __again__ else []
    written = [snapshot()]
    for out in outs:  # the tutor's value into each output in turn
        try:
            if tensor(out):
                with _torch.no_grad():
                    out.logical_not_() if out.dtype == _torch.bool else out.fill_(__probe__)
            elif isinstance(out, _np.ndarray):
                if out.dtype == bool:
                    _np.logical_not(out, out=out)
                else:
                    out[...] = __probe__
        except Exception:
            pass
        written.append(snapshot())
    counts = _np.array([len(kept), len(again), len(arrays), len(written)])
    return [*kept, *again, *after, *[a for s in written for a in s], counts]
'''  # appended to the learner's source: their line numbers stay theirs, and the
# adapter's frames (file "<dltutor>") never show in their traceback
ADAPTER_LINE = f"\nexec(compile({ADAPTER!r}, '<dltutor>', 'exec'))\n"
ENTRY = "__dltutor_call__"


@dataclass(frozen=True)
class Probed:
    """One call's result with the probe's arrays taken apart."""

    outputs: list[np.ndarray] | None
    grads: list[np.ndarray | None] | None
    error: str | None
    again: list[np.ndarray] | None = None
    after: list[np.ndarray] | None = None  # the inputs after the call
    written: list[list[np.ndarray]] | None = None  # inputs before/after each write


def adapted(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Trusted code called exactly as the learner's is, in the tutor."""
    namespace: dict[str, Any] = {name.split(".")[0]: function}
    exec(compile(ADAPTER, "<dltutor>", "exec"), namespace)
    return namespace[ENTRY]


def split(result: Any, probed: bool) -> Probed:
    """The function's outputs and the probe's arrays, or an error if the
    layout that came back is not the adapter's."""
    if result.error is not None or result.outputs is None or not probed:
        return Probed(result.outputs, result.grads, result.error)
    arrays = list(result.outputs)
    try:
        counts = [int(n) for n in arrays[-1].reshape(-1)]
        n_out, n_again, n_in, n_written = counts
        assert len(arrays) == 1 + n_out + n_again + n_in * (1 + n_written)
    except (AssertionError, ValueError, TypeError, IndexError):
        return Probed(None, None, "the call's results came back in a form the tutor did not ask for")
    at = n_out + n_again + n_in
    written = [arrays[at + k * n_in : at + (k + 1) * n_in] for k in range(n_written)]
    return Probed(
        arrays[:n_out],
        result.grads,
        None,
        arrays[n_out : n_out + n_again],
        arrays[n_out + n_again : at],
        written,
    )


def changes(before: np.ndarray, after: np.ndarray) -> np.ndarray | None:
    """Where `after` differs from `before` (nan equal to nan), or None."""
    if before.shape != after.shape or before.dtype != after.dtype:
        return np.ones(before.shape, bool)
    same = (
        (before == after) | (np.isnan(before) & np.isnan(after))
        if before.dtype.kind in "fc"
        else before == after
    )
    return None if same.all() else ~same


def mutation(
    sent: list[np.ndarray], got: Probed, names: list[str], may_change: Callable[[str], bool]
) -> Mismatch | None:
    """An input the function changed in place, when it may not."""
    for name, before, after in zip(names, sent, got.after or []):
        where = changes(before, after)
        if where is not None and not may_change(name):
            index = [int(i) for i in np.argwhere(where)[0]]
            at = tuple(index)
            text = (
                f"after the call, the input {name} is not what was passed in: "
                f"{int(where.sum())} of {where.size} entries changed"
                + (
                    f" (at index {index}: passed {_num(before[at])}, now {_num(after[at])})"
                    if before.shape == after.shape
                    else ""
                )
                + ". Leave the inputs as they were: compute into a new tensor (or array)"
            )
            return Mismatch(text, {"mutated_input": name, "index": index}, "mutated")
    return None


def aliasing(
    got: Probed, names: list[str], may_return: Callable[[str], bool], outputs: int
) -> Mismatch | None:
    """An output that is an input itself (or a view of it): the tutor wrote
    into the output and the input changed with it."""
    snapshots = got.written or []
    for k in range(len(snapshots) - 1):
        for name, before, after in zip(names, snapshots[k], snapshots[k + 1]):
            if changes(before, after) is not None and not may_return(name):
                what = "the output" if outputs == 1 else f"output {k} of {outputs}"
                text = (
                    f"{what} shares its memory with the input {name}: when the tutor "
                    f"wrote into {what} after the call, {name} changed too. The output "
                    f"is {name} itself or a view of it; return a new tensor (a copy)"
                )
                return Mismatch(text, {"aliased_input": name, "output": k}, "aliased")
    return None


def _num(value: Any) -> str:
    value = value.item() if hasattr(value, "item") else value
    return f"{value:.6g}" if isinstance(value, float) else repr(value)
