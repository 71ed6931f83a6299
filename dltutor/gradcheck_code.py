"""`check-gradient --code FILE.py:NAME`: a hand-written backward pass against
central finite differences, in float64, with the learner's code in the sandbox.

NAME is a `torch.autograd.Function` subclass (its backward runs through
autograd) or a function `NAME(x, ...)` with a companion
`NAME_backward(grad_out, x, ...)` written with NumPy or PyTorch. The tutor
draws the inputs and a random output weight w, asks the sandbox for the
forward values at x ± h·e_j and for the claimed gradient of sum(out·w), and
compares them itself: nothing the learner's process says decides the verdict.
Two sandboxes run side by side: the first learns the output shapes (w needs
them), the second warms up meanwhile and then computes the gradients.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from dltutor.errors import AnswerFormatError, NotFoundError
from dltutor.files import read_user_file

STEP = 1e-6
ATOL, RTOL = 1e-6, 1e-4
MAX_ELEMENTS = 4096  # 2 forward calls per input element
DEFAULT_SHAPE = (4, 5)


@dataclass(frozen=True)
class Target:
    path: Path
    name: str
    style: str  # "function-class" | "function+backward"
    inputs: int  # positional tensor inputs of the forward
    torch: bool  # whether the file works on torch tensors (else NumPy arrays)

    @property
    def forward(self) -> str:
        return f"{self.name}.apply" if self.style == "function-class" else self.name


@dataclass(frozen=True)
class InputReport:
    shape: tuple[int, ...]
    max_abs: float
    max_rel: float
    where: tuple[int, ...]  # index of the largest error
    ok: bool
    claimed: float | None = None  # both gradients at `where`
    numeric: float | None = None
    pattern: str | None = None  # "sign flipped", "off by a factor 2.0": a known shape of error


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
    found = {node.name: node for node in tree.body
             if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    uses_torch = any(alias.name.split(".")[0] == "torch" for node in ast.walk(tree)
                     if isinstance(node, (ast.Import, ast.ImportFrom))
                     for alias in (node.names if isinstance(node, ast.Import)
                                   else [ast.alias(node.module or "")]))
    if isinstance(found.get(name), ast.ClassDef):
        forward = next((n for n in found[name].body
                        if isinstance(n, ast.FunctionDef) and n.name == "forward"), None)
        if forward is None or "backward" not in {n.name for n in found[name].body
                                                 if isinstance(n, ast.FunctionDef)}:
            raise NotFoundError(f"class {name} in {path} needs forward and backward "
                                "(a torch.autograd.Function)")
        return Target(path, name, "function-class", _positional(forward, skip=1), True)
    function = found.get(name)
    if isinstance(function, ast.FunctionDef):
        if not isinstance(found.get(f"{name}_backward"), ast.FunctionDef):
            raise NotFoundError(f"{path} has {name} but no {name}_backward(grad_out, ...) "
                                "to check it against")
        return Target(path, name, "function+backward", _positional(function), uses_torch)
    raise NotFoundError(f"no function or class '{name}' in {path}")


def _positional(function: ast.FunctionDef, skip: int = 0) -> int:
    args = function.args.args[skip:]
    return max(1, len(args) - len(function.args.defaults))


def make_inputs(target: Target, shapes: list[tuple[int, ...]] | None, seed: int = 0) -> list[np.ndarray]:
    shapes = shapes or [DEFAULT_SHAPE] * target.inputs
    if len(shapes) != target.inputs:
        raise AnswerFormatError(f"{target.name} takes {target.inputs} input(s); give one --shape "
                                f"for each (got {len(shapes)})")
    if sum(int(np.prod(s)) for s in shapes) > MAX_ELEMENTS:
        raise AnswerFormatError(f"inputs of more than {MAX_ELEMENTS} numbers in all take too long "
                                "to check by finite differences; use a smaller --shape")
    rng = np.random.default_rng(seed)
    return [rng.standard_normal(shape) for shape in shapes]


def compare(claimed: np.ndarray | None, numeric: np.ndarray) -> InputReport:
    if claimed is None or claimed.shape != numeric.shape:
        got = "nothing" if claimed is None else f"shape {claimed.shape}"
        return InputReport(numeric.shape, float("inf"), float("inf"), (), False,
                           pattern=f"the backward returned {got} for an input of shape {numeric.shape}")
    claimed = claimed.astype(np.float64)
    error = np.abs(claimed - numeric)
    worst = np.unravel_index(int(np.argmax(error)), error.shape) if error.size else ()
    relative = error / np.maximum(np.abs(numeric), 1e-12)
    ok = bool(np.all(error <= ATOL + RTOL * np.abs(numeric)))
    return InputReport(numeric.shape, float(error.max(initial=0.0)), float(relative.max(initial=0.0)),
                       tuple(int(i) for i in worst), ok, float(claimed[worst]), float(numeric[worst]),
                       None if ok else _pattern(claimed, numeric))


def _pattern(claimed: np.ndarray, numeric: np.ndarray) -> str | None:
    """Name the error when the claimed gradient is a constant multiple of the true one."""
    along = np.dot(claimed.ravel(), numeric.ravel())
    scale = float(along / max(np.dot(numeric.ravel(), numeric.ravel()), 1e-300))
    if not np.allclose(claimed, scale * numeric, rtol=RTOL, atol=ATOL) or abs(scale) < 1e-9:
        return None
    if abs(scale + 1) < 1e-3:
        return "sign flipped: your gradient is the negative of the true one"
    return f"off by a constant factor: your gradient is {scale:.4g} times the true one"
