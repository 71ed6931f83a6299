"""Typed models of lessons and questions, as the loader builds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TextBlock:
    text: str


@dataclass(frozen=True)
class FormulaBlock:
    formula: str  # SymPy syntax, `lhs = rhs` chains allowed
    note: str | None = None
    matrices: tuple[str, ...] = ()
    identity: bool = False  # an identity the test suite verifies numerically
    functions: tuple[str, ...] = ()  # names written as calls, p(x) or Var(X), not products


@dataclass(frozen=True)
class PlotBlock:
    functions: tuple[str, ...]  # expressions of x
    x_range: tuple[float, float]
    labels: tuple[str, ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class ExampleBlock:
    title: str
    text: str


Block = TextBlock | FormulaBlock | PlotBlock | ExampleBlock


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Lesson:
    topic: str
    title: str
    summary: str
    prerequisites: tuple[str, ...]
    sections: tuple[Section, ...]
    key_points: tuple[str, ...]
    file: str


@dataclass(frozen=True)
class WrongAnswer:
    answer: Any
    mistake: str  # what misunderstanding produces this answer
    feedback: str  # what the learner reads when they give it
    line: int = 0


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # int | float | choice | value
    spec: Any  # [lo, hi], the choices, or the expression of a derived value
    digits: int | None = None  # floats are rounded to this many decimals


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    kind: str
    prompt: str
    answer: Any
    wrong: tuple[WrongAnswer, ...]
    hints: tuple[str, ...]
    explanation: str
    difficulty: int
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    section: str | None  # the lesson section that teaches it
    extra: dict[str, Any] = field(default_factory=dict)  # the kind's own fields
    file: str = ""
    line: int = 0

    @property
    def parametrised(self) -> bool:
        return bool(self.params)


@dataclass(frozen=True)
class Variant:
    """A question with its parameters drawn: what a learner actually sees."""

    question: Question
    seed: int
    values: dict[str, Any]
    prompt: str
    answer: Any
    wrong: tuple[WrongAnswer, ...]
    hints: tuple[str, ...]
    explanation: str
    extra: dict[str, Any]

    @property
    def id(self) -> str:
        return self.question.id
