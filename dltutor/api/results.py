"""What the Python API returns: verdicts that read well in a script and a notebook.

Each result is truthy exactly when the answer is right, so `assert
dltutor.grade(...)` works in a script. `repr` is plain text; Jupyter shows
`_repr_markdown_` (and `_repr_latex_` where a formula is the point). None of
these import torch; the gradient result imports SymPy only to print LaTeX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_MARKS = {
    "correct": "✓ Correct",
    "incorrect": "✗ Not quite",
    "invalid": "? Unreadable",
    "shown": "The derivative",
}


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer to one question (`grade`, `check_code`)."""

    question_id: str
    seed: int
    verdict: str  # correct | incorrect
    score: float
    read_as: str
    feedback: str | None = None
    mistake: str | None = None
    explanation: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)  # counterexample, failing case

    def __bool__(self) -> bool:
        return self.verdict == "correct"

    def __repr__(self) -> str:
        lines = [
            f"{_MARKS[self.verdict]}  ({self.question_id}, seed {self.seed})",
            f"read as: {self.read_as}",
        ]
        lines += [self.feedback.strip()] if self.feedback else []
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        parts = [
            f"**{_MARKS[self.verdict]}** · `{self.question_id}` · seed {self.seed}",
            f"read as: `{self.read_as}`" if "\n" not in self.read_as else "",
            _block(self.feedback) if self.feedback else "",
        ]
        if self.verdict == "correct" and self.explanation:
            parts.append(f"*Why:* {self.explanation.strip()}")
        return "\n\n".join(part for part in parts if part)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question_id,
            "seed": self.seed,
            "verdict": self.verdict,
            "score": self.score,
            "feedback": self.feedback,
            "read_as": self.read_as,
            "mistake": self.mistake,
            **self.evidence,
        }


@dataclass(frozen=True)
class QuestionView:
    """One variant of a question: its prompt, and its hints one at a time."""

    question_id: str
    kind: str
    seed: int
    prompt: str
    choices: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    starter: str | None = None  # code exercises: the file to start from
    _shown: list[int] = field(default_factory=lambda: [0], repr=False, compare=False)

    def hint(self) -> str | None:
        """The next hint, or None when every hint has been shown."""
        if self._shown[0] >= len(self.hints):
            return None
        self._shown[0] += 1
        return self.hints[self._shown[0] - 1]

    def grade(self, answer: Any, record: bool = True) -> Grade:
        """Grade an answer to this variant (text, or a function/class for code)."""
        from dltutor.api import check_code, grade

        if self.kind == "code" and not isinstance(answer, str):
            return check_code(self.question_id, answer, seed=self.seed, record=record)
        return grade(self.question_id, answer, seed=self.seed, record=record)

    def __repr__(self) -> str:
        lines = [f"{self.question_id} ({self.kind}, seed {self.seed})", self.prompt.strip()]
        lines += [f"  {chr(97 + i)}) {choice}" for i, choice in enumerate(self.choices)]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        parts = [f"**{self.question_id}** · {self.kind} · seed {self.seed}", self.prompt.strip()]
        parts += [f"**{chr(97 + i)})** {choice}" for i, choice in enumerate(self.choices)]
        if self.starter:
            parts.append(f"```python\n{self.starter.rstrip()}\n```")
        return "\n\n".join(parts)


def _block(text: str) -> str:
    """Feedback with code or tracebacks stays verbatim; prose stays Markdown."""
    return f"```\n{text.strip()}\n```" if "Traceback" in text or "\n    " in text else text.strip()
