"""What a step check found: one Step per line, and the derivation as a whole.

Status of a line: `start` (the first readable line: nothing to compare it
with), `equal` (the same function as the last readable line before it),
`differs` (not the same: a point where they differ is the evidence),
`unreadable` (the line could not be read; it is skipped, so the next line is
compared with the one before it) or `undecided` (the two could not be
evaluated reliably anywhere; no verdict either way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from dltutor.errors import AnswerFormatError

Status = Literal["start", "equal", "differs", "unreadable", "undecided"]


@dataclass(frozen=True)
class Step:
    line: int  # 1-based line number in the derivation's text
    text: str  # the line as written (without a leading '=')
    status: Status
    given: bool = False  # written by the question, not by the learner
    expr: Any = None  # what the line was read as (SymPy); a head: the function
    value: Any = None  # what the line stands for: for d/dx (f), f' itself
    wrt: str | None = None  # set on a `d/dx (…)` head
    compared_with: int | None = None  # the line it was checked against
    counterexample: dict[str, float] | None = None
    this_value: float | None = None
    previous_value: float | None = None
    mistake: str | None = None  # named mistake between this line and the one before
    message: str | None = None  # that mistake's sentence, or why the line is unreadable
    position: int | None = None  # unreadable: offset of the problem inside `text`

    @property
    def read_as(self) -> str | None:
        if self.expr is None:
            return None
        return f"Derivative({self.expr}, {self.wrt})" if self.wrt else str(self.expr)

    def to_json(self) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "line": self.line,
            "text": self.text,
            "status": self.status,
            "read_as": self.read_as,
        }
        if self.given:
            payload["given"] = True
        if self.compared_with is not None:
            payload["compared_with"] = self.compared_with
        if self.status == "differs":
            payload.update(
                counterexample=self.counterexample,
                value=self.this_value,
                previous_value=self.previous_value,
                mistake=self.mistake,
                message=self.message,
            )
        if self.status in ("unreadable", "undecided"):
            payload.update(message=self.message, position=self.position)
        return payload


@dataclass(frozen=True)
class DerivationCheck:
    steps: tuple[Step, ...]
    variables: dict[str, str] = field(default_factory=dict)
    function: Any = None  # what is differentiated, when known (a head, or given)
    wrt: str | None = None

    @property
    def first_break(self) -> Step | None:
        return next((s for s in self.steps if s.status == "differs"), None)

    @property
    def unreadable(self) -> Step | None:
        return next((s for s in self.steps if s.status == "unreadable"), None)

    @property
    def last(self) -> Step | None:
        """The final line (the claim), if it could be read."""
        readable = [s for s in self.steps if s.expr is not None]
        return readable[-1] if readable and readable[-1] is self.steps[-1] else None

    def later_breaks(self) -> list[Step]:
        return [s for s in self.steps if s.status == "differs"][1:]

    def to_json(self) -> dict[str, Any]:
        brk = self.first_break
        return {"steps": [s.to_json() for s in self.steps], "first_break": brk.to_json() if brk else None}


class UnreadableStep(AnswerFormatError):
    """A derivation with a line that cannot be read: no verdict, and no attempt used.

    `text` and `position` point into the unreadable line itself; `check` holds
    what the other lines were found to be."""

    def __init__(self, step: Step, check: DerivationCheck) -> None:
        super().__init__(f"line {step.line}: {step.message}", step.position, step.text)
        self.step, self.check = step, check
