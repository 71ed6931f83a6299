"""A code exercise as the bank declares it, with its files resolved.

Paths in the YAML (`starter`, the reference `answer`, each wrong `answer`,
`cases` when it names a generator, `check`) are relative to the folder of
the exercises file, and must resolve inside it (no `..`, no symlink out of
it: a bank cannot make the tutor show or run a file elsewhere). Only the
built-in bank's files run in the tutor's process (bankcode.py).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dltutor.bank.models import Question, Variant
from dltutor.codecheck.battery import Battery, read_battery
from dltutor.errors import BankError

# float32 sums of a few hundred terms differ by ~1e-6 between two honest
# implementations; float64 by ~1e-15. Gradients get ten times more room.
AUTOGRAD_TEXT = "autograd (backward(), torch.autograd, torch.func)"
DEFAULT_TOLERANCE = {"float32": (1e-4, 1e-5), "float64": (1e-7, 1e-9)}
_CACHE: dict[tuple[str, str, int], Exercise] = {}


@dataclass(frozen=True)
class Parameter:
    name: str
    default: Any
    has_default: bool


@dataclass(frozen=True)
class Exercise:
    id: str
    function: str
    signature: str
    params: tuple[Parameter, ...]
    folder: Path
    starter: Path
    reference: Path
    cases: list | Path
    check: Path | None
    tolerance: dict[str, float]
    grad: bool
    forbid: tuple[str, ...]
    inplace_ok: bool
    battery: Battery = field(default_factory=Battery)
    forbid_ops: tuple[str, ...] = ()  # aten operation names, or "autograd"

    def forbidden_ops(self) -> dict[str, str]:
        """Each forbidden operation and how a learner is told about it."""
        return {
            op: AUTOGRAD_TEXT if op == "autograd" else f"the library operation {op}" for op in self.forbid_ops
        }

    # where the expected results come from when not the reference: trusted
    # code (autograd, for backward-by-hand exercises whose reference may not use it)
    oracle: Path | None = None
    outputs: tuple[str, ...] = ()  # names of the returned values, for feedback
    form: str = "function"  # or "module" (codecheck/forms)
    forward: str | None = None  # a module's forward signature
    numpy: bool = False  # the inputs arrive as NumPy arrays (a NumPy-only exercise)
    cpu_seconds: float | None = None  # a training run's CPU budget, stated in its prompt
    also: str | None = None  # a module's companion function, `vae_loss(logits, x, ...)`

    def path(self, relative: str) -> Path:
        return inside(self.folder, relative)

    def may_change(self, name: str) -> bool:
        """Whether the function may update this input in place (and return it)."""
        chosen = self.battery.inplace
        return name in chosen if chosen is not None else self.inplace_ok

    def may_return(self, name: str) -> bool:
        """Whether an output may be this input itself (or a view of it)."""
        return self.may_change(name) or name in self.battery.returned

    def tolerance_for(self, dtype: str, gradient: bool = False) -> tuple[float, float]:
        rtol, atol = DEFAULT_TOLERANCE.get(dtype, (0.0, 0.0))
        rtol, atol = self.tolerance.get("rtol", rtol), self.tolerance.get("atol", atol)
        return (rtol * 10, atol * 10) if gradient else (rtol, atol)


def exercise(item: Variant | Question) -> Exercise:
    """The Exercise of a question or variant (read once per file and id)."""
    question = item.question if isinstance(item, Variant) else item
    key = (question.file, question.id, question.line)
    if key not in _CACHE:
        _CACHE[key] = read_exercise(question)
    return _CACHE[key]


def read_exercise(question: Question) -> Exercise:
    extra, folder = question.extra, Path(question.file).parent
    name, params = parse_signature(extra["signature"], question)
    cases = extra["cases"]
    return Exercise(
        id=question.id,
        function=name,
        signature=extra["signature"],
        params=params,
        folder=folder,
        starter=_file(folder, extra["starter"], question, "starter"),
        reference=_file(folder, question.answer, question, "answer"),
        cases=_file(folder, cases, question, "cases") if isinstance(cases, str) else cases,
        check=_file(folder, extra["check"], question, "check") if extra["check"] else None,
        tolerance={k: float(v) for k, v in (extra["tolerance"] or {}).items()},
        grad=bool(extra["grad"]),
        forbid=tuple(extra["forbid"]),
        inplace_ok=bool(extra["inplace_ok"]),
        battery=read_battery(extra.get("battery") or {}, [p.name for p in params], question.id),
        oracle=_file(folder, extra["oracle"], question, "oracle") if extra.get("oracle") else None,
        outputs=tuple(extra.get("outputs") or ()),
        form=str(extra.get("form") or "function"),
        forward=extra.get("forward"),
        numpy=bool(extra.get("numpy")),
        cpu_seconds=extra.get("cpu_seconds"),
        also=extra.get("also"),
        forbid_ops=_ops(extra.get("forbid_ops") or [], question),
    )


def _ops(names: list[str], question: Question) -> tuple[str, ...]:
    for name in names:
        if name != "autograd" and not re.fullmatch(r"[a-z_]+::\w+", name):
            raise BankError(
                f"forbid_ops takes aten operation names like aten::_softmax, or autograd; not {name!r}",
                question.file,
                question.line,
                "forbid_ops",
            )
    return tuple(names)


def parse_signature(text: str, question: Question) -> tuple[str, tuple[Parameter, ...]]:
    """`softmax(x, dim=-1)` -> ("softmax", (x, dim=-1)); defaults must be literals."""
    try:
        node = ast.parse(f"def {text.strip()}: pass").body[0]
        assert isinstance(node, ast.FunctionDef)
        args = node.args
        defaults = [None] * (len(args.args) - len(args.defaults)) + list(args.defaults)
        params = tuple(
            Parameter(a.arg, ast.literal_eval(d) if d is not None else None, d is not None)
            for a, d in zip(args.args, defaults)
        )
    except (SyntaxError, ValueError, AssertionError):
        raise BankError(
            "signature must look like `name(a, b=1)` with literal defaults",
            question.file,
            question.line,
            "signature",
        ) from None
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
        raise BankError("signature takes plain parameters only", question.file, question.line, "signature")
    return node.name, params


def _file(folder: Path, relative: Any, question: Question, field: str) -> Path:
    if not isinstance(relative, str) or not relative.endswith(".py"):
        raise BankError(
            "name a .py file, relative to the exercises file", question.file, question.line, field
        )
    try:
        path = inside(folder, relative)
    except BankError as exc:
        raise BankError(exc.message, question.file, question.line, field) from None
    if not path.is_file():
        raise BankError(f"no such file: {path}", question.file, question.line, field)
    return path


def inside(folder: Path, relative: str) -> Path:
    """`folder / relative`, resolved, if it stays inside `folder`."""
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise BankError(
            f"{relative} resolves to {path}, outside the exercises folder "
            f"{folder}; a bank may only name its own files"
        )
    return path
