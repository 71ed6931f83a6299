"""Results of the two gradient checks: a derivation, and a hand-written backward."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_MARKS = {"correct": "✓ Correct", "incorrect": "✗ Not quite", "shown": "The derivative"}


@dataclass(frozen=True)
class GradientResult:
    """`check_gradient`: the derivative of a function, and whether a claim matches it."""

    verdict: str  # correct | incorrect | shown (no claim given)
    wrt: tuple[str, ...]
    reference: tuple[Any, ...]  # SymPy expressions, one per variable
    read_as: tuple[Any, ...] | None = None
    feedback: str | None = None
    mistake: str | None = None
    counterexample: dict[str, float] | None = None
    note: str | None = None  # e.g. the function does not depend on a wrt variable

    @classmethod
    def from_check(cls, check: Any) -> GradientResult:
        read_as = tuple(check.read_as) if check.read_as is not None else None
        return cls(
            check.verdict,
            tuple(check.wrt),
            tuple(check.reference),
            read_as,
            check.feedback,
            check.mistake,
            check.counterexample,
            getattr(check, "note", None),
        )

    def __bool__(self) -> bool:
        return self.verdict == "correct"

    def __repr__(self) -> str:
        lines = [_MARKS[self.verdict]]
        if self.read_as is not None:
            lines.append("read as: " + _listed(self.read_as))
        lines += [self.feedback] if self.feedback else []
        if self.counterexample:
            lines.append("differs at " + ", ".join(f"{k} = {v:.6g}" for k, v in self.counterexample.items()))
        lines.append(f"{self._label()} = {_listed(self.reference)}")
        return "\n".join(lines + ([self.note] if self.note else []))

    def _repr_markdown_(self) -> str:
        parts = [f"**{_MARKS[self.verdict]}**"]
        if self.read_as is not None:
            parts.append(f"read as ${_latex(self.read_as)}$")
        parts += [self.feedback] if self.feedback else []
        parts.append(f"$${self._latex_label()} = {_latex(self.reference)}$$")
        return "\n\n".join(parts + ([self.note] if self.note else []))

    def _repr_latex_(self) -> str:
        return f"$${self._latex_label()} = {_latex(self.reference)}$$"

    def _label(self) -> str:
        return "∇f" if len(self.wrt) > 1 else f"df/d{self.wrt[0]}"

    def _latex_label(self) -> str:
        if len(self.wrt) > 1:
            return r"\nabla f"
        from sympy import Symbol, latex

        return r"\frac{\partial f}{\partial " + latex(Symbol(self.wrt[0])) + "}"


@dataclass(frozen=True)
class BackwardResult:
    """`check_backward`: a hand-written backward against central finite differences."""

    verdict: str  # correct | incorrect
    name: str
    message: str | None
    inputs: tuple[Any, ...]  # one report per gradient: label, shape, largest errors, where, ok
    isolation: str
    diagnosis: str | None = None  # which gradient is wrong and how (as an exercise says it)

    @classmethod
    def from_check(cls, check: Any, isolation: str) -> BackwardResult:
        diagnosis = check.diagnosis.message if check.diagnosis else None
        return cls(check.verdict, check.target.name, check.message, tuple(check.inputs), isolation, diagnosis)

    def __bool__(self) -> bool:
        return self.verdict == "correct"

    def __repr__(self) -> str:
        head = (
            "✓ The backward matches the finite differences."
            if self
            else "✗ The backward does not match the finite differences."
        )
        lines = [f"{head}  ({self.name}; sandbox: {self.isolation})"]
        lines += [self.message] if self.message else []
        for report in self.inputs:
            lines.append(
                f"{report.label} {report.shape}: largest error {report.max_abs:.2e} "
                f"at {report.where}" + ("" if report.ok else " (wrong)")
            )
        lines += [self.diagnosis] if self.diagnosis else []
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        lines = repr(self).splitlines()
        return f"**{lines[0]}**\n\n" + "\n".join(f"- {line}" for line in lines[1:])


def _listed(exprs: tuple[Any, ...]) -> str:
    texts = [str(expr) for expr in exprs]
    return texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"


def _latex(exprs: tuple[Any, ...]) -> str:
    from sympy import latex

    texts = [latex(expr) for expr in exprs]
    return texts[0] if len(texts) == 1 else r"\left[" + ", ".join(texts) + r"\right]"
