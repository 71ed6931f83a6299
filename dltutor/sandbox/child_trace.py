"""Runs INSIDE the sandbox child: which aten operations a learner's call ran.

Imported after torch and before the learner's module. `traced(function,
args, kwargs)` calls the function under a TorchDispatchMode that records
the name of every aten operation that reaches the dispatcher
("aten::_softmax", "aten::convolution", ...), whichever Python route led
there (torch.softmax, torch._softmax, torch.ops.aten.softmax,
torch._C._VariableFunctions, F.threshold...), plus "autograd" when an
operation runs inside the autograd engine (backward(), torch.autograd.grad,
torch.func). The names go to the tutor, which decides what is forbidden.

A teaching aid, not a boundary: code in the same interpreter can leave the
mode. Only the learner's call is traced, never the harness's own work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode

_graph_task = torch._C._current_graph_task_id
AUTOGRAD = "autograd"


class _Trace(TorchDispatchMode):
    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        return False  # True wraps our handler with torch._dynamo: a 1-7 s import

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def __torch_dispatch__(self, func: Any, types: Any, args: tuple = (), kwargs: dict | None = None) -> Any:
        self.seen.add(func._schema.name)
        if _graph_task() != -1:
            self.seen.add(AUTOGRAD)
        return func(*args, **(kwargs or {}))


def traced(function: Callable[..., Any], args: list, kwargs: dict) -> tuple[object, list[str]]:
    """(what the call returned, the sorted operation names it ran)."""
    trace = _Trace()
    with trace:
        result = function(*args, **kwargs)
    return result, sorted(trace.seen)
