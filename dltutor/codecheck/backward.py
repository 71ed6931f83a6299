"""`check-gradient --code FILE.py:NAME`: what NAME is and the inputs it gets.

NAME is a `torch.autograd.Function` subclass or a function `NAME(x, ...)`
with a companion `NAME_backward(grad_out, x, ...)` written with NumPy or
PyTorch; `locate` reads which from the file's syntax tree, without running
anything. A Function is called in the sandbox through BACKWARD_ADAPTER
(appended to the learner's file): it runs `NAME.apply` on inputs that
require grad and then the Function's own backward node on the tutor's
output weights w, so the gradients come back exactly as the backward
returned them. (Through autograd, a wrong shape would stop at autograd's
own check, and a gradient autograd can sum down to the input's shape, such
as a bias gradient not summed over the batch, would be quietly fixed.)
Every gradient is named after the forward's parameter: `grad_weight (2nd
output)` is the second value the backward returns, as an exercise names it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dltutor.codecheck.arrays import output_label
from dltutor.errors import AnswerFormatError, NotFoundError
from dltutor.files import read_user_file

MAX_ELEMENTS = 4096  # 2 forward calls per input element
DEFAULT_SHAPE = (4, 5)
BACKWARD_ENTRY = "__dltutor_backward__"
BACKWARD_ADAPTER = """
def __dltutor_backward__(*arrays, __fn__, __inputs__):
    import torch as _torch
    inputs = [a.requires_grad_() if a.is_floating_point() else a for a in arrays[:__inputs__]]
    result = globals()[__fn__].apply(*inputs)
    outs = list(result) if isinstance(result, (tuple, list)) else [result]
    node = next((o.grad_fn for o in outs if isinstance(o, _torch.Tensor)
                 and o.grad_fn is not None), None)
    if node is None:
        raise TypeError(f"no output of {__fn__}.apply has a backward to check")
    weights = [w.to(o.dtype) if isinstance(o, _torch.Tensor) else w
               for w, o in zip(arrays[__inputs__:], outs)]
    grads = node.apply(*weights)
    grads = list(grads) if isinstance(grads, (tuple, list)) else [grads]
    sent = [_torch.zeros(0) if g is None else g for g in grads]
    counts = _torch.tensor([len(outs), len(grads), *[g is None for g in grads]])
    return (*[o.detach() if isinstance(o, _torch.Tensor) else o for o in outs], *sent, counts)
"""
# appended to the learner's file: their line numbers stay theirs
BACKWARD_ADAPTER_LINE = f"\nexec(compile({BACKWARD_ADAPTER!r}, '<dltutor>', 'exec'))\n"


@dataclass(frozen=True)
class Target:
    path: Path
    name: str
    style: str  # "function-class" | "function+backward"
    params: tuple[str, ...]  # the forward's positional tensor inputs
    torch: bool  # whether the file works on torch tensors (else NumPy arrays)

    @property
    def inputs(self) -> int:
        return len(self.params)

    @property
    def forward(self) -> str:
        return f"{self.name}.apply" if self.style == "function-class" else self.name

    def labels(self) -> list[str]:
        """`grad_weight (2nd output)`: each gradient by the input it belongs to."""
        names = [f"grad_{name}" for name in self.params]
        return [output_label(k, len(names), names) for k in range(len(names))]


def locate(spec: str) -> Target:
    """Read FILE.py:NAME and find what NAME is, without running anything."""
    file, _, name = spec.rpartition(":")
    if not file or not name.isidentifier():
        raise AnswerFormatError(f"--code takes FILE.py:NAME, not '{spec}'")
    path = Path(file)
    try:
        tree = ast.parse(read_user_file(path, "file"), filename=str(path))
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte in the source
        line, what = getattr(exc, "lineno", None), getattr(exc, "msg", str(exc))
        raise AnswerFormatError(f"{path}:{line or 1}: syntax error: {what}") from None
    found = {node.name: node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    uses_torch = any(
        alias.name.split(".")[0] == "torch"
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    )
    if isinstance(found.get(name), ast.ClassDef):
        forward = next(
            (n for n in found[name].body if isinstance(n, ast.FunctionDef) and n.name == "forward"), None
        )
        if forward is None or "backward" not in {
            n.name for n in found[name].body if isinstance(n, ast.FunctionDef)
        }:
            raise NotFoundError(
                f"class {name} in {path} needs forward and backward (a torch.autograd.Function)"
            )
        return Target(path, name, "function-class", _positional(forward, skip=1), True)
    function = found.get(name)
    if isinstance(function, ast.FunctionDef):
        if not isinstance(found.get(f"{name}_backward"), ast.FunctionDef):
            raise NotFoundError(
                f"{path} has {name} but no {name}_backward(grad_out, ...) to check it against"
            )
        return Target(path, name, "function+backward", _positional(function), uses_torch)
    raise NotFoundError(f"no function or class '{name}' in {path}")


def _positional(function: ast.FunctionDef, skip: int = 0) -> tuple[str, ...]:
    """The parameters without a default (at least one), after `ctx`."""
    args = function.args.args[skip:]
    required = args[: len(args) - len(function.args.defaults)] or args[:1]
    return tuple(arg.arg for arg in required) or ("x",)


def make_inputs(target: Target, shapes: list[tuple[int, ...]] | None, seed: int = 0) -> list[np.ndarray]:
    shapes = shapes or [DEFAULT_SHAPE] * target.inputs
    if len(shapes) != target.inputs:
        raise AnswerFormatError(
            f"{target.name} takes {target.inputs} input(s); give one --shape for each (got {len(shapes)})"
        )
    if sum(int(np.prod(s)) for s in shapes) > MAX_ELEMENTS:
        raise AnswerFormatError(
            f"inputs of more than {MAX_ELEMENTS} numbers in all take too long "
            "to check by finite differences; use a smaller --shape"
        )
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape) for shape in shapes]
